package org.catdit.sim.graph;

import java.util.SplittableRandom;

/**
 * How much work {@link GraphMetrics#compute} may do on a big overlay, and the seed its samples come
 * from. Below the sample sizes everything is exact.
 *
 * @param clusteringSampleVertices vertices whose clustering coefficient is averaged
 * @param pathSampleSources BFS sources for path lengths when the graph is above {@code
 *     exactPathsMaxVertices}
 * @param exactPathsMaxVertices up to this many vertices, every vertex is a BFS source
 * @param seed master seed; clustering and path sampling draw from separate streams split off it
 */
public record MetricsSettings(
    int clusteringSampleVertices, int pathSampleSources, int exactPathsMaxVertices, long seed) {

  public static final int DEFAULT_CLUSTERING_SAMPLE_VERTICES = 5_000;
  public static final int DEFAULT_PATH_SAMPLE_SOURCES = 64;
  public static final int DEFAULT_EXACT_PATHS_MAX_VERTICES = 2_000;

  public MetricsSettings {
    if (clusteringSampleVertices < 0 || pathSampleSources < 0 || exactPathsMaxVertices < 0) {
      throw new IllegalArgumentException("sample sizes must be >= 0");
    }
  }

  public static MetricsSettings defaults(long seed) {
    return new MetricsSettings(
        DEFAULT_CLUSTERING_SAMPLE_VERTICES,
        DEFAULT_PATH_SAMPLE_SOURCES,
        DEFAULT_EXACT_PATHS_MAX_VERTICES,
        seed);
  }

  long clusteringSeed() {
    return new SplittableRandom(seed).split().nextLong();
  }

  long pathSeed() {
    SplittableRandom master = new SplittableRandom(seed);
    master.split();
    return master.split().nextLong();
  }
}
