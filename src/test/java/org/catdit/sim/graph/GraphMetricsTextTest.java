package org.catdit.sim.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GraphMetricsTextTest {

  @Test
  void summaryNamesTheHealthProblemsOfABrokenOverlay() {
    // Two triangles plus a peer pointing into one of them: partitioned, one peer in no view.
    OverlayGraph graph =
        OverlayGraph.fromAdjacency(new int[][] {{1}, {2}, {0}, {4}, {5}, {3}, {0}});

    String text = GraphMetricsText.format(GraphMetrics.compute(graph, MetricsSettings.defaults(1)));

    assertEquals(8, text.lines().count());
    assertTrue(text.contains("overlay: 7 peers, 7 directed links"), text);
    assertTrue(text.contains("peers in nobody's view: 1"), text);
    assertTrue(
        text.contains("strongly connected: no (strong components: 3, largest 3 peers)"), text);
    assertTrue(text.contains("weak components: 2"), text);
    assertTrue(text.contains("diameter = 3 (exact"), text); // peer 6 -> 0 -> 1 -> 2
  }
}
