package org.catdit.sim.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A million peers with SCAMP-sized views (c=1 at n=10^6 gives about 28): seconds, not minutes. */
@Tag("slow")
class GraphMetricsScaleTest {

  private static final int VERTEX_COUNT = 1_000_000;
  private static final int OUT_DEGREE = 28;
  private static final long BUDGET_NANOS = 15_000_000_000L;

  @Test
  void millionPeersWithTwentyEightLinksEachFitTheBudget() {
    OverlayGraph graph = TestGraphs.randomRegularOut(VERTEX_COUNT, OUT_DEGREE, 1);

    long startNanos = System.nanoTime();
    GraphMetrics metrics = GraphMetrics.compute(graph, MetricsSettings.defaults(1));
    long elapsedNanos = System.nanoTime() - startNanos;

    System.out.printf(
        "GraphMetrics on %,d vertices x %d edges: %.2f s (%s)%n",
        VERTEX_COUNT, OUT_DEGREE, elapsedNanos / 1e9, metrics);
    assertEquals(1, metrics.strongComponentCount());
    assertTrue(elapsedNanos < BUDGET_NANOS, "took " + elapsedNanos / 1e9 + " s");
  }
}
