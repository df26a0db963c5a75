package org.catdit.overlay.broadcast;

import org.catdit.overlay.wire.BroadcastLimits;

/**
 * Broadcast-tree parameters. Times are for links of about 50 ms one way (100 ms round trip); ADR
 * 0002 and docs/broadcast.md give the measurements behind the defaults.
 *
 * @param mode shared tree, per-source trees, hybrid, or the flooding baseline
 * @param isSymmetric whether trees use every SCAMP link both ways (PartialView ∪ InView, ADR 0002);
 *     false restricts payloads and IHAVEs to PartialView arcs in their own direction (for
 *     measuring)
 * @param graftTimeoutMicros timeout1 (Alg. 2): how long an announced, unreceived message may stay
 *     missing before the first GRAFT
 * @param regraftTimeoutMicros timeout2: the wait for an answer to a GRAFT before the next announcer
 *     is tried; "in the order of an average round trip time" (paper p.9)
 * @param maxGraftsPerMessage GRAFTs sent for one missing message before giving it up
 * @param optimizationThresholdHops Alg. 4: swap in a lazy link whose announcement promised a copy
 *     at least this many hops sooner than the eager delivery; 0 turns the optimisation off
 * @param announceDelayMicros IHAVEs are gathered per peer for this long and sent as one batch
 * @param maxIdsPerIHave announcements per IHAVE datagram
 * @param reannounceMicros an unacknowledged IHAVE batch is sent again after this long
 * @param maxAnnounceAttempts sends of one IHAVE batch before giving up on that peer
 * @param maxUnackedBatches IHAVE batches awaiting an acknowledgement, all peers together
 * @param maxSeenIds message ids remembered, for duplicate detection
 * @param seenRetentionMicros how long a message id is remembered
 * @param maxCachedPayloads payloads kept to answer GRAFTs
 * @param payloadRetentionMicros how long a payload is kept to answer GRAFTs
 * @param maxMissing announced, unreceived messages tracked at once
 * @param maxAnnouncersPerMessage announcers remembered per missing message
 * @param maxTrees per-source trees kept (least recently used is dropped); the first sender's tree,
 *     the template in hybrid mode, is never dropped
 */
