package org.catdit.overlay.link;

/**
 * Decides how many bytes may be in flight and how fast they are paced. One instance per session;
 * called only from that session. Implementations: {@link NewRenoController} (RFC 9002 §7, the
 * reference) and {@link BbrController} (model-based; the default).
 */
public interface CongestionController {

  /** Bytes that may be in flight. */
  long congestionWindowBytes();

  /** Pacing rate in bytes per second, given the current RTT estimate; always positive. */
  long pacingRateBytesPerSecond(RttEstimator rtt);

  /** The datagram size changed (path-MTU probing raised it). */
  void onMaxDatagramBytesChanged(int maxDatagramBytes);

  /** A packet that counts towards bytes in flight was sent. */
  void onPacketSent(long nowMicros, int bytes, long bytesInFlightBefore);

  /**
   * Packets were newly acknowledged by one ACK frame.
   *
   * @param ackedBytes in-flight bytes newly acknowledged
   * @param oldestAckedSentMicros send time of the oldest of them (recovery-period check)
   * @param sample the delivery-rate sample this ACK produced ({@link RateSample#isValid()} may be
   *     false)
   * @param bytesInFlight after removing the acknowledged packets
   */
  void onAck(
      long nowMicros,
      long ackedBytes,
      long oldestAckedSentMicros,
      RateSample sample,
      RttEstimator rtt,
      long bytesInFlight);

  /**
   * Packets were declared lost. {@code largestLostSentMicros} is the newest send time among them;
   * {@code isPersistentCongestion} follows RFC 9002 §7.6.
   */
  void onLoss(
      long nowMicros, long lostBytes, long largestLostSentMicros, boolean isPersistentCongestion);

  /** A packet declared lost was acknowledged after all: undo the reaction to that loss. */
  void onSpuriousLoss(long lostPacketSentMicros);

  /** A short name for reports. */
  String name();

  /** Creates a controller for a new session. */
  @FunctionalInterface
  interface Factory {
    CongestionController create(int maxDatagramBytes);
  }
}
