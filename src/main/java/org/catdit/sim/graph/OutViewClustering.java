package org.catdit.sim.graph;

/**
 * Directed clustering coefficient on the out-views, as PeerSim's {@code GraphStats} and the
 * HyParView report measure it: for vertex {@code i} with distinct out-neighbours {@code N_i}
 * (itself excluded) and {@code k_i = |N_i|}, {@code C_i} is the number of distinct edges {@code u
 * -> v} with {@code u != v} both in {@code N_i}, divided by {@code k_i (k_i - 1)}. Vertices with
 * {@code k_i < 2} count as 0. The result is the mean of {@code C_i} over the evaluated vertices.
 */
public final class OutViewClustering {

  private OutViewClustering() {}

  /** Exact when {@code sampleSize >= vertexCount}, else over a sample drawn from {@code seed}. */
  public static ClusteringEstimate estimate(OverlayGraph graph, int sampleSize, long seed) {
    int[] vertices = VertexSample.distinctVertices(graph.vertexCount(), sampleSize, seed);
    double coefficient = meanOver(graph, vertices);
    return new ClusteringEstimate(
        coefficient, vertices.length, vertices.length == graph.vertexCount());
  }

  /** Mean {@code C_i} over {@code vertices}; 0 for an empty list. */
  static double meanOver(OverlayGraph graph, int[] vertices) {
    if (vertices.length == 0) {
      return 0.0;
    }
    int[] offsets = graph.offsets();
    int[] targets = graph.targets();
    // Stamps instead of cleared sets: O(1) reset per vertex, two ints per vertex in total.
    int[] neighbourStamp = new int[graph.vertexCount()];
    int[] countedStamp = new int[graph.vertexCount()];
    int countedRound = 0;
    int maxOutDegree = 0;
    for (int vertex : vertices) {
      maxOutDegree = Math.max(maxOutDegree, graph.outDegree(vertex));
    }
    int[] neighbours = new int[maxOutDegree];
    double coefficientSum = 0.0;
    for (int position = 0; position < vertices.length; position++) {
      int centre = vertices[position];
      int stamp = position + 1;
      int neighbourCount = 0;
      for (int e = offsets[centre]; e < offsets[centre + 1]; e++) {
        int neighbour = targets[e];
        if (neighbour != centre && neighbourStamp[neighbour] != stamp) {
          neighbourStamp[neighbour] = stamp;
          neighbours[neighbourCount++] = neighbour;
        }
      }
      if (neighbourCount < 2) {
        continue;
      }
      long linksAmongNeighbours = 0;
      for (int j = 0; j < neighbourCount; j++) {
        int from = neighbours[j];
        countedRound++; // a fresh round per 'from' so parallel edges from -> to count once
        for (int e = offsets[from]; e < offsets[from + 1]; e++) {
          int to = targets[e];
          if (to != from && neighbourStamp[to] == stamp && countedStamp[to] != countedRound) {
            countedStamp[to] = countedRound;
            linksAmongNeighbours++;
          }
        }
      }
      coefficientSum += linksAmongNeighbours / ((double) neighbourCount * (neighbourCount - 1));
    }
    return coefficientSum / vertices.length;
  }
}
