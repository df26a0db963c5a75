package org.catdit.ledger.sync;

/**
 * Tunables of {@link LedgerSync}.
 *
 * @param reconcileIntervalMicros mean time between two reconciliations this peer opens (each with
 *     one random neighbour); 0 disables reconciliation (for tests that show it matters)
 * @param fetchTimeoutMicros how long one want may go unanswered before asking someone else (the 3 s
 *     follow-up of gossipsub's IWANT is the anchor; our links are faster)
 * @param fetchAttempts neighbours asked for one missing id before giving up on it (reconciliation
 *     still finds it later)
 * @param maxPendingFetches bound on ids being fetched at once
 * @param splitFanout sub-ranges a differing range is split into (Negentropy uses 16)
 * @param idListThreshold a range with at most this many ids is sent as an id list
 * @param maxTransitionsPerReply transitions sent in answer to one reconciliation message; the rest
 *     follows in later rounds, so a peer catching up is fed in bounded bursts
 */
public record SyncConfig(
    long reconcileIntervalMicros,
    long fetchTimeoutMicros,
    int fetchAttempts,
    int maxPendingFetches,
    int splitFanout,
    int idListThreshold,
    int maxTransitionsPerReply) {

  public SyncConfig {
    if (reconcileIntervalMicros < 0 || fetchTimeoutMicros <= 0 || fetchAttempts < 1) {
      throw new IllegalArgumentException("intervals must be positive");
    }
    if (maxPendingFetches < 1 || maxTransitionsPerReply < 1) {
      throw new IllegalArgumentException("bounds must be positive");
    }
    if (splitFanout < 2 || idListThreshold < splitFanout || idListThreshold > 256) {
      throw new IllegalArgumentException("need 2 <= fanout <= id-list threshold <= 256");
    }
  }

  public static SyncConfig defaults() {
    return new SyncConfig(2_000_000, 1_000_000, 4, 4096, 16, 32, 512);
  }

  public SyncConfig withReconcileIntervalMicros(long micros) {
    return new SyncConfig(
        micros,
        fetchTimeoutMicros,
        fetchAttempts,
        maxPendingFetches,
        splitFanout,
        idListThreshold,
        maxTransitionsPerReply);
  }

  public boolean isReconciling() {
    return reconcileIntervalMicros > 0;
  }
}
