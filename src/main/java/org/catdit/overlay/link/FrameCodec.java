package org.catdit.overlay.link;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes session packets: a header ({@code 0x41}, or {@code 0x42} when an ECHO follows
 * in the clear; the receiver's 8-byte connection id; the packet number as a varint), then frames
 * until the end of the datagram — sealed with {@link PacketProtection} when the session is
 * protected. Type codes are only ever appended to.
 */
final class FrameCodec {
  static final int SESSION_PACKET = 0x41;

  /** A session packet whose first frame is an ECHO, sent in the clear. */
  static final int SESSION_PACKET_WITH_ECHO = 0x42;

  static final int PADDING = 0x00;
  static final int PING = 0x01;
  static final int ACK = 0x02;
  static final int STREAM = 0x03;
  static final int MAX_DATA = 0x04;
  static final int CLOSE = 0x05;
  static final int ECHO = 0x06;

  static final int MAX_ACK_RANGES = 64;
  static final int MAX_FRAMES_PER_PACKET = 256;
  static final int MAX_STREAMS = 8;
  static final long MAX_STREAM_OFFSET = (1L << 62) - 1;
  static final long MAX_PACKET_NUMBER = (1L << 62) - 1;
  static final int NONCE_BYTES = 16;
  static final int MAC_BYTES = 16;
  static final int MAX_PUBLIC_KEY_BYTES = 64;
  static final int MAX_SIGNATURE_BYTES = 128;

  /** Header size if the packet number takes its longest (8-byte) form. */
  static final int MAX_HEADER_BYTES = 1 + 8 + 8;

  private FrameCodec() {}

  /** The decoded header and frames of one session packet. */
  record Packet(long destinationConnectionId, long packetNumber, List<Frame> frames) {}

  static void writeHeader(PacketWriter out, long destinationConnectionId, long packetNumber) {
    out.writeByte(SESSION_PACKET).writeLong(destinationConnectionId).writeVarint(packetNumber);
  }

  /** Decodes a packet whose frames are not sealed. */
  static Packet decode(byte[] bytes, int offset, int length, int maxStreamFrameBytes)
      throws MalformedPacketException {
    return decode(bytes, offset, length, maxStreamFrameBytes, null);
  }

  /**
   * Decodes a packet, opening its frames with {@code protection} unless that is {@code null}. Its
   * STREAM frames are views of {@code bytes} or of the protection's plaintext buffer: valid until
   * the next packet is decoded, so the session takes them in before that.
   *
   * @return the packet, or {@code null} if the frames do not authenticate
   */
  static Packet decode(
      byte[] bytes, int offset, int length, int maxStreamFrameBytes, PacketProtection protection)
      throws MalformedPacketException {
    PacketReader in = new PacketReader(bytes, offset, length);
    int kind = in.readUnsignedByte();
    if (kind != SESSION_PACKET && kind != SESSION_PACKET_WITH_ECHO) {
      throw new MalformedPacketException("not a session packet");
    }
    long connectionId = in.readLong();
    long packetNumber = in.readVarint(MAX_PACKET_NUMBER, "packet number");
    List<Frame> frames = new ArrayList<>(4);
    if (kind == SESSION_PACKET_WITH_ECHO) {
      if (in.readUnsignedByte() != ECHO) {
        throw new MalformedPacketException("ECHO expected");
      }
      frames.add(decodeEcho(in));
    }
    PacketReader payload = in;
    if (protection != null) {
      int clearLength = in.position() - offset;
      int plaintextLength = protection.open(packetNumber, bytes, offset, clearLength, length);
      if (plaintextLength < 0) {
        return null;
      }
      payload = new PacketReader(protection.plaintext(), 0, plaintextLength);
    }
    while (payload.remaining() > 0) {
      int type = payload.readUnsignedByte();
      if (type == PADDING) {
        continue;
      }
      if (frames.size() == MAX_FRAMES_PER_PACKET) {
        throw new MalformedPacketException("too many frames");
      }
      frames.add(decodeFrame(type, payload, maxStreamFrameBytes));
    }
    if (frames.isEmpty()) {
      throw new MalformedPacketException("a packet without frames");
    }
    return new Packet(connectionId, packetNumber, frames);
  }

  /** Reads just the destination connection id of a session packet. */
  static long peekConnectionId(byte[] bytes, int offset, int length)
      throws MalformedPacketException {
    PacketReader in = new PacketReader(bytes, offset, length);
    in.skip(1);
    return in.readLong();
  }

  static Frame.Echo decodeEcho(PacketReader in) throws MalformedPacketException {
    return new Frame.Echo(
        in.readLong(),
        in.readFixed(NONCE_BYTES),
        in.readUnsignedShort(),
        in.readShortBytes(MAX_PUBLIC_KEY_BYTES, "public key"),
        in.readFixed(KeyExchange.KEY_BYTES),
        in.readLong(),
        in.readFixed(NONCE_BYTES),
        in.readFixed(MAC_BYTES),
        in.readShortBytes(MAX_SIGNATURE_BYTES, "signature"));
  }

  private static Frame decodeFrame(int type, PacketReader in, int maxStreamFrameBytes)
      throws MalformedPacketException {
    switch (type) {
      case PING:
        return new Frame.Ping();
      case ACK:
        return decodeAck(in);
      case STREAM:
        {
          int streamId = in.readUnsignedByte();
          if (streamId >= MAX_STREAMS) {
            throw new MalformedPacketException("stream id out of range: " + streamId);
          }
          long streamOffset = in.readVarint();
          int dataLength = (int) in.readVarint(maxStreamFrameBytes, "stream frame length");
          if (streamOffset + dataLength > MAX_STREAM_OFFSET) {
            throw new MalformedPacketException("stream offset out of range");
          }
          int from = in.position();
          in.skip(dataLength);
          return new Frame.Stream(streamId, streamOffset, in.array(), from, dataLength);
        }
      case MAX_DATA:
        return new Frame.MaxData(in.readVarint());
      case CLOSE:
        return new Frame.Close((int) in.readVarint(0xFFFF, "close reason"));
      default:
        throw new MalformedPacketException("unknown frame type " + type);
    }
  }

  private static Frame.Ack decodeAck(PacketReader in) throws MalformedPacketException {
    long largest = in.readVarint(MAX_PACKET_NUMBER, "largest acknowledged");
    long ackDelayMicros = in.readVarint(1L << 32, "ack delay") << 3;
    int extraRanges = (int) in.readVarint(MAX_ACK_RANGES - 1, "ack range count");
    long[] ranges = new long[2 * (extraRanges + 1)];
    long firstLength = in.readVarint();
    if (firstLength > largest) {
      throw new MalformedPacketException("first ack range below zero");
    }
    ranges[0] = largest;
    ranges[1] = largest - firstLength;
    long smallest = ranges[1];
    for (int i = 1; i <= extraRanges; i++) {
      long gap = in.readVarint();
      long rangeLength = in.readVarint();
      // RFC 9000 §19.3.1: the next range ends gap + 2 below the previous smallest.
      long high = smallest - gap - 2;
      if (gap > smallest || high < 0 || rangeLength > high) {
        throw new MalformedPacketException("ack range below zero");
      }
      ranges[2 * i] = high;
      ranges[2 * i + 1] = high - rangeLength;
      smallest = ranges[2 * i + 1];
    }
    return new Frame.Ack(ackDelayMicros, ranges);
  }

  /** Encoded size of a frame, so the builder can check it fits before writing. */
  static int encodedSize(Frame frame) {
    if (frame instanceof Frame.Stream stream) {
      return streamHeaderSize(stream.offset(), stream.length()) + stream.length();
    }
    if (frame instanceof Frame.Ack ack) {
      return ackSize(ack);
    }
    if (frame instanceof Frame.Ping) {
      return 1;
    }
    if (frame instanceof Frame.MaxData maxData) {
      return 1 + PacketWriter.varintLength(maxData.maxData());
    }
    if (frame instanceof Frame.Close close) {
      return 1 + PacketWriter.varintLength(close.reason());
    }
    Frame.Echo echo = (Frame.Echo) frame;
    return 1
        + 8
        + NONCE_BYTES
        + 2
        + 1
        + echo.initiatorPublicKey().length
        + KeyExchange.KEY_BYTES
        + 8
        + NONCE_BYTES
        + MAC_BYTES
        + 1
        + echo.signature().length;
  }

  static int streamHeaderSize(long offset, int length) {
    return 2 + PacketWriter.varintLength(offset) + PacketWriter.varintLength(length);
  }

  static void encode(PacketWriter out, Frame frame) {
    if (frame instanceof Frame.Stream stream) {
      out.writeByte(STREAM).writeByte(stream.streamId()).writeVarint(stream.offset());
      out.writeVarint(stream.length()).writeFixed(stream.buffer(), stream.from(), stream.length());
    } else if (frame instanceof Frame.Ack ack) {
      encodeAck(out, ack);
    } else if (frame instanceof Frame.Ping) {
      out.writeByte(PING);
    } else if (frame instanceof Frame.MaxData maxData) {
      out.writeByte(MAX_DATA).writeVarint(maxData.maxData());
    } else if (frame instanceof Frame.Close close) {
      out.writeByte(CLOSE).writeVarint(close.reason());
    } else {
      Frame.Echo echo = (Frame.Echo) frame;
      out.writeByte(ECHO).writeLong(echo.initiatorConnectionId());
      out.writeFixed(echo.initiatorNonce(), 0, NONCE_BYTES);
      out.writeUnsignedShort(echo.initiatorMaxDatagramBytes());
      out.writeShortBytes(echo.initiatorPublicKey());
      out.writeFixed(echo.initiatorEphemeralKey(), 0, KeyExchange.KEY_BYTES);
      out.writeLong(echo.cookieIssuedMicros());
      out.writeFixed(echo.responderNonce(), 0, NONCE_BYTES);
      out.writeFixed(echo.cookieMac(), 0, MAC_BYTES).writeShortBytes(echo.signature());
    }
  }

  private static int ackSize(Frame.Ack ack) {
    long[] r = ack.ranges();
    int size =
        1
            + PacketWriter.varintLength(r[0])
            + PacketWriter.varintLength(ack.ackDelayMicros() >>> 3)
            + PacketWriter.varintLength(ack.rangeCount() - 1)
            + PacketWriter.varintLength(r[0] - r[1]);
    for (int i = 2; i < r.length; i += 2) {
      size += PacketWriter.varintLength(r[i - 1] - r[i] - 2);
      size += PacketWriter.varintLength(r[i] - r[i + 1]);
    }
    return size;
  }

  private static void encodeAck(PacketWriter out, Frame.Ack ack) {
    long[] r = ack.ranges();
    out.writeByte(ACK).writeVarint(r[0]).writeVarint(ack.ackDelayMicros() >>> 3);
    out.writeVarint(ack.rangeCount() - 1).writeVarint(r[0] - r[1]);
    for (int i = 2; i < r.length; i += 2) {
      out.writeVarint(r[i - 1] - r[i] - 2).writeVarint(r[i] - r[i + 1]);
    }
  }
}
