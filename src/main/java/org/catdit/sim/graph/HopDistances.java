package org.catdit.sim.graph;

import java.util.Arrays;

/**
 * BFS hop distances from many sources at once, 64 per pass (multi-source BFS, Then et al., VLDB
 * 2014): bit {@code b} of {@code seen[v]} says source {@code b} has reached {@code v}. A level
 * expands the union of the 64 frontiers once, so 64 sources cost a few sweeps of the edge array
 * instead of 64. Memory: three {@code long}s per vertex.
 */
public final class HopDistances {

  private static final int SOURCES_PER_PASS = Long.SIZE;

  private HopDistances() {}

  /**
   * Exact (every vertex a source) when {@code vertexCount <= exactMaxVertices}, else from {@code
   * sampleSources} distinct sources drawn from {@code seed}.
   */
  public static PathLengthStats measure(
      OverlayGraph graph, int exactMaxVertices, int sampleSources, long seed) {
    int vertexCount = graph.vertexCount();
    int[] sources =
        vertexCount <= exactMaxVertices
            ? VertexSample.distinctVertices(vertexCount, vertexCount, seed)
            : VertexSample.distinctVertices(vertexCount, sampleSources, seed);
    return fromSources(graph, sources);
  }

  static PathLengthStats fromSources(OverlayGraph graph, int[] sources) {
    int vertexCount = graph.vertexCount();
    int[] offsets = graph.offsets();
    int[] targets = graph.targets();
    long[] seen = new long[vertexCount];
    long[] frontier = new long[vertexCount];
    long[] reachedNext = new long[vertexCount];
    long reachablePairs = 0;
    long hopSum = 0;
    int maxHops = 0;
    for (int first = 0; first < sources.length; first += SOURCES_PER_PASS) {
      int passSize = Math.min(SOURCES_PER_PASS, sources.length - first);
      Arrays.fill(seen, 0L);
      Arrays.fill(frontier, 0L);
      for (int bit = 0; bit < passSize; bit++) {
        seen[sources[first + bit]] |= 1L << bit;
        frontier[sources[first + bit]] |= 1L << bit;
      }
      boolean isFrontierEmpty = false;
      for (int hops = 1; !isFrontierEmpty; hops++) {
        for (int v = 0; v < vertexCount; v++) {
          long arriving = frontier[v];
          if (arriving != 0) {
            for (int e = offsets[v]; e < offsets[v + 1]; e++) {
              reachedNext[targets[e]] |= arriving;
            }
          }
        }
        isFrontierEmpty = true;
        for (int v = 0; v < vertexCount; v++) {
          long firstArrivals = reachedNext[v] & ~seen[v];
          reachedNext[v] = 0L;
          frontier[v] = firstArrivals;
          if (firstArrivals != 0) {
            seen[v] |= firstArrivals;
            int newPairs = Long.bitCount(firstArrivals);
            reachablePairs += newPairs;
            hopSum += (long) hops * newPairs;
            maxHops = Math.max(maxHops, hops);
            isFrontierEmpty = false;
          }
        }
      }
    }
    double meanHops = reachablePairs == 0 ? Double.NaN : (double) hopSum / reachablePairs;
    boolean isExact = sources.length == vertexCount;
    return new PathLengthStats(sources.length, reachablePairs, meanHops, maxHops, isExact);
  }
}
