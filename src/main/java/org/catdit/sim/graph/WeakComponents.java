package org.catdit.sim.graph;

import java.util.Arrays;

/**
 * Weakly connected components (edge direction ignored) by union-find with union by size and path
 * halving: two {@code int}s per vertex, one pass over the edges, no recursion.
 */
public final class WeakComponents {

  private WeakComponents() {}

  /** The weak component of every vertex, labelled {@code 0..count-1} by smallest member. */
  public static int[] labels(OverlayGraph graph) {
    int vertexCount = graph.vertexCount();
    int[] offsets = graph.offsets();
    int[] targets = graph.targets();
    int[] parent = new int[vertexCount];
    int[] size = new int[vertexCount];
    for (int v = 0; v < vertexCount; v++) {
      parent[v] = v;
      size[v] = 1;
    }
    for (int source = 0; source < vertexCount; source++) {
      for (int e = offsets[source]; e < offsets[source + 1]; e++) {
        int sourceRoot = find(parent, source);
        int targetRoot = find(parent, targets[e]);
        if (sourceRoot == targetRoot) {
          continue;
        }
        if (size[sourceRoot] < size[targetRoot]) {
          int swap = sourceRoot;
          sourceRoot = targetRoot;
          targetRoot = swap;
        }
        parent[targetRoot] = sourceRoot;
        size[sourceRoot] += size[targetRoot];
      }
    }
    // Reuse size[] as the root -> label map; labels follow vertex order, so they are deterministic.
    int[] labelOfRoot = size;
    Arrays.fill(labelOfRoot, -1);
    int[] labels = new int[vertexCount];
    int count = 0;
    for (int v = 0; v < vertexCount; v++) {
      int root = find(parent, v);
      if (labelOfRoot[root] < 0) {
        labelOfRoot[root] = count++;
      }
      labels[v] = labelOfRoot[root];
    }
    return labels;
  }

  public static ComponentSummary summarise(OverlayGraph graph) {
    int[] labels = labels(graph);
    int count = 0;
    for (int label : labels) {
      count = Math.max(count, label + 1);
    }
    return ComponentSummary.ofLabels(labels, count);
  }

  private static int find(int[] parent, int vertex) {
    while (parent[vertex] != vertex) {
      parent[vertex] = parent[parent[vertex]];
      vertex = parent[vertex];
    }
    return vertex;
  }
}
