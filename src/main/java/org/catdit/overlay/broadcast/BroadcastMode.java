package org.catdit.overlay.broadcast;

/** How a peer forwards broadcasts (ADR 0003 explains the choice of default). */
public enum BroadcastMode {
  /** Plumtree with one tree for every sender (the paper's §3.7 default). */
  SHARED,
  /** One prune state per sender (root); a new sender's first message floods the links. */
  PER_SOURCE,
  /**
   * One prune state per sender, but a new sender's tree starts as a copy of the first sender's tree
   * instead of all-eager: its first message travels the existing tree, and the Alg. 4 optimisation
   * then bends its own copy towards its shortest paths without disturbing anyone else's tree.
   */
  HYBRID,
  /** The baseline: every peer forwards every new message to its whole PartialView. */
  FLOOD
}
