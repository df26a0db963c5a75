package org.catdit.store;

/**
 * How a {@link Store} is tuned; {@link #defaults()} is what the app uses. Tests shrink the bounds
 * to hit them.
 *
 * @param maxPendingWriteItems transitions, scores, peers or settings queued for the writer and not
 *     yet committed; beyond it a write is refused with {@link StoreOverloadedException}
 * @param maxPendingWriteRequests calls queued for the writer and not yet committed
 * @param maxBatchItems items the writer commits in one transaction at most
 * @param isSynchronousFull {@code PRAGMA synchronous=FULL} (fsync the WAL on every commit) rather
 *     than NORMAL; see docs/store.md for why FULL is the default
 * @param busyTimeoutMillis how long a connection waits for a lock held by another connection
 * @param maxTransitions transitions the database holds at most; appends beyond it are refused
 * @param maxKnownPeers known peers kept; the least recently seen are forgotten beyond it
 * @param maxSettings distinct setting keys; a new key beyond it is refused
 */
public record StoreOptions(
    int maxPendingWriteItems,
    int maxPendingWriteRequests,
    int maxBatchItems,
    boolean isSynchronousFull,
    int busyTimeoutMillis,
    long maxTransitions,
    int maxKnownPeers,
    int maxSettings) {

  public StoreOptions {
    requirePositive(maxPendingWriteItems, "maxPendingWriteItems");
    requirePositive(maxPendingWriteRequests, "maxPendingWriteRequests");
    requirePositive(maxBatchItems, "maxBatchItems");
    requirePositive(busyTimeoutMillis, "busyTimeoutMillis");
    requirePositive(maxTransitions, "maxTransitions");
    requirePositive(maxKnownPeers, "maxKnownPeers");
    requirePositive(maxSettings, "maxSettings");
  }

  /**
   * 200,000 pending items (at most ~13 GB in theory with 64 KiB transitions, ~60 MB with the
   * ledger's real ~300-byte ones), 4,096 pending calls, 5,000 items per transaction, FULL
   * synchronous, 5 s busy timeout, 50 million transitions, 10,000 known peers, 1,000 settings.
   */
  public static StoreOptions defaults() {
    return new StoreOptions(200_000, 4_096, 5_000, true, 5_000, 50_000_000L, 10_000, 1_000);
  }

  public StoreOptions withSynchronousFull(boolean isFull) {
    return new StoreOptions(
        maxPendingWriteItems,
        maxPendingWriteRequests,
        maxBatchItems,
        isFull,
        busyTimeoutMillis,
        maxTransitions,
        maxKnownPeers,
        maxSettings);
  }

  public StoreOptions withPendingWriteBounds(int maxItems, int maxRequests) {
    return new StoreOptions(
        maxItems,
        maxRequests,
        maxBatchItems,
        isSynchronousFull,
        busyTimeoutMillis,
        maxTransitions,
        maxKnownPeers,
        maxSettings);
  }

  public StoreOptions withTableBounds(long maxTransitions, int maxKnownPeers, int maxSettings) {
    return new StoreOptions(
        maxPendingWriteItems,
        maxPendingWriteRequests,
        maxBatchItems,
        isSynchronousFull,
        busyTimeoutMillis,
        maxTransitions,
        maxKnownPeers,
        maxSettings);
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }
}