public record BroadcastConfig(
    BroadcastMode mode,
    boolean isSymmetric,
    long graftTimeoutMicros,
    long regraftTimeoutMicros,
    int maxGraftsPerMessage,
    int optimizationThresholdHops,
    long announceDelayMicros,
    int maxIdsPerIHave,
    long reannounceMicros,
    int maxAnnounceAttempts,
    int maxUnackedBatches,
    int maxSeenIds,
    long seenRetentionMicros,
    int maxCachedPayloads,
    long payloadRetentionMicros,
    int maxMissing,
    int maxAnnouncersPerMessage,
    int maxTrees) {

  private static final long MILLI = 1_000L;
  private static final long SECOND = 1_000_000L;

  public BroadcastConfig {
    if (mode == null) {
      throw new IllegalArgumentException("mode must be set");
    }
    if (graftTimeoutMicros <= 0 || regraftTimeoutMicros <= 0 || reannounceMicros <= 0) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (announceDelayMicros < 0) {
      throw new IllegalArgumentException("announceDelayMicros must not be negative");
    }
    if (maxIdsPerIHave < 1 || maxIdsPerIHave > BroadcastLimits.MAX_IDS_PER_IHAVE) {
      throw new IllegalArgumentException(
          "maxIdsPerIHave must be in 1.." + BroadcastLimits.MAX_IDS_PER_IHAVE);
    }
    if (optimizationThresholdHops < 0) {
      throw new IllegalArgumentException("optimizationThresholdHops must not be negative");
    }
    if (maxGraftsPerMessage < 1
        || maxAnnounceAttempts < 1
        || maxUnackedBatches < 1
        || maxSeenIds < 1
        || maxCachedPayloads < 1
        || maxMissing < 1
        || maxAnnouncersPerMessage < 1
        || maxTrees < 1) {
      throw new IllegalArgumentException("every bound must be at least 1");
    }
    if (seenRetentionMicros < payloadRetentionMicros) {
      throw new IllegalArgumentException("ids must be remembered at least as long as payloads");
    }
  }

  /**
   * Hybrid trees over PartialView ∪ InView; timeout1 400 ms (four round trips), timeout2 150 ms;
   * optimisation at 3 hops; IHAVE batched for 10 ms, re-sent every 300 ms up to 8 times; ids kept
   * 10 minutes (100,000 of them), payloads 60 s (4,096 of them).
   */
  public static BroadcastConfig defaults() {
    return new BroadcastConfig(
        BroadcastMode.HYBRID,
        true,
        400 * MILLI,
        150 * MILLI,
        16,
        3,
        10 * MILLI,
        32,
        300 * MILLI,
        8,
        8192,
        100_000,
        600 * SECOND,
        4096,
        60 * SECOND,
        4096,
        8,
        256);
  }

  public BroadcastConfig withMode(BroadcastMode newMode) {
    return new BroadcastConfig(
        newMode,
        isSymmetric,
        graftTimeoutMicros,
        regraftTimeoutMicros,
        maxGraftsPerMessage,
        optimizationThresholdHops,
        announceDelayMicros,
        maxIdsPerIHave,
        reannounceMicros,
        maxAnnounceAttempts,
        maxUnackedBatches,
        maxSeenIds,
        seenRetentionMicros,
        maxCachedPayloads,
        payloadRetentionMicros,
        maxMissing,
        maxAnnouncersPerMessage,
        maxTrees);
  }

  public BroadcastConfig withSymmetricLinks(boolean symmetric) {
    return new BroadcastConfig(
        mode,
        symmetric,
        graftTimeoutMicros,
        regraftTimeoutMicros,
        maxGraftsPerMessage,
        optimizationThresholdHops,
        announceDelayMicros,
        maxIdsPerIHave,
        reannounceMicros,
        maxAnnounceAttempts,
        maxUnackedBatches,
        maxSeenIds,
        seenRetentionMicros,
        maxCachedPayloads,
        payloadRetentionMicros,
        maxMissing,
        maxAnnouncersPerMessage,
        maxTrees);
  }

  public BroadcastConfig withOptimizationThresholdHops(int hops) {
    return new BroadcastConfig(
        mode,
        isSymmetric,
        graftTimeoutMicros,
        regraftTimeoutMicros,
        maxGraftsPerMessage,
        hops,
        announceDelayMicros,
        maxIdsPerIHave,
        reannounceMicros,
        maxAnnounceAttempts,
        maxUnackedBatches,
        maxSeenIds,
        seenRetentionMicros,
        maxCachedPayloads,
        payloadRetentionMicros,
        maxMissing,
        maxAnnouncersPerMessage,
        maxTrees);
  }

  public BroadcastConfig withGraftTimeouts(long firstMicros, long nextMicros) {
    return new BroadcastConfig(
        mode,
        isSymmetric,
        firstMicros,
        nextMicros,
        maxGraftsPerMessage,
        optimizationThresholdHops,
        announceDelayMicros,
        maxIdsPerIHave,
        reannounceMicros,
        maxAnnounceAttempts,
        maxUnackedBatches,
        maxSeenIds,
        seenRetentionMicros,
        maxCachedPayloads,
        payloadRetentionMicros,
        maxMissing,
        maxAnnouncersPerMessage,
        maxTrees);
  }

  /** Cache and table bounds together (tests drive them small). */
  public BroadcastConfig withBounds(
      int seenIds,
      long seenRetention,
      int cachedPayloads,
      long payloadRetention,
      int missing,
      int trees,
      int unackedBatches) {
    return new BroadcastConfig(
        mode,
        isSymmetric,
        graftTimeoutMicros,
        regraftTimeoutMicros,
        maxGraftsPerMessage,
        optimizationThresholdHops,
        announceDelayMicros,
        maxIdsPerIHave,
        reannounceMicros,
        maxAnnounceAttempts,
        unackedBatches,
        seenIds,
        seenRetention,
        cachedPayloads,
        payloadRetention,
        missing,
        maxAnnouncersPerMessage,
        trees);
  }
}
