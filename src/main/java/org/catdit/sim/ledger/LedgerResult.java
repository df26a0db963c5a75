package org.catdit.sim.ledger;

/**
 * The outcome of one ledger simulation.
 *
 * @param isConverged every live peer holds the same set (same setHash) before the drain ended
 * @param convergenceSeconds from the last authored transition until they all agreed; -1 if never
 * @param bytesPerTransitionPerPeer broadcast-tree and ledger-sync bytes delivered (encoded
 *     messages, without datagram headers), per authored transition, per peer
 * @param missingPublished authored transitions absent from the first live peer's ledger at the end
 *     (for example written by a peer that crashed before anyone received them)
 * @param equivocatorExcludedEverywhere with an equivocation: every live peer excludes the key
 */
public record LedgerResult(
    int peers,
    int livePeers,
    long published,
    int transitionsAtEnd,
    boolean isConverged,
    double convergenceSeconds,
    double bytesPerTransitionPerPeer,
    long missingPublished,
    boolean isEquivocating,
    boolean equivocatorExcludedEverywhere,
    boolean hasRealSignatures,
    boolean isReconciling,
    long reconcileMessages,
    long wantsSent,
    long fetchesGivenUp) {}
