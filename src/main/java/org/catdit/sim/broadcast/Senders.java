package org.catdit.sim.broadcast;

/** Who sends the broadcasts of an experiment. */
public enum Senders {
  /** One peer, chosen at random, sends every broadcast (and never crashes). */
  SINGLE,
  /** Each broadcast comes from a live peer chosen uniformly at random. */
  RANDOM,
  /**
   * Every peer sends in turn: the peers in one seeded random order, each once before any twice
   * (crashed peers are skipped).
   */
  ALL
}
