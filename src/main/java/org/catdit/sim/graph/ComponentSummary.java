package org.catdit.sim.graph;

/**
 * How a graph splits into components: how many, and how many vertices the largest one holds. An
 * empty graph has no components.
 */
public record ComponentSummary(int count, int largestSize) {

  /** Summarises a per-vertex component labelling whose labels are {@code 0..count-1}. */
  static ComponentSummary ofLabels(int[] componentOfVertex, int count) {
    int[] sizes = new int[count];
    int largestSize = 0;
    for (int component : componentOfVertex) {
      largestSize = Math.max(largestSize, ++sizes[component]);
    }
    return new ComponentSummary(count, largestSize);
  }
}
