package org.catdit.sim.graph;

import java.util.Arrays;

/**
 * A directed overlay snapshot in compressed sparse row form: the out-neighbours of vertex {@code v}
 * are {@code targets[offsets[v] .. offsets[v+1])}. Vertices are 0..n-1 (the simulator maps live
 * peers onto them); {@code peerIndex[v]} is the simulator's index of that peer. Compact enough for a
 * million peers: about 4 bytes per edge plus 8 per vertex.
 */
public record OverlayGraph(int vertexCount, int[] offsets, int[] targets, int[] peerIndex) {

  public OverlayGraph {
    if (offsets.length != vertexCount + 1 || peerIndex.length != vertexCount) {
      throw new IllegalArgumentException("array sizes do not match the vertex count");
    }
    if (offsets[vertexCount] != targets.length) {
      throw new IllegalArgumentException("offsets do not cover the targets");
    }
  }

  /** Builds a graph from adjacency lists; {@code peerIndex[v] = v}. */
  public static OverlayGraph fromAdjacency(int[][] adjacency) {
    int n = adjacency.length;
    int[] offsets = new int[n + 1];
    for (int v = 0; v < n; v++) {
      offsets[v + 1] = offsets[v] + adjacency[v].length;
    }
    int[] targets = new int[offsets[n]];
    for (int v = 0; v < n; v++) {
      System.arraycopy(adjacency[v], 0, targets, offsets[v], adjacency[v].length);
    }
    int[] identity = new int[n];
    Arrays.setAll(identity, i -> i);
    return new OverlayGraph(n, offsets, targets, identity);
  }

  public int edgeCount() {
    return targets.length;
  }

  public int outDegree(int vertex) {
    return offsets[vertex + 1] - offsets[vertex];
  }

  /** In-degree of every vertex. */
  public int[] inDegrees() {
    int[] inDegrees = new int[vertexCount];
    for (int target : targets) {
      inDegrees[target]++;
    }
    return inDegrees;
  }

  /** The reversed graph (every edge flipped), same vertex numbering. */
  public OverlayGraph reversed() {
    int[] inDegrees = inDegrees();
    int[] reverseOffsets = new int[vertexCount + 1];
    for (int v = 0; v < vertexCount; v++) {
      reverseOffsets[v + 1] = reverseOffsets[v] + inDegrees[v];
    }
    int[] fill = Arrays.copyOf(reverseOffsets, vertexCount);
    int[] reverseTargets = new int[targets.length];
    for (int v = 0; v < vertexCount; v++) {
      for (int e = offsets[v]; e < offsets[v + 1]; e++) {
        reverseTargets[fill[targets[e]]++] = v;
      }
    }
    return new OverlayGraph(vertexCount, reverseOffsets, reverseTargets, peerIndex);
  }
}
