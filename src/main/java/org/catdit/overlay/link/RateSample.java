package org.catdit.overlay.link;

/**
 * One delivery-rate sample (draft-cheng-iccrg-delivery-rate-estimation): bytes delivered over an
 * interval, and whether the sender was application-limited when the sampled packet left.
 */
public record RateSample(
    long deliveredBytes, long intervalMicros, long rttMicros, boolean isAppLimited) {
  static final RateSample NONE = new RateSample(0, 0, 0, true);

  public boolean isValid() {
    return intervalMicros > 0 && deliveredBytes > 0;
  }

  /** Bytes per second; zero if the sample is not valid. */
  public long rateBytesPerSecond() {
    return isValid() ? deliveredBytes * 1_000_000 / intervalMicros : 0;
  }
}
