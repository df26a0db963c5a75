package org.catdit.sim;

import java.util.Arrays;
import org.catdit.overlay.membership.Scamp;
import org.catdit.sim.graph.OverlayGraph;

/** Reads the simulated peers' PartialViews into a compact graph of the live peers. */
public final class OverlaySnapshot {
  private OverlaySnapshot() {}

  /**
   * The directed overlay over live peers: an edge u→v for each v in u's PartialView. Arcs to peers
   * that are no longer alive are left out (and counted by {@link #deadArcs(Simulation)}).
   */
  public static OverlayGraph of(Simulation simulation) {
    int peerCount = simulation.peerCount();
    int[] vertexOf = new int[peerCount];
    int[] peerIndex = new int[peerCount];
    int vertexCount = 0;
    for (int peer = 0; peer < peerCount; peer++) {
      if (simulation.isAlive(peer)) {
        vertexOf[peer] = vertexCount;
        peerIndex[vertexCount++] = peer;
      } else {
        vertexOf[peer] = -1;
      }
    }
    int[] offsets = new int[vertexCount + 1];
    int[] targets = new int[16];
    int edgeCount = 0;
    for (int vertex = 0; vertex < vertexCount; vertex++) {
      Scamp membership = simulation.node(peerIndex[vertex]).membership();
      for (int i = 0; i < membership.partialViewSize(); i++) {
        int target = simulation.indexOf(membership.partialViewMember(i));
        if (target >= 0 && vertexOf[target] >= 0) {
          if (edgeCount == targets.length) {
            targets = Arrays.copyOf(targets, targets.length * 2);
          }
          targets[edgeCount++] = vertexOf[target];
        }
      }
      offsets[vertex + 1] = edgeCount;
    }
    return new OverlayGraph(
        vertexCount,
        offsets,
        Arrays.copyOf(targets, edgeCount),
        Arrays.copyOf(peerIndex, vertexCount));
  }

  /** PartialView entries of live peers that point at peers no longer alive. */
  public static long deadArcs(Simulation simulation) {
    long dead = 0;
    for (int peer = 0; peer < simulation.peerCount(); peer++) {
      if (!simulation.isAlive(peer)) {
        continue;
      }
      Scamp membership = simulation.node(peer).membership();
      for (int i = 0; i < membership.partialViewSize(); i++) {
        int target = simulation.indexOf(membership.partialViewMember(i));
        if (target < 0 || !simulation.isAlive(target)) {
          dead++;
        }
      }
    }
    return dead;
  }
}
