package org.catdit.ledger;

/** Callbacks from {@link Ledger}, on the ledger's thread, in the order things happen. */
public interface LedgerListener {
  /** {@code transition} became part of the ledger (from ingest, restore or author). */
  default void onAccepted(Transition transition) {}

  /** The number of distinct current upvoters of {@code post} changed to {@code score}. */
  default void onScoreChanged(Hash post, int score) {}

  /**
   * The ledger holds two transitions with the same author and sequence number: the author is
   * excluded from {@code proof.sequence()} on (see {@link Ledger#excludedAuthors()}).
   */
  default void onEquivocation(EquivocationProof proof) {}
}
