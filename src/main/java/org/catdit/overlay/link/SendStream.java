package org.catdit.overlay.link;

import java.util.Map;
import java.util.TreeMap;

/**
 * One direction of one stream, as the sender sees it: a byte sequence of length-prefixed messages.
 * Bytes are kept until acknowledged; lost ranges are sent again before new bytes (transmission
 * order is not delivery order: offsets put the bytes back in place).
 */
final class SendStream {
  final int streamId;

  /** Chunks of the byte sequence keyed by their first offset (length prefixes and messages). */
  private final TreeMap<Long, byte[]> chunks = new TreeMap<>();

  private final RangeSet acked = new RangeSet();
  private final RangeSet lost = new RangeSet();
  private long writeOffset;
  private long nextSendOffset;
  private long ackedPrefix;

  SendStream(int streamId) {
    this.streamId = streamId;
  }

  long bufferedBytes() {
    return writeOffset - ackedPrefix;
  }

  void append(byte[] message) {
    byte[] prefix = lengthPrefix(message.length);
    chunks.put(writeOffset, prefix);
    writeOffset += prefix.length;
    if (message.length > 0) {
      chunks.put(writeOffset, message);
      writeOffset += message.length;
    }
  }

  static byte[] lengthPrefix(int length) {
    PacketWriter out = new PacketWriter(PacketWriter.varintLength(length));
    return out.writeVarint(length).toByteArray();
  }

  boolean hasLostData() {
    return !lost.isEmpty();
  }

  long unsentBytes() {
    return writeOffset - nextSendOffset;
  }

  /** A retransmission of lost bytes fitting in {@code maxFrameBytes}, or {@code null}. */
  Frame.Stream nextRetransmission(int maxFrameBytes) {
    while (!lost.isEmpty()) {
      Map.Entry<Long, Long> range = lost.first();
      long start = range.getKey();
      long end = range.getValue();
      // Skip bytes acknowledged since they were declared lost (a spurious loss or a PTO copy).
      long skipped = acked.coveredUntil(start);
      if (skipped >= end) {
        lost.remove(start, end);
        continue;
      }
      start = skipped;
      end = Math.min(end, acked.nextStartFrom(start));
      Frame.Stream frame = frame(start, end, maxFrameBytes);
      if (frame != null) {
        lost.remove(frame.offset(), frame.end());
      }
      return frame;
    }
    return null;
  }

  /** New bytes up to {@code creditBytes} fitting in {@code maxFrameBytes}, or {@code null}. */
  Frame.Stream nextNewData(int maxFrameBytes, long creditBytes) {
    long end = nextSendOffset + Math.min(writeOffset - nextSendOffset, creditBytes);
    if (end <= nextSendOffset) {
      return null;
    }
    Frame.Stream frame = frame(nextSendOffset, end, maxFrameBytes);
    if (frame != null) {
      nextSendOffset = frame.end();
    }
    return frame;
  }

  private Frame.Stream frame(long start, long end, int maxFrameBytes) {
    int room = maxFrameBytes - FrameCodec.streamHeaderSize(start, maxFrameBytes);
    if (room <= 0) {
      return null;
    }
    int length = (int) Math.min(end - start, room);
    Map.Entry<Long, byte[]> first = chunks.floorEntry(start);
    int firstWithin = (int) (start - first.getKey());
    if (first.getValue().length - firstWithin >= length) {
      // Within one chunk (a bulk message is many frames): a view, copied once, into the packet.
      return new Frame.Stream(streamId, start, first.getValue(), firstWithin, length);
    }
    byte[] data = new byte[length];
    long offset = start;
    int filled = 0;
    while (filled < length) {
      Map.Entry<Long, byte[]> chunk = chunks.floorEntry(offset);
      int within = (int) (offset - chunk.getKey());
      int take = Math.min(length - filled, chunk.getValue().length - within);
      System.arraycopy(chunk.getValue(), within, data, filled, take);
      filled += take;
      offset += take;
    }
    return new Frame.Stream(streamId, start, data);
  }

  void onAcked(long start, long end) {
    acked.add(start, end);
    long newPrefix = acked.coveredUntil(ackedPrefix);
    if (newPrefix > ackedPrefix) {
      ackedPrefix = newPrefix;
      acked.removeBelow(ackedPrefix);
      lost.removeBelow(ackedPrefix);
      // Release chunks that lie wholly below the acknowledged prefix.
      Map.Entry<Long, byte[]> first = chunks.firstEntry();
      while (first != null && first.getKey() + first.getValue().length <= ackedPrefix) {
        chunks.remove(first.getKey());
        first = chunks.firstEntry();
      }
    }
  }

  void onLost(long start, long end) {
    if (end > ackedPrefix) {
      lost.add(Math.max(start, ackedPrefix), end);
    }
  }
}
