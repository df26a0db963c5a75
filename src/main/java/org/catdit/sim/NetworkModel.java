package org.catdit.sim;

import java.util.random.RandomGenerator;

/**
 * The simulated network between peers. Each ordered pair's base latency is fixed for the whole run
 * and symmetric, drawn from a Gaussian with the configured mean and standard deviation (truncated
 * to ±3 standard deviations and at least 1 ms); it is computed from a hash of the seed and the
 * pair, so no N² matrix is stored. Every datagram then adds its own small Gaussian jitter
 * (truncated to ±3 standard deviations), is lost with the configured Bernoulli probability, and is
 * dropped if a partition separates the two ends. Pure per-packet Gaussian delays would reorder far
 * more than real links do (reference/simulators.md §0), hence base plus jitter.
 */
final class NetworkModel {
  private static final long MIN_DELAY_MICROS = 100;
  private static final long MIN_BASE_MICROS = 1000;

  private final long pairSeed;
  private final long meanMicros;
  private final long sdMicros;
  private final long jitterSdMicros;
  private double lossProbability;
  private final RandomGenerator random;
  private int[] partitionGroup;

  NetworkModel(
      long seed,
      long meanMicros,
      long sdMicros,
      long jitterSdMicros,
      double lossProbability,
      RandomGenerator random) {
    this.pairSeed = SimIds.mix(seed ^ 0x6E6574776F726BL);
    this.meanMicros = meanMicros;
    this.sdMicros = sdMicros;
    this.jitterSdMicros = jitterSdMicros;
    this.lossProbability = lossProbability;
    this.random = random;
  }

  /** The fixed base latency between two peers (the same both ways). */
  long baseLatencyMicros(int peerA, int peerB) {
    int low = Math.min(peerA, peerB);
    int high = Math.max(peerA, peerB);
    long hash = SimIds.mix(pairSeed ^ (((long) low << 32) | (high & 0xFFFF_FFFFL)));
    // Box-Muller from two 26-bit uniforms taken from the hash.
    double u1 = ((hash >>> 38) + 0.5) / (1L << 26);
    double u2 = (((hash >>> 12) & ((1L << 26) - 1)) + 0.5) / (1L << 26);
    double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    z = Math.max(-3, Math.min(3, z));
    return Math.max(MIN_BASE_MICROS, meanMicros + Math.round(z * sdMicros));
  }

  /** One datagram's delay: the pair's base latency plus this datagram's jitter. */
  long sampleDelayMicros(int from, int to) {
    long delay = baseLatencyMicros(from, to);
    if (jitterSdMicros > 0) {
      double z = Math.max(-3, Math.min(3, random.nextGaussian()));
      delay += Math.round(z * jitterSdMicros);
    }
    return Math.max(MIN_DELAY_MICROS, delay);
  }

  boolean isLost() {
    return lossProbability > 0 && random.nextDouble() < lossProbability;
  }

  /** Changes the Bernoulli loss from now on (0..1). */
  void setLossProbability(double probability) {
    this.lossProbability = probability;
  }

  /** Splits the peers: {@code groupOf[peer]} names each peer's side; null heals the partition. */
  void setPartition(int[] groupOf) {
    this.partitionGroup = groupOf;
  }

  boolean isCut(int from, int to) {
    int[] groups = partitionGroup;
    return groups != null
        && from < groups.length
        && to < groups.length
        && groups[from] != groups[to];
  }
}
