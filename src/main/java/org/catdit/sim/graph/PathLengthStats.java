package org.catdit.sim.graph;

/**
 * Directed hop distances from {@code sourceCount} BFS sources to every vertex they reach. {@code
 * meanHops} averages over the {@code reachablePairCount} (source, other vertex) pairs that are
 * connected, so it is {@code NaN} when no pair is; {@code diameterSeenHops} is the largest distance
 * found, a lower bound on the diameter unless {@code isExact} (every vertex was a source).
 */
public record PathLengthStats(
    int sourceCount,
    long reachablePairCount,
    double meanHops,
    int diameterSeenHops,
    boolean isExact) {

  /**
   * Share of (source, other vertex) pairs that are connected; below 1 means some peer cannot reach
   * some other peer.
   */
  public double reachableFraction(int vertexCount) {
    long pairCount = (long) sourceCount * (vertexCount - 1);
    return pairCount == 0 ? 0.0 : (double) reachablePairCount / pairCount;
  }
}
