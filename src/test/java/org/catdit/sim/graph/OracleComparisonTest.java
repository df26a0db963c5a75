package org.catdit.sim.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.BreadthFirstIterator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written CSR metrics agree with JGraphT on random graphs of many shapes. */
class OracleComparisonTest {

  // Low degrees give many small components; higher ones give one giant component.
  private static OverlayGraph randomGraph(long seed) {
    int vertexCount = 1 + (int) (seed * 37 % 250);
    int maxOutDegree = (int) (seed % 6);
    return TestGraphs.randomVaryingDegree(vertexCount, maxOutDegree, seed);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void strongComponentsPartitionTheGraphLikeKosaraju(long seed) {
    OverlayGraph overlay = randomGraph(seed);
    List<Set<Integer>> expected =
        new KosarajuStrongConnectivityInspector<>(TestGraphs.toJGraphT(overlay))
            .stronglyConnectedSets();

    assertEquals(asPartition(expected), asPartition(StrongComponents.labels(overlay)));
    assertEquals(expected.size(), StrongComponents.summarise(overlay).count());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void weakComponentsPartitionTheGraphLikeConnectivityInspector(long seed) {
    OverlayGraph overlay = randomGraph(seed);
    List<Set<Integer>> expected =
        new ConnectivityInspector<>(TestGraphs.toJGraphT(overlay)).connectedSets();

    assertEquals(asPartition(expected), asPartition(WeakComponents.labels(overlay)));
    int largest = expected.stream().mapToInt(Set::size).max().orElse(0);
    assertEquals(new ComponentSummary(expected.size(), largest), WeakComponents.summarise(overlay));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void exactClusteringMatchesADirectSetComputation(long seed) {
    OverlayGraph overlay = randomGraph(seed);

    ClusteringEstimate estimate = OutViewClustering.estimate(overlay, Integer.MAX_VALUE, seed);

    assertEquals(oracleClustering(TestGraphs.toJGraphT(overlay)), estimate.coefficient(), 1e-12);
    assertEquals(overlay.vertexCount(), estimate.vertexCount());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void exactPathLengthsMatchJGraphTBreadthFirstSearch(long seed) {
    OverlayGraph overlay = randomGraph(seed);
    Graph<Integer, DefaultEdge> graph = TestGraphs.toJGraphT(overlay);
    long pairs = 0;
    long hopSum = 0;
    int maxHops = 0;
    for (int source = 0; source < overlay.vertexCount(); source++) {
      BreadthFirstIterator<Integer, DefaultEdge> bfs = new BreadthFirstIterator<>(graph, source);
      while (bfs.hasNext()) {
        int vertex = bfs.next();
        int hops = bfs.getDepth(vertex);
        if (vertex != source) {
          pairs++;
          hopSum += hops;
          maxHops = Math.max(maxHops, hops);
        }
      }
    }

    PathLengthStats stats = HopDistances.measure(overlay, Integer.MAX_VALUE, 0, seed);

    assertEquals(pairs, stats.reachablePairCount());
    assertEquals(pairs == 0 ? Double.NaN : (double) hopSum / pairs, stats.meanHops(), 1e-12);
    assertEquals(maxHops, stats.diameterSeenHops());
    assertEquals(overlay.vertexCount(), stats.sourceCount());
  }

  /** C_i over distinct out-neighbours (self excluded), straight from the definition. */
  private static double oracleClustering(Graph<Integer, DefaultEdge> graph) {
    double sum = 0.0;
    for (int centre : graph.vertexSet()) {
      Set<Integer> view = new HashSet<>(Graphs.successorListOf(graph, centre));
      view.remove(centre);
      int k = view.size();
      if (k < 2) {
        continue;
      }
      int links = 0;
      for (int from : view) {
        for (int to : view) {
          if (from != to && graph.containsEdge(from, to)) {
            links++;
          }
        }
      }
      sum += links / ((double) k * (k - 1));
    }
    return sum / graph.vertexSet().size();
  }

  private static Set<Set<Integer>> asPartition(List<Set<Integer>> components) {
    return new HashSet<>(components);
  }

  private static Set<Set<Integer>> asPartition(int[] labels) {
    return java.util.stream.IntStream.range(0, labels.length)
        .boxed()
        .collect(Collectors.groupingBy(v -> labels[v], Collectors.toSet()))
        .values()
        .stream()
        .collect(Collectors.toSet());
  }
}
