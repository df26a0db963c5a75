package org.catdit.sim.graph;

/**
 * One snapshot's overlay health, computed straight on the CSR arrays (no per-edge objects), so a
 * million peers with ~28 links each take seconds and tens of megabytes. Deterministic for a given
 * {@link MetricsSettings#seed()}.
 *
 * @param outDegree view sizes
 * @param inDegree how many views each peer appears in
 * @param inDegreeZeroCount peers in nobody's view: they never receive gossip
 * @param isolatedPeerCount peers with in-degree 0 <em>or</em> out-degree 0, i.e. cut off from
 *     receiving or from forwarding; a peer with both counts once
 * @param strongComponents strongly connected components; more than one means some peer's messages
 *     cannot reach some other peer
 * @param weakComponents components ignoring edge direction; more than one means a partition
 * @param clustering directed out-view clustering coefficient, see {@link OutViewClustering}
 * @param pathLengths directed BFS hop distances, see {@link HopDistances}
 */
public record GraphMetrics(
    int vertexCount,
    int edgeCount,
    DegreeStats outDegree,
    DegreeStats inDegree,
    int inDegreeZeroCount,
    int isolatedPeerCount,
    ComponentSummary strongComponents,
    ComponentSummary weakComponents,
    ClusteringEstimate clustering,
    PathLengthStats pathLengths) {

  public static GraphMetrics compute(OverlayGraph graph, MetricsSettings settings) {
    int vertexCount = graph.vertexCount();
    int[] outDegrees = new int[vertexCount];
    for (int v = 0; v < vertexCount; v++) {
      outDegrees[v] = graph.outDegree(v);
    }
    int[] inDegrees = graph.inDegrees();
    int inDegreeZeroCount = 0;
    int isolatedPeerCount = 0;
    for (int v = 0; v < vertexCount; v++) {
      if (inDegrees[v] == 0) {
        inDegreeZeroCount++;
      }
      if (inDegrees[v] == 0 || outDegrees[v] == 0) {
        isolatedPeerCount++;
      }
    }
    return new GraphMetrics(
        vertexCount,
        graph.edgeCount(),
        DegreeStats.of(outDegrees),
        DegreeStats.of(inDegrees),
        inDegreeZeroCount,
        isolatedPeerCount,
        StrongComponents.summarise(graph),
        WeakComponents.summarise(graph),
        OutViewClustering.estimate(
            graph, settings.clusteringSampleVertices(), settings.clusteringSeed()),
        HopDistances.measure(
            graph,
            settings.exactPathsMaxVertices(),
            settings.pathSampleSources(),
            settings.pathSeed()));
  }

  /** Every peer can reach every other peer along view links (false for an empty graph). */
  public boolean isStronglyConnected() {
    return strongComponents.count() == 1;
  }

  public int strongComponentCount() {
    return strongComponents.count();
  }

  public int weakComponentCount() {
    return weakComponents.count();
  }
}
