package org.catdit.ledger.sync;

/**
 * Tunables of {@link BlobTransfer}.
 *
 * @param maxWantedBlobs blobs on the want list (queued and active), at most; more are refused
 * @param maxActiveFetches blobs being fetched at once; the rest wait their turn
 * @param windowChunks chunk requests in flight to one source, at most (over all its blobs)
 * @param requestTimeoutMicros a requested chunk that has not arrived after this long is asked again
 * @param maxTimeoutsPerSource consecutive timeouts after which a fetch moves to another source
 * @param retryMinMicros wait before a fetch that found no source tries again; doubles each round
 * @param retryMaxMicros longest wait between such rounds
 * @param maxCorruptCompletions times a blob may hash wrong before it is given up
 * @param tickMicros how often deadlines are checked while there is work
 * @param serveBytesPerSecond bytes of chunks served per second, on average, to all peers together
 * @param serveBurstBytes bytes of chunks that may be served back to back
 * @param maxQueuedRequestsPerPeer requests from one peer waiting to be served; more get BUSY
 * @param maxServedPeers peers with requests waiting to be served; more get BUSY
 * @param maxWaitersPerBlob peers told by BLOB_HAVE once a blob they asked for too early arrives
 * @param maxWaiterBlobs blobs with such waiters, at most
 * @param maxSuspectSources peers remembered as having sent corrupt data (avoided as sources)
 */
public record BlobTransferConfig(
    int maxWantedBlobs,
    int maxActiveFetches,
    int windowChunks,
    long requestTimeoutMicros,
    int maxTimeoutsPerSource,
    long retryMinMicros,
    long retryMaxMicros,
    int maxCorruptCompletions,
    long tickMicros,
    long serveBytesPerSecond,
    long serveBurstBytes,
    int maxQueuedRequestsPerPeer,
    int maxServedPeers,
    int maxWaitersPerBlob,
    int maxWaiterBlobs,
    int maxSuspectSources) {

  public BlobTransferConfig {
    if (maxWantedBlobs < 1
        || maxActiveFetches < 1
        || windowChunks < 1
        || maxTimeoutsPerSource < 1
        || maxCorruptCompletions < 1
        || maxQueuedRequestsPerPeer < 1
        || maxServedPeers < 1
        || maxWaitersPerBlob < 0
        || maxWaiterBlobs < 0
        || maxSuspectSources < 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (requestTimeoutMicros < 1
        || retryMinMicros < 1
        || retryMaxMicros < retryMinMicros
        || tickMicros < 1) {
      throw new IllegalArgumentException("durations must be positive, min <= max");
    }
    if (serveBytesPerSecond < 1
        || serveBurstBytes < org.catdit.overlay.wire.BlobLimits.CHUNK_BYTES) {
      throw new IllegalArgumentException("the serve burst must hold one chunk");
    }
  }

  /**
   * Values for the open internet: 8 chunks (128 KiB) in flight per source, 4 blobs at once, chunks
   * served at up to 4 MiB/s so pictures never take the whole uplink from the control traffic.
   */
  public static BlobTransferConfig defaults() {
    return new BlobTransferConfig(
        16_384,
        4,
        8,
        3_000_000,
        3,
        500_000,
        30_000_000,
        3,
        50_000,
        4L << 20,
        256 << 10,
        64,
        64,
        32,
        1024,
        256);
  }

  public BlobTransferConfig withMaxWantedBlobs(int value) {
    return new BlobTransferConfig(
        value,
        maxActiveFetches,
        windowChunks,
        requestTimeoutMicros,
        maxTimeoutsPerSource,
        retryMinMicros,
        retryMaxMicros,
        maxCorruptCompletions,
        tickMicros,
        serveBytesPerSecond,
        serveBurstBytes,
        maxQueuedRequestsPerPeer,
        maxServedPeers,
        maxWaitersPerBlob,
        maxWaiterBlobs,
        maxSuspectSources);
  }

  public BlobTransferConfig withWindow(int chunks, int activeFetches) {
    return new BlobTransferConfig(
        maxWantedBlobs,
        activeFetches,
        chunks,
        requestTimeoutMicros,
        maxTimeoutsPerSource,
        retryMinMicros,
        retryMaxMicros,
        maxCorruptCompletions,
        tickMicros,
        serveBytesPerSecond,
        serveBurstBytes,
        maxQueuedRequestsPerPeer,
        maxServedPeers,
        maxWaitersPerBlob,
        maxWaiterBlobs,
        maxSuspectSources);
  }

  public BlobTransferConfig withServing(
      long bytesPerSecond, long burstBytes, int queuedPerPeer, int servedPeers) {
    return new BlobTransferConfig(
        maxWantedBlobs,
        maxActiveFetches,
        windowChunks,
        requestTimeoutMicros,
        maxTimeoutsPerSource,
        retryMinMicros,
        retryMaxMicros,
        maxCorruptCompletions,
        tickMicros,
        bytesPerSecond,
        burstBytes,
        queuedPerPeer,
        servedPeers,
        maxWaitersPerBlob,
        maxWaiterBlobs,
        maxSuspectSources);
  }

  public BlobTransferConfig withWaiters(int perBlob, int blobs, int suspectSources) {
    return new BlobTransferConfig(
        maxWantedBlobs,
        maxActiveFetches,
        windowChunks,
        requestTimeoutMicros,
        maxTimeoutsPerSource,
        retryMinMicros,
        retryMaxMicros,
        maxCorruptCompletions,
        tickMicros,
        serveBytesPerSecond,
        serveBurstBytes,
        maxQueuedRequestsPerPeer,
        maxServedPeers,
        perBlob,
        blobs,
        suspectSources);
  }
}
