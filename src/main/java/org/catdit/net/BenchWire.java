package org.catdit.net;

import java.nio.ByteBuffer;

/**
 * The transport benchmark's messages, the same on the link and on TCP (where each is framed by a
 * u32 length). The first byte is the kind: {@code A} announces a transfer (u64 bytes, u64 messages)
 * ahead of its data on the same stream, {@code X} is data, {@code P} a ping that the other end
 * answers with the same bytes as {@code Q}, and {@code D} tells the sender that the announced
 * transfer has fully arrived.
 */
final class BenchWire {
  static final byte ANNOUNCE = 'A';
  static final byte DATA = 'X';
  static final byte PING = 'P';
  static final byte PONG = 'Q';
  static final byte DONE = 'D';

  /** The link stream for pings, pongs and DONE (highest priority). */
  static final int CONTROL_STREAM = 0;

  /** The link stream for announcements and data. */
  static final int BULK_STREAM = 1;

  private BenchWire() {}

  static byte[] announce(long bytes, long messages) {
    return ByteBuffer.allocate(17).put(ANNOUNCE).putLong(bytes).putLong(messages).array();
  }

  static byte[] data(int bytes) {
    byte[] message = new byte[bytes];
    for (int i = 1; i < bytes; i++) {
      message[i] = (byte) (i * 31);
    }
    message[0] = DATA;
    return message;
  }

  static byte[] ping(int bytes) {
    byte[] message = new byte[Math.max(1, bytes)];
    message[0] = PING;
    return message;
  }

  static byte[] done() {
    return new byte[] {DONE};
  }

  /** The receiving end's count for one connection; the next transfer starts after DONE. */
  static final class Tally {
    private long expectedBytes = -1;
    private long expectedMessages = -1;
    private long receivedBytes;
    private long receivedMessages;

    /** Records an announcement; true if the transfer is now complete. */
    boolean expect(byte[] announce) {
      if (announce.length < 17) {
        return false;
      }
      ByteBuffer buffer = ByteBuffer.wrap(announce, 1, 16);
      expectedBytes = buffer.getLong();
      expectedMessages = buffer.getLong();
      return isComplete();
    }

    /** Records one data message; true if the transfer is now complete. */
    boolean add(long bytes) {
      receivedBytes += bytes;
      receivedMessages++;
      return isComplete();
    }

    private boolean isComplete() {
      if (expectedMessages < 0
          || receivedMessages < expectedMessages
          || receivedBytes < expectedBytes) {
        return false;
      }
      receivedBytes -= expectedBytes;
      receivedMessages -= expectedMessages;
      expectedBytes = -1;
      expectedMessages = -1;
      return true;
    }
  }
}
