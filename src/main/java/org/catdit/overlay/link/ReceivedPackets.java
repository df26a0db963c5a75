package org.catdit.overlay.link;

/**
 * The receiver's record of packet numbers seen: up to {@code maxRanges} disjoint ranges, newest
 * first. It answers "is this a duplicate?" and produces ACK frames. When the ranges overflow, the
 * oldest are forgotten and everything below the new floor is treated as already seen: such a packet
 * is dropped unacknowledged, so the sender retransmits its frames (the replay window).
 */
final class ReceivedPackets {
  private final int maxRanges;

  /** Pairs {@code [high, low]}, index 0 the newest range. */
  private final long[] ranges;

  private int rangeCount;
  private long floor;

  ReceivedPackets(int maxRanges) {
    this.maxRanges = maxRanges;
    this.ranges = new long[2 * maxRanges];
  }

  boolean isEmpty() {
    return rangeCount == 0;
  }

  long largest() {
    return rangeCount == 0 ? -1 : ranges[0];
  }

  /** Whether this packet number was seen already or is below the window. */
  boolean isDuplicate(long packetNumber) {
    if (packetNumber < floor) {
      return true;
    }
    for (int i = 0; i < rangeCount; i++) {
      long high = ranges[2 * i];
      long low = ranges[2 * i + 1];
      if (packetNumber > high) {
        return false;
      }
      if (packetNumber >= low) {
        return true;
      }
    }
    return false;
  }

  boolean isBelowWindow(long packetNumber) {
    return packetNumber < floor;
  }

  /** Records a packet number that is not a duplicate. */
  void add(long packetNumber) {
    int i = 0;
    while (i < rangeCount && ranges[2 * i + 1] > packetNumber + 1) {
      i++;
    }
    // Every range before i lies at least two above packetNumber; range i (if any) starts at or
    // below packetNumber + 1.
    if (i < rangeCount) {
      long high = ranges[2 * i];
      long low = ranges[2 * i + 1];
      if (packetNumber >= low && packetNumber <= high) {
        return;
      }
      if (packetNumber == low - 1) {
        ranges[2 * i + 1] = packetNumber;
        if (i + 1 < rangeCount && ranges[2 * (i + 1)] + 1 == packetNumber) {
          ranges[2 * i + 1] = ranges[2 * (i + 1) + 1];
          removeAt(i + 1);
        }
        return;
      }
      if (packetNumber == high + 1) {
        ranges[2 * i] = packetNumber;
        return;
      }
    }
    insertAt(i, packetNumber);
  }

  private void insertAt(int i, long packetNumber) {
    if (rangeCount == maxRanges) {
      if (i == rangeCount) {
        // Older than every range we can keep: remember it only through the floor (the gaps
        // below it then read as seen too; their packets are dropped unacknowledged and resent).
        floor = Math.max(floor, packetNumber + 1);
        return;
      }
      floor = Math.max(floor, ranges[2 * (rangeCount - 1)] + 1);
      rangeCount--;
    }
    System.arraycopy(ranges, 2 * i, ranges, 2 * i + 2, 2 * (rangeCount - i));
    ranges[2 * i] = packetNumber;
    ranges[2 * i + 1] = packetNumber;
    rangeCount++;
  }

  private void removeAt(int i) {
    System.arraycopy(ranges, 2 * i + 2, ranges, 2 * i, 2 * (rangeCount - i - 1));
    rangeCount--;
  }

  /**
   * An ACK frame of at most {@code limit} newest ranges, leaving out ranges wholly below {@code
   * floor} (the peer has seen an ACK of them: RFC 9000 §13.2.4); the newest range always goes.
   */
  Frame.Ack toAck(long ackDelayMicros, int limit, long floor) {
    int count = 1;
    while (count < Math.min(rangeCount, limit) && ranges[2 * count] >= floor) {
      count++;
    }
    long[] out = new long[2 * count];
    System.arraycopy(ranges, 0, out, 0, 2 * count);
    return new Frame.Ack(ackDelayMicros, out);
  }

  Frame.Ack toAck(long ackDelayMicros, int limit) {
    return toAck(ackDelayMicros, limit, 0);
  }

  int rangeCount() {
    return rangeCount;
  }
}
