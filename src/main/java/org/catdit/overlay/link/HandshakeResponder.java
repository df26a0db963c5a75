package org.catdit.overlay.link;

import java.util.random.RandomGenerator;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.LinkCounters.Counter;

/**
 * The responder's half of the handshake (see {@link Handshake}). It answers INITs without keeping
 * any state, and accepts an ECHO only with a fresh cookie MAC'd for the address it came from, a
 * valid initiator signature and a first packet that opens. INIT_ACKs cost a signature each, so they
 * are rate-limited by a token bucket per source address and one shared bucket; the X25519 key they
 * carry changes every epoch and is cached, so a flood of INITs costs no key exchange.
 */
final class HandshakeResponder {
  /** The responder's X25519 key changes every 10 s (and the cookie lifetime bounds its use). */
  private static final long EPHEMERAL_EPOCH_MICROS = 10_000_000;

  /**
   * INIT_ACKs per second one source address (IP and port) may draw, and its burst: a genuine peer
   * sends an INIT and retries it after 1, 2 and 4 s, so 4 per second never holds it back, and a
   * flooding socket gets 4 signatures a second instead of the whole budget.
   */
  static final double SOURCE_HANDSHAKES_PER_SECOND = 4;

  static final double SOURCE_HANDSHAKE_BURST = 8;

  /** Sources tracked at once; beyond that the one seen longest ago is forgotten. */
  static final int MAX_HANDSHAKE_SOURCES = 4096;

  private final LinkConfig config;
  private final PeerAuthenticator authenticator;
  private final RandomGenerator random;
  private final LinkCounters counters;
  private final CookieMinter cookies;
  private final byte[] publicKey;
  private final long[] ephemeralEpochs = new long[2];
  private final byte[][] ephemeralKeys = new byte[2][];
  private final SourceRateLimiter perSource =
      new SourceRateLimiter(
          SOURCE_HANDSHAKES_PER_SECOND, SOURCE_HANDSHAKE_BURST, MAX_HANDSHAKE_SOURCES);
  private double handshakeTokens;
  private long handshakeTokensMicros = Long.MIN_VALUE;

  HandshakeResponder(
      LinkConfig config,
      PeerAuthenticator authenticator,
      RandomGenerator random,
      LinkCounters counters) {
    this.config = config;
    this.authenticator = authenticator;
    this.random = random;
    this.counters = counters;
    this.cookies = new CookieMinter(random);
    this.publicKey = authenticator.publicKey();
    this.handshakeTokens = config.handshakeBurst();
  }

  static int protectionFlags(LinkConfig config) {
    return config.isPacketProtectionEnabled() ? Handshake.FLAG_PROTECTED : 0;
  }

  /** A session set up by a valid ECHO, with the packet that carried it, already opened. */
  record Accepted(
      PeerId peer,
      long responderConnectionId,
      Frame.Echo echo,
      PacketProtection protection,
      FrameCodec.Packet packet) {}

  /**
   * The stateless answer to an INIT from {@code addressBytes}.
   *
   * @return the INIT_ACK to send back, or {@code null} (counted) if none is due
   */
  byte[] answerInit(long nowMicros, byte[] addressBytes, Handshake.Init init, int receivedBytes) {
    counters.increment(Counter.INITS_RECEIVED);
    if (init.flags() != protectionFlags(config)) {
      counters.increment(Counter.HANDSHAKE_MISMATCHES);
      return null;
    }
    // Per source first, so a flooding socket does not drain the shared bucket; then the global cap.
    if (!perSource.tryTake(nowMicros, addressBytes)) {
      counters.increment(Counter.HANDSHAKES_RATE_LIMITED);
      counters.increment(Counter.HANDSHAKES_SOURCE_LIMITED);
      return null;
    }
    if (!takeHandshakeToken(nowMicros)) {
      counters.increment(Counter.HANDSHAKES_RATE_LIMITED);
      return null;
    }
    if (authenticator.peerIdOf(init.publicKey()) == null) {
      counters.increment(Counter.AUTHENTICATION_FAILURES);
      return null;
    }
    long responderConnectionId = random.nextLong();
    byte[] responderNonce = new byte[FrameCodec.NONCE_BYTES];
    random.nextBytes(responderNonce);
    byte[] ephemeralKey =
        config.isPacketProtectionEnabled()
            ? ephemeralKey(nowMicros / EPHEMERAL_EPOCH_MICROS)
            : new byte[KeyExchange.KEY_BYTES];
    byte[] signature =
        authenticator.sign(
            Handshake.transcript(
                Handshake.ROLE_RESPONDER,
                init.initiatorConnectionId(),
                responderConnectionId,
                init.nonce(),
                responderNonce,
                init.publicKey(),
                publicKey,
                init.ephemeralKey(),
                ephemeralKey,
                init.flags()));
    byte[] mac =
        cookies.mint(
            addressBytes,
            nowMicros,
            init.initiatorConnectionId(),
            responderConnectionId,
            init.nonce(),
            responderNonce,
            init.publicKey(),
            init.ephemeralKey());
    byte[] initAck =
        Handshake.encodeInitAck(
            new Handshake.InitAck(
                init.initiatorConnectionId(),
                responderConnectionId,
                responderNonce,
                config.maxDatagramBytes(),
                init.flags(),
                publicKey,
                ephemeralKey,
                signature,
                nowMicros,
                mac));
    // Anti-amplification (RFC 9000 §8.1): never more than three times what the address sent.
    if (initAck.length > 3 * receivedBytes) {
      return null;
    }
    counters.increment(Counter.INIT_ACKS_SENT);
    return initAck;
  }

