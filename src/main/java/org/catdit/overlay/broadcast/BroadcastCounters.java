package org.catdit.overlay.broadcast;

/** What one peer's broadcast protocol did, for metrics and the admin API. */
public final class BroadcastCounters {
  long broadcasts;
  long delivered;
  long duplicates;
  long prunesSent;
  long graftsSent;
  long graftsAnswered;
  long graftsUnanswerable;
  long optimizations;
  long announcementsQueued;
  long iHavesSent;
  long iHavesResent;
  long iHaveBatchesAbandoned;
  long iHaveBatchesDropped;
  long missingDropped;
  long messagesGivenUp;
  long linksUp;
  long linksDown;

  /** Messages this peer broadcast itself. */
  public long broadcasts() {
    return broadcasts;
  }

  /** Messages delivered to the user (own broadcasts included). */
  public long delivered() {
    return delivered;
  }

  /** Payload copies received for messages already delivered. */
  public long duplicates() {
    return duplicates;
  }

  /** PRUNEs sent (duplicates and the optimisation). */
  public long prunesSent() {
    return prunesSent;
  }

  /** GRAFTs sent asking for a missing message. */
  public long graftsSent() {
    return graftsSent;
  }

  /** GRAFTs answered with the payload. */
  public long graftsAnswered() {
    return graftsAnswered;
  }

  /** GRAFTs for a payload no longer cached. */
  public long graftsUnanswerable() {
    return graftsUnanswerable;
  }

  /** Lazy links swapped in by the Alg. 4 optimisation. */
  public long optimizations() {
    return optimizations;
  }

  /** IHAVE entries queued (one per message and lazy link). */
  public long announcementsQueued() {
    return announcementsQueued;
  }

  /** IHAVE datagrams sent the first time. */
  public long iHavesSent() {
    return iHavesSent;
  }

  /** IHAVE datagrams sent again for want of an acknowledgement. */
  public long iHavesResent() {
    return iHavesResent;
  }

  /** IHAVE batches given up after the last attempt. */
  public long iHaveBatchesAbandoned() {
    return iHaveBatchesAbandoned;
  }

  /** IHAVE batches forgotten because the table of unacknowledged ones was full. */
  public long iHaveBatchesDropped() {
    return iHaveBatchesDropped;
  }

  /** Missing messages forgotten because the table was full. */
  public long missingDropped() {
    return missingDropped;
  }

  /** Missing messages given up after the last GRAFT. */
  public long messagesGivenUp() {
    return messagesGivenUp;
  }

  /** Neighbours added (new links start eager). */
  public long linksUp() {
    return linksUp;
  }

  /** Neighbours lost (their links leave every tree). */
  public long linksDown() {
    return linksDown;
  }
}
