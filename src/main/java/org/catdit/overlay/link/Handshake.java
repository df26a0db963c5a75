package org.catdit.overlay.link;

import java.nio.charset.StandardCharsets;

/**
 * The two handshake packets that travel outside a session, and the transcript both sides sign.
 *
 * <p>The exchange (SCTP-style cookie, QUIC-style anti-amplification): the initiator sends INIT,
 * padded to at least {@link #MIN_INIT_BYTES}; the responder answers with INIT_ACK carrying its key,
 * its signature over the transcript and a MAC'd cookie, and keeps no state; the initiator checks
 * the signature, and its first session packet starts with an ECHO frame (the cookie plus its own
 * signature), so data flows after one round trip. The responder creates the session only when a
 * valid cookie comes back from the address it was issued to.
 */
final class Handshake {
  static final int INIT = 0xC1;
  static final int INIT_ACK = 0xC2;
  static final int VERSION = 1;

  /** An INIT must be at least this large, so the INIT_ACK (well under 3×) never amplifies. */
  static final int MIN_INIT_BYTES = 1200;

  private static final byte[] LABEL = "catdit-link-v1".getBytes(StandardCharsets.US_ASCII);

  private Handshake() {}

  /** {@code flags} bit 0: the initiator wants sealed session packets. */
  record Init(
      long initiatorConnectionId,
      byte[] nonce,
      int maxDatagramBytes,
      int flags,
      byte[] publicKey,
      byte[] ephemeralKey) {}

  static final int FLAG_PROTECTED = 1;

  record InitAck(
      long initiatorConnectionId,
      long responderConnectionId,
      byte[] responderNonce,
      int maxDatagramBytes,
      int flags,
      byte[] publicKey,
      byte[] ephemeralKey,
      byte[] signature,
      long cookieIssuedMicros,
      byte[] cookieMac) {}

  static byte[] encodeInit(Init init) {
    PacketWriter out = new PacketWriter(MIN_INIT_BYTES);
    out.writeByte(INIT).writeByte(VERSION).writeLong(init.initiatorConnectionId());
    out.writeFixed(init.nonce(), 0, FrameCodec.NONCE_BYTES);
    out.writeUnsignedShort(init.maxDatagramBytes()).writeByte(init.flags());
    out.writeShortBytes(init.publicKey());
    out.writeFixed(init.ephemeralKey(), 0, KeyExchange.KEY_BYTES);
    return out.padTo(MIN_INIT_BYTES).toByteArray();
  }

  static Init decodeInit(byte[] bytes, int offset, int length) throws MalformedPacketException {
    if (length < MIN_INIT_BYTES) {
      throw new MalformedPacketException("INIT shorter than " + MIN_INIT_BYTES);
    }
    PacketReader in = new PacketReader(bytes, offset, length);
    if (in.readUnsignedByte() != INIT || in.readUnsignedByte() != VERSION) {
      throw new MalformedPacketException("not an INIT of this version");
    }
    return new Init(
        in.readLong(),
        in.readFixed(FrameCodec.NONCE_BYTES),
        in.readUnsignedShort(),
        in.readUnsignedByte(),
        in.readShortBytes(FrameCodec.MAX_PUBLIC_KEY_BYTES, "public key"),
        in.readFixed(KeyExchange.KEY_BYTES));
  }

  static byte[] encodeInitAck(InitAck ack) {
    PacketWriter out =
        new PacketWriter(
            2
                + 8
                + 8
                + FrameCodec.NONCE_BYTES
                + 2
                + 1 // flags
                + 1
                + ack.publicKey().length
                + KeyExchange.KEY_BYTES
                + 1
                + ack.signature().length
                + 8
                + FrameCodec.MAC_BYTES);
    out.writeByte(INIT_ACK).writeByte(VERSION).writeLong(ack.initiatorConnectionId());
    out.writeLong(ack.responderConnectionId());
    out.writeFixed(ack.responderNonce(), 0, FrameCodec.NONCE_BYTES);
    out.writeUnsignedShort(ack.maxDatagramBytes()).writeByte(ack.flags());
    out.writeShortBytes(ack.publicKey());
    out.writeFixed(ack.ephemeralKey(), 0, KeyExchange.KEY_BYTES);
    out.writeShortBytes(ack.signature()).writeLong(ack.cookieIssuedMicros());
    out.writeFixed(ack.cookieMac(), 0, FrameCodec.MAC_BYTES);
    return out.toByteArray();
  }

  static InitAck decodeInitAck(byte[] bytes, int offset, int length)
      throws MalformedPacketException {
    PacketReader in = new PacketReader(bytes, offset, length);
    if (in.readUnsignedByte() != INIT_ACK || in.readUnsignedByte() != VERSION) {
      throw new MalformedPacketException("not an INIT_ACK of this version");
    }
    InitAck ack =
        new InitAck(
            in.readLong(),
            in.readLong(),
            in.readFixed(FrameCodec.NONCE_BYTES),
            in.readUnsignedShort(),
            in.readUnsignedByte(),
            in.readShortBytes(FrameCodec.MAX_PUBLIC_KEY_BYTES, "public key"),
            in.readFixed(KeyExchange.KEY_BYTES),
            in.readShortBytes(FrameCodec.MAX_SIGNATURE_BYTES, "signature"),
            in.readLong(),
            in.readFixed(FrameCodec.MAC_BYTES));
    if (in.remaining() != 0) {
      throw new MalformedPacketException("trailing bytes after INIT_ACK");
    }
    return ack;
  }

  /** Transcript roles: what the initiator signs, what the responder signs, the key schedule. */
  static final int ROLE_INITIATOR = 'I';

  static final int ROLE_RESPONDER = 'R';
  static final int ROLE_KEYS = 'K';

  /**
   * What each side signs, and what the session keys are bound to: both connection ids, both nonces,
   * both identity keys, both ephemeral keys and the protection flags.
   */
  static byte[] transcript(
      int role,
      long initiatorConnectionId,
      long responderConnectionId,
      byte[] initiatorNonce,
      byte[] responderNonce,
      byte[] initiatorKey,
      byte[] responderKey,
      byte[] initiatorEphemeralKey,
      byte[] responderEphemeralKey,
      int flags) {
    PacketWriter out =
        new PacketWriter(
            LABEL.length
                + 1
                + 16
                + 2 * FrameCodec.NONCE_BYTES
                + 2
                + initiatorKey.length
                + responderKey.length
                + 2 * KeyExchange.KEY_BYTES
                + 1);
    out.writeFixed(LABEL, 0, LABEL.length).writeByte(role);
    out.writeLong(initiatorConnectionId).writeLong(responderConnectionId);
    out.writeFixed(initiatorNonce, 0, initiatorNonce.length);
    out.writeFixed(responderNonce, 0, responderNonce.length);
    out.writeShortBytes(initiatorKey).writeShortBytes(responderKey);
    out.writeFixed(initiatorEphemeralKey, 0, KeyExchange.KEY_BYTES);
    out.writeFixed(responderEphemeralKey, 0, KeyExchange.KEY_BYTES);
    out.writeByte(flags);
    return out.toByteArray();
  }
}
