package org.catdit.overlay.link;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One direction of one stream, as the receiver sees it: out-of-order segments wait in a map until
 * the gap before them fills; in-order bytes are parsed into length-prefixed messages at once.
 */
final class ReceiveStream {
  private final int maxMessageBytes;
  private final TreeMap<Long, byte[]> segments = new TreeMap<>();
  private long bufferedBytes;
  private long readOffset;
  private long highestOffset;

  // Message parser state.
  private long pendingLength;
  private int lengthBytesSeen;
  private int lengthBytesNeeded;
  private byte[] message;
  private int messageFilled;

  ReceiveStream(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  long highestOffset() {
    return highestOffset;
  }

  long readOffset() {
    return readOffset;
  }

  long bufferedBytes() {
    return bufferedBytes;
  }

  /** The outcome of one frame. */
  enum Result {
    ACCEPTED,
    DUPLICATE,
    MESSAGE_TOO_LARGE
  }

  Result onData(long offset, byte[] data, Consumer<byte[]> deliver) {
    return onData(offset, data, 0, data.length, deliver);
  }

  /**
   * Takes {@code buffer[from, from + length)} at stream {@code offset}. In-order bytes are parsed
   * at once; only bytes that must wait for a gap are copied, so {@code buffer} may be reused after
   * the call.
   */
  Result onData(long offset, byte[] buffer, int from, int length, Consumer<byte[]> deliver) {
    long end = offset + length;
    if (end <= readOffset) {
      return Result.DUPLICATE;
    }
    highestOffset = Math.max(highestOffset, end);
    if (offset > readOffset) {
      byte[] existing = segments.get(offset);
      if (existing == null || existing.length < length) {
        bufferedBytes += length - (existing == null ? 0 : existing.length);
        segments.put(offset, Arrays.copyOfRange(buffer, from, from + length));
      }
      return Result.ACCEPTED;
    }
    if (!consume(buffer, from + (int) (readOffset - offset), from + length, deliver)) {
      return Result.MESSAGE_TOO_LARGE;
    }
    // Drain segments the new bytes made contiguous.
    Map.Entry<Long, byte[]> next = segments.firstEntry();
    while (next != null && next.getKey() <= readOffset) {
      segments.remove(next.getKey());
      byte[] bytes = next.getValue();
      bufferedBytes -= bytes.length;
      long segmentEnd = next.getKey() + bytes.length;
      if (segmentEnd > readOffset
          && !consume(bytes, (int) (readOffset - next.getKey()), bytes.length, deliver)) {
        return Result.MESSAGE_TOO_LARGE;
      }
      next = segments.firstEntry();
    }
    return Result.ACCEPTED;
  }

  /** Parses {@code bytes[from, to)}, which start exactly at {@link #readOffset}. */
  private boolean consume(byte[] bytes, int from, int to, Consumer<byte[]> deliver) {
    int position = from;
    while (position < to) {
      if (message == null) {
        int b = bytes[position++] & 0xFF;
        if (lengthBytesNeeded == 0) {
          lengthBytesNeeded = 1 << (b >>> 6);
          pendingLength = b & 0x3F;
          lengthBytesSeen = 1;
        } else {
          pendingLength = (pendingLength << 8) | b;
          lengthBytesSeen++;
        }
        if (lengthBytesSeen == lengthBytesNeeded) {
          if (pendingLength > maxMessageBytes) {
            readOffset += position - from;
            return false;
          }
          lengthBytesNeeded = 0;
          message = new byte[(int) pendingLength];
          messageFilled = 0;
        }
      } else {
        int take = Math.min(to - position, message.length - messageFilled);
        System.arraycopy(bytes, position, message, messageFilled, take);
        messageFilled += take;
        position += take;
      }
      if (message != null && messageFilled == message.length) {
        byte[] complete = message;
        message = null;
        deliver.accept(complete);
      }
    }
    readOffset += position - from;
    return true;
  }
}
