package org.catdit.ledger.sync;

/** What one peer's blob transfer has done; read by the admin API, the simulator and tests. */
public final class BlobTransferCounters {
  long fetchesQueued;
  long fetchesRefused;
  long blobsCompleted;
  long blobsFailed;
  long blobsCorrupt;
  long chunksRequested;
  long chunksReceived;
  long chunksUnwanted;
  long bytesReceived;
  long chunksSent;
  long bytesSent;
  long requestsNotHave;
  long requestsBusy;
  long requestsBadRange;
  long requestTimeouts;
  long sourceSwitches;
  long roundsWithoutSource;
  long haveSent;
  long storageErrors;

  /** fetch() calls that queued a new want. */
  public long fetchesQueued() {
    return fetchesQueued;
  }

  /** fetch() calls refused: the want list was full or the size out of range. */
  public long fetchesRefused() {
    return fetchesRefused;
  }

  public long blobsCompleted() {
    return blobsCompleted;
  }

  /** Wants given up (see {@link BlobTransferListener#onBlobFailed}). */
  public long blobsFailed() {
    return blobsFailed;
  }

  /** Completed fetches whose bytes hashed wrong (the data was discarded and fetched again). */
  public long blobsCorrupt() {
    return blobsCorrupt;
  }

  public long chunksRequested() {
    return chunksRequested;
  }

  public long chunksReceived() {
    return chunksReceived;
  }

  /** Chunks that arrived unasked, late for a finished blob, or with the wrong blob size. */
  public long chunksUnwanted() {
    return chunksUnwanted;
  }

  public long bytesReceived() {
    return bytesReceived;
  }

  public long chunksSent() {
    return chunksSent;
  }

  public long bytesSent() {
    return bytesSent;
  }

  /** Requests answered NOT_HAVE (this peer held no complete copy). */
  public long requestsNotHave() {
    return requestsNotHave;
  }

  /** Requests answered BUSY (a serve queue was full). */
  public long requestsBusy() {
    return requestsBusy;
  }

  /** Requests for a chunk outside the blob: dropped. */
  public long requestsBadRange() {
    return requestsBadRange;
  }

  public long requestTimeouts() {
    return requestTimeouts;
  }

  public long sourceSwitches() {
    return sourceSwitches;
  }

  /** Times a fetch had asked every candidate and had to wait for the next round. */
  public long roundsWithoutSource() {
    return roundsWithoutSource;
  }

  public long haveSent() {
    return haveSent;
  }

  public long storageErrors() {
    return storageErrors;
  }
}
