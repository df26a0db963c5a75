package org.catdit.sim.graph;

import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;

/** Seeded random overlays for tests, and their JGraphT twins for use as oracles. */
final class TestGraphs {

  private TestGraphs() {}

  /**
   * {@code vertexCount} vertices, each with a uniformly random out-degree in {@code
   * 0..maxOutDegree} and uniformly random targets; self-loops and parallel edges are allowed so the
   * metrics are checked on them too.
   */
  static OverlayGraph randomVaryingDegree(int vertexCount, int maxOutDegree, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[][] adjacency = new int[vertexCount][];
    for (int v = 0; v < vertexCount; v++) {
      adjacency[v] = new int[random.nextInt(maxOutDegree + 1)];
      for (int i = 0; i < adjacency[v].length; i++) {
        adjacency[v][i] = random.nextInt(vertexCount);
      }
    }
    return OverlayGraph.fromAdjacency(adjacency);
  }

  /** Every vertex has exactly {@code outDegree} random targets, written straight into CSR. */
  static OverlayGraph randomRegularOut(int vertexCount, int outDegree, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] offsets = new int[vertexCount + 1];
    int[] targets = new int[vertexCount * outDegree];
    for (int v = 0; v < vertexCount; v++) {
      offsets[v + 1] = offsets[v] + outDegree;
      for (int e = offsets[v]; e < offsets[v + 1]; e++) {
        int target = random.nextInt(vertexCount - 1);
        targets[e] = target >= v ? target + 1 : target; // no self-loops
      }
    }
    int[] peerIndex = new int[vertexCount];
    for (int v = 0; v < vertexCount; v++) {
      peerIndex[v] = v;
    }
    return new OverlayGraph(vertexCount, offsets, targets, peerIndex);
  }

  static Graph<Integer, DefaultEdge> toJGraphT(OverlayGraph overlay) {
    Graph<Integer, DefaultEdge> graph = new DirectedPseudograph<>(DefaultEdge.class);
    for (int v = 0; v < overlay.vertexCount(); v++) {
      graph.addVertex(v);
    }
    for (int v = 0; v < overlay.vertexCount(); v++) {
      for (int e = overlay.offsets()[v]; e < overlay.offsets()[v + 1]; e++) {
        graph.addEdge(v, overlay.targets()[e]);
      }
    }
    return graph;
  }
}
