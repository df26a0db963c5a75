package org.catdit.overlay.link;

/**
 * One delivery-rate sample (draft-cheng-iccrg-delivery-rate-estimation): bytes delivered over an
 * interval, whether the sender was application-limited when the sampled packet left, and whether
 * this ACK began a new round trip (it acknowledged a packet sent after the last round began: BBR's
 * "packet.delivered >= next_round_delivered").
 */
public record RateSample(
    long deliveredBytes,
    long intervalMicros,
    long rttMicros,
    boolean isAppLimited,
    boolean isRoundStart) {

  /** A sample whose ACK begins a round trip of its own (tests and models with one ACK a round). */
  public RateSample(
      long deliveredBytes, long intervalMicros, long rttMicros, boolean isAppLimited) {
    this(deliveredBytes, intervalMicros, rttMicros, isAppLimited, true);
  }

  public boolean isValid() {
    return intervalMicros > 0 && deliveredBytes > 0;
  }

  /** Bytes per second; zero if the sample is not valid. */
  public long rateBytesPerSecond() {
    return isValid() ? deliveredBytes * 1_000_000 / intervalMicros : 0;
  }
}
