package org.catdit.sim;

/**
 * The simulated network's parameters.
 *
 * @param seed master seed: every random stream of the run derives from it
 * @param expectedPeers sizing hint for arrays
 * @param delayMeanMicros mean of the per-pair base latency
 * @param delaySdMicros standard deviation of the per-pair base latency
 * @param jitterSdMicros standard deviation of each datagram's jitter around its pair's base
 * @param lossProbability Bernoulli loss per datagram, 0..1
 * @param isStrictCodec whether every message is encoded and decoded on its way, as on a socket
 */
public record SimSettings(
    long seed,
    int expectedPeers,
    long delayMeanMicros,
    long delaySdMicros,
    long jitterSdMicros,
    double lossProbability,
    boolean isStrictCodec) {

  public SimSettings {
    if (expectedPeers < 0) {
      throw new IllegalArgumentException("expectedPeers must not be negative");
    }
    if (delayMeanMicros < 0 || delaySdMicros < 0 || jitterSdMicros < 0) {
      throw new IllegalArgumentException("delays must not be negative");
    }
    if (!(lossProbability >= 0 && lossProbability <= 1)) {
      throw new IllegalArgumentException("loss must be between 0 and 1");
    }
  }

  /** 50 ± 10 ms per pair, ±1 ms jitter, no loss. */
  public static SimSettings defaults(long seed, int expectedPeers) {
    return new SimSettings(seed, expectedPeers, 50_000, 10_000, 1_000, 0, false);
  }
}
