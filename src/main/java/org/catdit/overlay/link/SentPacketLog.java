package org.catdit.overlay.link;

/**
 * Sent packets indexed by packet number. Packet numbers are consecutive, so the log is a ring over
 * an array: lookup is {@code packetNumber - first}, and settled packets leave from the front.
 */
final class SentPacketLog {
  private SentPacket[] ring = new SentPacket[64];
  private int head;
  private int size;
  private long firstPacketNumber;

  int size() {
    return size;
  }

  long firstPacketNumber() {
    return firstPacketNumber;
  }

  long endPacketNumber() {
    return firstPacketNumber + size;
  }

  void add(SentPacket packet) {
    if (size == 0) {
      firstPacketNumber = packet.packetNumber;
    } else if (packet.packetNumber != firstPacketNumber + size) {
      throw new IllegalStateException("packet numbers must be consecutive");
    }
    if (size == ring.length) {
      SentPacket[] grown = new SentPacket[ring.length * 2];
      for (int i = 0; i < size; i++) {
        grown[i] = ring[(head + i) & (ring.length - 1)];
      }
      ring = grown;
      head = 0;
    }
    ring[(head + size) & (ring.length - 1)] = packet;
    size++;
  }

  /** The packet with this number, or {@code null} if it is not (or no longer) in the log. */
  SentPacket get(long packetNumber) {
    long index = packetNumber - firstPacketNumber;
    if (index < 0 || index >= size) {
      return null;
    }
    return ring[(int) ((head + index) & (ring.length - 1))];
  }

  SentPacket first() {
    return size == 0 ? null : ring[head];
  }

  void removeFirst() {
    ring[head] = null;
    head = (head + 1) & (ring.length - 1);
    size--;
    firstPacketNumber++;
  }
}
