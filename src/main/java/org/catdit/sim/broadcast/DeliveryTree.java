package org.catdit.sim.broadcast;

/**
 * How one message spread: {@code parent[p]} is the peer whose copy {@code p} delivered first (−1
 * for the root and for peers that never delivered it), {@code hops[p]} the links that copy
 * travelled (−1 if not delivered).
 */
public record DeliveryTree(int root, int[] parent, int[] hops) {
  public DeliveryTree {
    parent = parent.clone();
    hops = hops.clone();
  }

  @Override
  public int[] parent() {
    return parent.clone();
  }

  @Override
  public int[] hops() {
    return hops.clone();
  }

  public int parentOf(int peer) {
    return parent[peer];
  }

  public int hopsOf(int peer) {
    return hops[peer];
  }

  public int size() {
    return parent.length;
  }
}
