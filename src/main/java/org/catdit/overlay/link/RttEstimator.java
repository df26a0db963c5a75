package org.catdit.overlay.link;

/** Round-trip time estimation per RFC 9002 §5: latest, minimum, smoothed and variation. */
public final class RttEstimator {
  /** RFC 9002 §6.2.2: kInitialRtt. */
  static final long INITIAL_RTT_MICROS = 333_000;

  /** RFC 9002 §6.1.2: kGranularity. */
  static final long GRANULARITY_MICROS = 1_000;

  private long latestRttMicros;
  private long smoothedRttMicros;
  private long rttVarianceMicros;
  private long minRttMicros = Long.MAX_VALUE;
  private boolean hasSample;

  RttEstimator(long initialRttMicros) {
    this.smoothedRttMicros = initialRttMicros;
    this.rttVarianceMicros = initialRttMicros / 2;
  }

  /** RFC 9002 §5.3: the ack delay is subtracted only where it does not go below the minimum. */
  void onSample(long rttSampleMicros, long ackDelayMicros, long maxAckDelayMicros) {
    long latest = Math.max(1, rttSampleMicros);
    latestRttMicros = latest;
    minRttMicros = Math.min(minRttMicros, latest);
    if (!hasSample) {
      hasSample = true;
      smoothedRttMicros = latest;
      rttVarianceMicros = latest / 2;
      return;
    }
    long ackDelay = Math.min(ackDelayMicros, maxAckDelayMicros);
    long adjusted = latest >= minRttMicros + ackDelay ? latest - ackDelay : latest;
    rttVarianceMicros = (3 * rttVarianceMicros + Math.abs(smoothedRttMicros - adjusted)) / 4;
    smoothedRttMicros = (7 * smoothedRttMicros + adjusted) / 8;
  }

  /** RFC 9002 §6.2.1: PTO = smoothed_rtt + max(4·rttvar, kGranularity) + max_ack_delay. */
  long probeTimeoutMicros(long maxAckDelayMicros) {
    return smoothedRttMicros
        + Math.max(4 * rttVarianceMicros, GRANULARITY_MICROS)
        + maxAckDelayMicros;
  }

  public boolean hasSample() {
    return hasSample;
  }

  public long latestRttMicros() {
    return latestRttMicros;
  }

  public long smoothedRttMicros() {
    return smoothedRttMicros;
  }

  public long rttVarianceMicros() {
    return rttVarianceMicros;
  }

  /** The smallest sample seen, or the smoothed estimate before the first sample. */
  public long minRttMicros() {
    return hasSample ? minRttMicros : smoothedRttMicros;
  }
}
