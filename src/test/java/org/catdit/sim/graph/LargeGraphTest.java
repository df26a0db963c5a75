package org.catdit.sim.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Big inputs finish quickly and never recurse deeply enough to overflow the stack. */
class LargeGraphTest {

  private static final int VERTEX_COUNT = 200_000;

  @Test
  void twoHundredThousandPeersWithTenRandomLinksEachFinishInSeconds() {
    OverlayGraph graph = TestGraphs.randomRegularOut(VERTEX_COUNT, 10, 2026);

    GraphMetrics metrics =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> GraphMetrics.compute(graph, MetricsSettings.defaults(5)));

    assertEquals(VERTEX_COUNT, metrics.vertexCount());
    assertEquals(10.0, metrics.outDegree().mean());
    assertEquals(1, metrics.weakComponentCount());
    assertTrue(metrics.pathLengths().meanHops() > 4 && metrics.pathLengths().meanHops() < 7);
  }

  @Test
  void pathAndRingTwoHundredThousandLongNeedNoDeepRecursion() {
    int[][] path = new int[VERTEX_COUNT][];
    int[][] ring = new int[VERTEX_COUNT][];
    for (int v = 0; v < VERTEX_COUNT; v++) {
      path[v] = v + 1 < VERTEX_COUNT ? new int[] {v + 1} : new int[0];
      ring[v] = new int[] {(v + 1) % VERTEX_COUNT};
    }

    assertEquals(
        VERTEX_COUNT, StrongComponents.summarise(OverlayGraph.fromAdjacency(path)).count());
    assertEquals(
        new ComponentSummary(1, VERTEX_COUNT),
        StrongComponents.summarise(OverlayGraph.fromAdjacency(ring)));
    assertEquals(1, WeakComponents.summarise(OverlayGraph.fromAdjacency(path)).count());
  }
}
