package org.catdit.overlay.link;

import java.util.Arrays;

/**
 * The frames a session packet carries (one record per frame type; type codes in {@link
 * FrameCodec}).
 */
sealed interface Frame {

  /** Whether receiving this frame obliges the peer to acknowledge the packet (RFC 9000 §13.2). */
  default boolean isAckEliciting() {
    return true;
  }

  /** Asks for an acknowledgement and nothing else: keep-alives and path probes. */
  record Ping() implements Frame {}

  /**
   * Acknowledged packet-number ranges, newest first. {@code ranges} holds pairs {@code [high, low]}
   * (inclusive), strictly descending and separated by at least one missing packet.
   */
  record Ack(long ackDelayMicros, long[] ranges) implements Frame {
    public Ack {
      if (ranges.length < 2 || ranges.length % 2 != 0) {
        throw new IllegalArgumentException("an ACK needs at least one range");
      }
    }

    long largest() {
      return ranges[0];
    }

    int rangeCount() {
      return ranges.length / 2;
    }

    @Override
    public boolean isAckEliciting() {
      return false;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Ack that
          && that.ackDelayMicros == ackDelayMicros
          && Arrays.equals(that.ranges, ranges);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(ackDelayMicros) * 31 + Arrays.hashCode(ranges);
    }

    @Override
    public String toString() {
      return "Ack[delay=" + ackDelayMicros + ", ranges=" + Arrays.toString(ranges) + "]";
    }
  }

  /**
   * Bytes {@code [offset, offset + length)} of one stream's byte sequence, held as a view of {@code
   * buffer[from, from + length)}: the decoder points into the opened packet and the sender into the
   * message it sends, so a bulk transfer copies each byte once on the way into a packet and once on
   * the way into a message, not once more per frame. A view is only valid while its buffer is
   * unchanged: the receiver consumes it (or copies it) before the packet's buffer is reused.
   */
  record Stream(int streamId, long offset, byte[] buffer, int from, int length) implements Frame {
    public Stream {
      if (from < 0 || length < 0 || from + length > buffer.length) {
        throw new IllegalArgumentException("view out of range");
      }
    }

    Stream(int streamId, long offset, byte[] data) {
      this(streamId, offset, data, 0, data.length);
    }

    long end() {
      return offset + length;
    }

    /** A copy of the bytes. */
    byte[] data() {
      return Arrays.copyOfRange(buffer, from, from + length);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Stream that
          && that.streamId == streamId
          && that.offset == offset
          && Arrays.equals(
              that.buffer, that.from, that.from + that.length, buffer, from, from + length);
    }

    @Override
    public int hashCode() {
      return (streamId * 31 + Long.hashCode(offset)) * 31 + Arrays.hashCode(data());
    }

    @Override
    public String toString() {
      return "Stream[id=" + streamId + ", offset=" + offset + ", length=" + length + "]";
    }
  }

  /** Connection-level credit: the sender may send stream bytes up to this cumulative total. */
  record MaxData(long maxData) implements Frame {}

  /** The sender is closing the session; no reply is expected. */
  record Close(int reason) implements Frame {
    @Override
    public boolean isAckEliciting() {
      return false;
    }
  }

  /**
   * The initiator's half of the handshake: it echoes the responder's cookie, brings its X25519
   * ephemeral key and proves its identity key by signing the handshake transcript. It travels in
   * the clear right after the header of a packet of type {@code 0x42}, since the responder needs it
   * to derive the keys that open the rest.
   */
  record Echo(
      long initiatorConnectionId,
      byte[] initiatorNonce,
      int initiatorMaxDatagramBytes,
      byte[] initiatorPublicKey,
      byte[] initiatorEphemeralKey,
      long cookieIssuedMicros,
      byte[] responderNonce,
      byte[] cookieMac,
      byte[] signature)
      implements Frame {}
}