  /**
   * Checks a packet of type {@code 0x42} for an unknown connection: the cookie, the initiator's
   * signature, then the packet's seal.
   *
   * @return the accepted set-up, or {@code null} (counted)
   */
  Accepted acceptEcho(long nowMicros, byte[] addressBytes, byte[] bytes, int offset, int length)
      throws MalformedPacketException {
    PacketReader in = new PacketReader(bytes, offset, length);
    in.skip(1);
    long responderConnectionId = in.readLong();
    in.readVarint();
    if (in.readUnsignedByte() != FrameCodec.ECHO) {
      counters.increment(Counter.MALFORMED_DROPPED);
      return null;
    }
    Frame.Echo echo = FrameCodec.decodeEcho(in);
    long age = nowMicros - echo.cookieIssuedMicros();
    if (age < 0 || age > config.cookieLifetimeMicros()) {
      counters.increment(Counter.COOKIES_EXPIRED);
      return null;
    }
    if (!cookies.check(
        echo.cookieMac(),
        addressBytes,
        echo.cookieIssuedMicros(),
        echo.initiatorConnectionId(),
        responderConnectionId,
        echo.initiatorNonce(),
        echo.responderNonce(),
        echo.initiatorPublicKey(),
        echo.initiatorEphemeralKey())) {
      counters.increment(Counter.COOKIES_INVALID);
      return null;
    }
    PeerId peer = authenticator.peerIdOf(echo.initiatorPublicKey());
    boolean isProtected = config.isPacketProtectionEnabled();
    long epoch = echo.cookieIssuedMicros() / EPHEMERAL_EPOCH_MICROS;
    byte[] ephemeralKey = isProtected ? ephemeralKey(epoch) : new byte[KeyExchange.KEY_BYTES];
    byte[] transcript =
        Handshake.transcript(
            Handshake.ROLE_INITIATOR,
            echo.initiatorConnectionId(),
            responderConnectionId,
            echo.initiatorNonce(),
            echo.responderNonce(),
            echo.initiatorPublicKey(),
            publicKey,
            echo.initiatorEphemeralKey(),
            ephemeralKey,
            protectionFlags(config));
    if (peer == null
        || peer.equals(authenticator.localPeer())
        || !authenticator.verify(echo.initiatorPublicKey(), transcript, echo.signature())) {
      counters.increment(Counter.AUTHENTICATION_FAILURES);
      return null;
    }
    PacketProtection protection = null;
    if (isProtected) {
      byte[] secret =
          KeyExchange.sharedSecret(cookies.ephemeralScalar(epoch), echo.initiatorEphemeralKey());
      if (secret == null) {
        counters.increment(Counter.AUTHENTICATION_FAILURES);
        return null;
      }
      protection =
          PacketProtection.derive(
              secret,
              Handshake.transcript(
                  Handshake.ROLE_KEYS,
                  echo.initiatorConnectionId(),
                  responderConnectionId,
                  echo.initiatorNonce(),
                  echo.responderNonce(),
                  echo.initiatorPublicKey(),
                  publicKey,
                  echo.initiatorEphemeralKey(),
                  ephemeralKey,
                  protectionFlags(config)),
              false);
    }
    FrameCodec.Packet packet =
        FrameCodec.decode(bytes, offset, length, config.maxDatagramBytes(), protection);
    if (packet == null) {
      counters.increment(Counter.UNAUTHENTIC_PACKETS_DROPPED);
      return null;
    }
    return new Accepted(peer, responderConnectionId, echo, protection, packet);
  }

  /** The responder's ephemeral public key for an epoch (the last two are cached). */
  private byte[] ephemeralKey(long epoch) {
    for (int i = 0; i < ephemeralEpochs.length; i++) {
      if (ephemeralKeys[i] != null && ephemeralEpochs[i] == epoch) {
        return ephemeralKeys[i];
      }
    }
    int slot = (int) (epoch & 1);
    ephemeralEpochs[slot] = epoch;
    ephemeralKeys[slot] = KeyExchange.publicKey(cookies.ephemeralScalar(epoch));
    return ephemeralKeys[slot];
  }

  private boolean takeHandshakeToken(long nowMicros) {
    if (handshakeTokensMicros != Long.MIN_VALUE && nowMicros > handshakeTokensMicros) {
      handshakeTokens =
          Math.min(
              config.handshakeBurst(),
              handshakeTokens
                  + (nowMicros - handshakeTokensMicros) * config.handshakesPerSecond() / 1e6);
    }
    handshakeTokensMicros = Math.max(handshakeTokensMicros, nowMicros);
    if (handshakeTokens < 1) {
      return false;
    }
    handshakeTokens -= 1;
    return true;
  }
}
