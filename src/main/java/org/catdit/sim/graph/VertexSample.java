package org.catdit.sim.graph;

import java.util.BitSet;
import java.util.SplittableRandom;

/** Seeded samples of distinct vertices, so sampled metrics are reproducible from one seed. */
final class VertexSample {

  private VertexSample() {}

  /**
   * {@code min(sampleSize, vertexCount)} distinct vertices in ascending order; all vertices when
   * the sample would cover the graph. Uses Floyd's algorithm, so it costs one bit per vertex and
   * {@code sampleSize} random draws, whatever the graph size.
   */
  static int[] distinctVertices(int vertexCount, int sampleSize, long seed) {
    if (sampleSize < 0) {
      throw new IllegalArgumentException("sampleSize must be >= 0: " + sampleSize);
    }
    if (sampleSize >= vertexCount) {
      int[] all = new int[vertexCount];
      for (int v = 0; v < vertexCount; v++) {
        all[v] = v;
      }
      return all;
    }
    SplittableRandom random = new SplittableRandom(seed);
    BitSet chosen = new BitSet(vertexCount);
    for (int upper = vertexCount - sampleSize; upper < vertexCount; upper++) {
      int candidate = random.nextInt(upper + 1);
      chosen.set(chosen.get(candidate) ? upper : candidate);
    }
    // BitSet iteration is ascending, which keeps downstream iteration order deterministic.
    return chosen.stream().toArray();
  }
}
