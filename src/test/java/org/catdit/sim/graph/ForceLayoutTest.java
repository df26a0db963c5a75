package org.catdit.sim.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForceLayoutTest {

  /** Two 10-peer cliques joined by a single link. */
  private static OverlayGraph twoCliques() {
    int[][] adjacency = new int[20][];
    for (int v = 0; v < 20; v++) {
      int cliqueStart = v < 10 ? 0 : 10;
      adjacency[v] = new int[v == 0 ? 10 : 9];
      int next = 0;
      for (int u = cliqueStart; u < cliqueStart + 10; u++) {
        if (u != v) {
          adjacency[v][next++] = u;
        }
      }
      if (v == 0) {
        adjacency[v][next] = 10;
      }
    }
    return OverlayGraph.fromAdjacency(adjacency);
  }

  @Test
  void linkedPeersEndUpCloserThanUnlinkedOnes() {
    ForceLayout.Positions layout = ForceLayout.of(twoCliques(), 100, 3);

    double within = 0;
    double across = 0;
    int withinPairs = 0;
    int acrossPairs = 0;
    for (int a = 0; a < 20; a++) {
      for (int b = a + 1; b < 20; b++) {
        double distance = Math.hypot(layout.x()[a] - layout.x()[b], layout.y()[a] - layout.y()[b]);
        if ((a < 10) == (b < 10)) {
          within += distance;
          withinPairs++;
        } else {
          across += distance;
          acrossPairs++;
        }
      }
    }
    assertTrue(within / withinPairs < 0.5 * across / acrossPairs);
  }

  @Test
  void positionsFillTheUnitSquareAndDependOnlyOnTheSeed() {
    OverlayGraph graph = TestGraphs.randomRegularOut(200, 4, 1);

    ForceLayout.Positions first = ForceLayout.of(graph, 1_000, 9);
    ForceLayout.Positions again = ForceLayout.of(graph, 1_000, 9);

    assertArrayEquals(first.x(), again.x());
    assertArrayEquals(first.y(), again.y());
    double maxX = 0;
    double maxY = 0;
    for (int v = 0; v < 200; v++) {
      assertTrue(first.x()[v] >= 0 && first.x()[v] <= 1 && first.y()[v] >= 0 && first.y()[v] <= 1);
      maxX = Math.max(maxX, first.x()[v]);
      maxY = Math.max(maxY, first.y()[v]);
    }
    assertEquals(1.0, Math.max(maxX, maxY), 1e-12);
  }

  @Test
  void iterationBudgetShrinksOnlyForBigOverlays() {
    assertEquals(300, ForceLayout.iterationsFor(1));
    assertEquals(300, ForceLayout.iterationsFor(1_000));
    assertEquals(125, ForceLayout.iterationsFor(2_000), 1);
  }
}
