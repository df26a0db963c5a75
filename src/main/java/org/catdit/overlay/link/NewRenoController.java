package org.catdit.overlay.link;

/**
 * NewReno by bytes, as RFC 9002 §7 and Appendix B specify it: slow start, congestion avoidance, one
 * halving per recovery period, persistent congestion to the minimum window, pacing at
 * 1.25·cwnd/srtt. A spurious loss that opened the current recovery period restores the window it
 * cut.
 */
public final class NewRenoController implements CongestionController {
  private static final long INFINITE = Long.MAX_VALUE / 4;

  private int maxDatagramBytes;
  private long congestionWindowBytes;
  private long slowStartThresholdBytes = INFINITE;
  private long recoveryStartMicros = Long.MIN_VALUE;
  private long undoWindowBytes;
  private long undoThresholdBytes;
  private long recoveryTriggerSentMicros = Long.MIN_VALUE;
  private long bytesAckedInAvoidance;

  public NewRenoController(int maxDatagramBytes) {
    this.maxDatagramBytes = maxDatagramBytes;
    this.congestionWindowBytes = initialWindow(maxDatagramBytes);
  }

  /** RFC 9002 §7.2: min(10·mds, max(14 720, 2·mds)). */
  static long initialWindow(int maxDatagramBytes) {
    return Math.min(10L * maxDatagramBytes, Math.max(14_720L, 2L * maxDatagramBytes));
  }

  private long minimumWindow() {
    return 2L * maxDatagramBytes;
  }

  @Override
  public long congestionWindowBytes() {
    return congestionWindowBytes;
  }

  @Override
  public long pacingRateBytesPerSecond(RttEstimator rtt) {
    // RFC 9002 §7.7: rate = N · cwnd / smoothed_rtt with N = 1.25.
    return Math.max(1, congestionWindowBytes * 1_250_000 / Math.max(1, rtt.smoothedRttMicros()));
  }

  @Override
  public void onMaxDatagramBytesChanged(int maxDatagramBytes) {
    this.maxDatagramBytes = maxDatagramBytes;
    congestionWindowBytes = Math.max(congestionWindowBytes, minimumWindow());
  }

  @Override
  public void onPacketSent(long nowMicros, int bytes, long bytesInFlightBefore) {}

  @Override
  public void onAck(
      long nowMicros,
      long ackedBytes,
      long oldestAckedSentMicros,
      RateSample sample,
      RttEstimator rtt,
      long bytesInFlight) {
    if (oldestAckedSentMicros <= recoveryStartMicros || sample.isAppLimited()) {
      // In recovery, or not using the window (RFC 9002 §7.8): no growth.
      return;
    }
    if (congestionWindowBytes < slowStartThresholdBytes) {
      congestionWindowBytes += ackedBytes;
      return;
    }
    bytesAckedInAvoidance += ackedBytes;
    if (bytesAckedInAvoidance >= congestionWindowBytes) {
      bytesAckedInAvoidance -= congestionWindowBytes;
      congestionWindowBytes += maxDatagramBytes;
    }
  }

  @Override
  public void onLoss(
      long nowMicros, long lostBytes, long largestLostSentMicros, boolean isPersistentCongestion) {
    if (isPersistentCongestion) {
      congestionWindowBytes = minimumWindow();
      recoveryStartMicros = nowMicros;
      recoveryTriggerSentMicros = Long.MIN_VALUE;
      return;
    }
    if (largestLostSentMicros <= recoveryStartMicros) {
      return;
    }
    undoWindowBytes = congestionWindowBytes;
    undoThresholdBytes = slowStartThresholdBytes;
    recoveryTriggerSentMicros = largestLostSentMicros;
    recoveryStartMicros = nowMicros;
    slowStartThresholdBytes = Math.max(congestionWindowBytes / 2, minimumWindow());
    congestionWindowBytes = slowStartThresholdBytes;
    bytesAckedInAvoidance = 0;
  }

  @Override
  public void onSpuriousLoss(long lostPacketSentMicros) {
    if (lostPacketSentMicros == recoveryTriggerSentMicros) {
      congestionWindowBytes = Math.max(congestionWindowBytes, undoWindowBytes);
      slowStartThresholdBytes = undoThresholdBytes;
      recoveryTriggerSentMicros = Long.MIN_VALUE;
    }
  }

  @Override
  public String name() {
    return "newreno";
  }
}
