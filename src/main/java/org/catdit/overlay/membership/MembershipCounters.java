package org.catdit.overlay.membership;

/** What one peer's SCAMP instance did, for metrics and the admin API. */
public final class MembershipCounters {
  long subscriptionsHandledAsContact;
  long subscriptionsWalked;
  long subscriptionsKept;
  long subscriptionsForwarded;
  long subscriptionsKeptAtHopLimit;
  long subscriptionsDropped;
  long rejoins;
  long leaseResubscriptions;
  long leaseExpiries;
  long failuresDetected;
  long partitionRejoins;
  long bookkeepingRepairs;
  long joinRecordsRefused;

  /** Subscriptions dropped because the subscriber's signed join record was missing or forged. */
  public long joinRecordsRefused() {
    return joinRecordsRefused;
  }

  public long subscriptionsHandledAsContact() {
    return subscriptionsHandledAsContact;
  }

  public long subscriptionsWalked() {
    return subscriptionsWalked;
  }

  public long subscriptionsKept() {
    return subscriptionsKept;
  }

  public long subscriptionsForwarded() {
    return subscriptionsForwarded;
  }

  public long subscriptionsKeptAtHopLimit() {
    return subscriptionsKeptAtHopLimit;
  }

  public long subscriptionsDropped() {
    return subscriptionsDropped;
  }

  public long rejoins() {
    return rejoins;
  }

  public long leaseResubscriptions() {
    return leaseResubscriptions;
  }

  public long leaseExpiries() {
    return leaseExpiries;
  }

  public long failuresDetected() {
    return failuresDetected;
  }

  /** Rejoins through a neighbour lost to failure detection, to heal a partition (LostPeers). */
  public long partitionRejoins() {
    return partitionRejoins;
  }

  public long bookkeepingRepairs() {
    return bookkeepingRepairs;
  }
}
