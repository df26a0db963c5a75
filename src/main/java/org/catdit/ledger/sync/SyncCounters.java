package org.catdit.ledger.sync;

/** What {@link LedgerSync} did and refused; read on the node's thread. */
public final class SyncCounters {
  long published;
  long pushesReceived;
  long transitionsReceived;
  long accepted;
  long duplicates;
  long rejected;
  long malformed;
  long dropped;
  long wantsSent;
  long idsWanted;
  long wantsReceived;
  long transitionsServed;
  long wantsUnknown;
  long fetchRetries;
  long fetchesGivenUp;
  long fetchesRefused;
  long reconciliationsOpened;
  long reconcileMessagesSent;
  long reconcileMessagesReceived;
  long reconcileRoundLimitHits;
  long transitionsSentByReconcile;
  long proofsForwarded;
  long proofsReceived;

  public long published() {
    return published;
  }

  public long pushesReceived() {
    return pushesReceived;
  }

  /** Transitions that arrived by any path (push, want answer, reconciliation, proof). */
  public long transitionsReceived() {
    return transitionsReceived;
  }

  /** Of those, newly accepted (released waiters included). */
  public long accepted() {
    return accepted;
  }

  public long duplicates() {
    return duplicates;
  }

  /** Refused by the ledger: bad signature, broken rule, depends on something invalid. */
  public long rejected() {
    return rejected;
  }

  /** Bytes that did not decode as a transition. */
  public long malformed() {
    return malformed;
  }

  /** Would have waited, but the ledger's waiting set was full. */
  public long dropped() {
    return dropped;
  }

  public long wantsSent() {
    return wantsSent;
  }

  public long idsWanted() {
    return idsWanted;
  }

  public long wantsReceived() {
    return wantsReceived;
  }

  public long transitionsServed() {
    return transitionsServed;
  }

  /** Ids asked of us that we do not hold. */
  public long wantsUnknown() {
    return wantsUnknown;
  }

  public long fetchRetries() {
    return fetchRetries;
  }

  public long fetchesGivenUp() {
    return fetchesGivenUp;
  }

  /** Missing ids not fetched because the pending-fetch table was full. */
  public long fetchesRefused() {
    return fetchesRefused;
  }

  public long reconciliationsOpened() {
    return reconciliationsOpened;
  }

  public long reconcileMessagesSent() {
    return reconcileMessagesSent;
  }

  public long reconcileMessagesReceived() {
    return reconcileMessagesReceived;
  }

  public long reconcileRoundLimitHits() {
    return reconcileRoundLimitHits;
  }

  public long transitionsSentByReconcile() {
    return transitionsSentByReconcile;
  }

  public long proofsForwarded() {
    return proofsForwarded;
  }

  public long proofsReceived() {
    return proofsReceived;
  }
}
