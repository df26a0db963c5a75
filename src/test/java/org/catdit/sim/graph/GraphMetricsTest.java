package org.catdit.sim.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-made overlays whose metrics can be worked out on paper. */
class GraphMetricsTest {

  private static GraphMetrics metricsOf(int[][] adjacency) {
    return GraphMetrics.compute(OverlayGraph.fromAdjacency(adjacency), MetricsSettings.defaults(1));
  }

  @Test
  void directedCycleIsOneStrongComponentWithPathsUpToNMinusOneHops() {
    GraphMetrics metrics = metricsOf(new int[][] {{1}, {2}, {3}, {4}, {0}});

    assertTrue(metrics.isStronglyConnected());
    assertEquals(1, metrics.weakComponentCount());
    assertEquals(new ComponentSummary(1, 5), metrics.strongComponents());
    assertEquals(1.0, metrics.outDegree().mean());
    assertArrayEquals(new int[] {0, 5}, metrics.inDegree().histogram());
    assertEquals(0, metrics.isolatedPeerCount());
    assertEquals(0.0, metrics.clustering().coefficient());
    // From any vertex the others sit at 1, 2, 3, 4 hops.
    assertEquals(2.5, metrics.pathLengths().meanHops(), 1e-12);
    assertEquals(4, metrics.pathLengths().diameterSeenHops());
    assertEquals(20, metrics.pathLengths().reachablePairCount());
    assertTrue(metrics.pathLengths().isExact());
  }

  @Test
  void outwardStarHasOneWeakButFiveStrongComponentsAndOnlyIsolatedPeers() {
    GraphMetrics metrics = metricsOf(new int[][] {{1, 2, 3, 4}, {}, {}, {}, {}});

    assertFalse(metrics.isStronglyConnected());
    assertEquals(5, metrics.strongComponentCount());
    assertEquals(1, metrics.weakComponentCount());
    assertEquals(1, metrics.inDegreeZeroCount()); // the centre
    assertEquals(5, metrics.isolatedPeerCount()); // the centre (no in-links), leaves (no out-links)
    assertEquals(0, metrics.outDegree().min());
    assertEquals(4, metrics.outDegree().max());
    assertArrayEquals(new int[] {4, 0, 0, 0, 1}, metrics.outDegree().histogram());
    assertEquals(0.0, metrics.clustering().coefficient()); // leaves link to nobody
    assertEquals(1.0, metrics.pathLengths().meanHops());
    assertEquals(4, metrics.pathLengths().reachablePairCount());
    assertEquals(0.2, metrics.pathLengths().reachableFraction(5), 1e-12);
  }

  @Test
  void twoDisjointTrianglesAreTwoComponentsEitherWay() {
    GraphMetrics metrics = metricsOf(new int[][] {{1}, {2}, {0}, {4}, {5}, {3}});

    assertEquals(2, metrics.weakComponentCount());
    assertEquals(new ComponentSummary(2, 3), metrics.strongComponents());
    assertFalse(metrics.isStronglyConnected());
    assertEquals(1.5, metrics.pathLengths().meanHops(), 1e-12);
    assertEquals(12, metrics.pathLengths().reachablePairCount());
  }

  @Test
  void peerNobodyPointsToIsCountedAsInDegreeZeroAndIsolated() {
    GraphMetrics metrics = metricsOf(new int[][] {{1}, {2}, {0}, {0}});

    assertEquals(1, metrics.inDegreeZeroCount());
    assertEquals(1, metrics.isolatedPeerCount());
    assertEquals(2, metrics.strongComponentCount());
    assertEquals(1, metrics.weakComponentCount());
    assertEquals(0, metrics.inDegree().min());
    assertEquals(2, metrics.inDegree().max());
  }

  @Test
  void completeDigraphHasClusteringOneAndDiameterOne() {
    GraphMetrics metrics = metricsOf(new int[][] {{1, 2, 3}, {0, 2, 3}, {0, 1, 3}, {0, 1, 2}});

    assertEquals(1.0, metrics.clustering().coefficient(), 1e-12);
    assertEquals(1.0, metrics.pathLengths().meanHops(), 1e-12);
    assertEquals(1, metrics.pathLengths().diameterSeenHops());
  }

  @Test
  void clusteringCountsOnlyLinksBetweenViewMembersAndIgnoresDuplicates() {
    // View of 0 is {1, 2, 3} (listed twice, plus a self-loop): links among them are 1->2 and 2->1.
    GraphMetrics metrics = metricsOf(new int[][] {{1, 2, 3, 1, 0}, {2, 2}, {1}, {}});

    // C_0 = 2 / (3 * 2); vertices 1, 2, 3 have fewer than two distinct out-neighbours.
    assertEquals((2.0 / 6.0) / 4, metrics.clustering().coefficient(), 1e-12);
  }

  @Test
  void emptyGraphIsNotStronglyConnectedAndHasNoPaths() {
    GraphMetrics metrics = metricsOf(new int[0][]);

    assertFalse(metrics.isStronglyConnected());
    assertEquals(0, metrics.weakComponentCount());
    assertTrue(Double.isNaN(metrics.pathLengths().meanHops()));
  }

  @Test
  void sameSeedGivesSameMetricsAndSamplesStayCloseToExactValues() {
    OverlayGraph graph = TestGraphs.randomRegularOut(5_000, 8, 99);
    MetricsSettings sampled = new MetricsSettings(1_000, 64, 100, 7);
    MetricsSettings exact = new MetricsSettings(Integer.MAX_VALUE, 0, Integer.MAX_VALUE, 7);

    GraphMetrics first = GraphMetrics.compute(graph, sampled);
    GraphMetrics second = GraphMetrics.compute(graph, sampled);
    GraphMetrics exactMetrics = GraphMetrics.compute(graph, exact);

    assertEquals(first, second);
    assertEquals(1_000, first.clustering().vertexCount());
    assertFalse(first.clustering().isExact());
    assertEquals(64, first.pathLengths().sourceCount());
    assertFalse(first.pathLengths().isExact());
    assertTrue(exactMetrics.pathLengths().isExact());
    assertEquals(exactMetrics.pathLengths().meanHops(), first.pathLengths().meanHops(), 0.05);
    assertEquals(exactMetrics.clustering().coefficient(), first.clustering().coefficient(), 0.002);
    assertNotEquals(
        first.clustering(),
        GraphMetrics.compute(graph, new MetricsSettings(1_000, 64, 100, 8)).clustering());
  }
}
