package org.catdit.overlay.link;

/**
 * Datagram packetization-layer path-MTU discovery (RFC 8899) with a plateau search: probe the
 * common path sizes upwards from the 1200-byte floor, one probe in flight at a time; an
 * acknowledged probe raises the datagram size, three lost probes of one size end the search. Probes
 * are padded PING packets, so the search never depends on IP fragmentation, and a lost probe is not
 * read as congestion.
 */
final class MtuProber {
  /** IPv6 and IPv4 Ethernet UDP payloads, a 9000-byte jumbo frame's, and a 16 KiB loopback step. */
  private static final int[] PLATEAUS = {1452, 1472, 8952, 16_384, 32_768, 65_000};

  private static final int MAX_PROBES_PER_SIZE = 3;

  private final int limitBytes;
  private int confirmedBytes;
  private int candidateBytes;
  private int failures;
  private long outstandingPacketNumber = -1;
  private boolean isDone;

  MtuProber(int initialBytes, int limitBytes) {
    this.confirmedBytes = initialBytes;
    this.limitBytes = limitBytes;
    chooseNext();
  }

  private void chooseNext() {
    candidateBytes = 0;
    failures = 0;
    for (int plateau : PLATEAUS) {
      int size = Math.min(plateau, limitBytes);
      if (size > confirmedBytes) {
        candidateBytes = size;
        break;
      }
    }
    isDone = candidateBytes == 0;
  }

  boolean isProbeDue() {
    return !isDone && outstandingPacketNumber < 0;
  }

  int probeBytes() {
    return candidateBytes;
  }

  int confirmedBytes() {
    return confirmedBytes;
  }

  void onProbeSent(long packetNumber) {
    outstandingPacketNumber = packetNumber;
  }

  /**
   * @return whether the datagram size was raised
   */
  boolean onProbeAcked(long packetNumber) {
    if (packetNumber != outstandingPacketNumber) {
      return false;
    }
    outstandingPacketNumber = -1;
    confirmedBytes = candidateBytes;
    chooseNext();
    return true;
  }

  void onProbeLost(long packetNumber) {
    if (packetNumber != outstandingPacketNumber) {
      return;
    }
    outstandingPacketNumber = -1;
    if (++failures >= MAX_PROBES_PER_SIZE) {
      isDone = true;
    }
  }
}
