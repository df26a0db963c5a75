package org.catdit.ledger;

import java.util.List;

/**
 * What {@link Ledger#ingest} did with one transition.
 *
 * @param missing for {@link Status#WAITING}: the dependencies (parents, vote target) not yet here
 * @param accepted every transition accepted by this call, in order: the transition itself and any
 *     waiting ones it released (children whose last missing parent it was, recursively)
 * @param reason for {@link Status#REJECTED} and {@link Status#DROPPED}: what was wrong
 */
public record IngestResult(
    Status status, Hash id, List<Hash> missing, List<Transition> accepted, String reason) {

  public enum Status {
    /** Valid and now part of the ledger. */
    ACCEPTED,
    /** Already in the ledger (or already waiting); nothing changed. */
    DUPLICATE,
    /** Signature valid, but dependencies are missing: held in the waiting set. */
    WAITING,
    /** Invalid (bad signature, broken rule, or depends on an invalid transition). */
    REJECTED,
    /** Would wait, but the waiting set is full; nothing is kept, it can come again later. */
    DROPPED
  }

  public boolean isAccepted() {
    return status == Status.ACCEPTED;
  }

  static IngestResult of(Status status, Hash id, String reason) {
    return new IngestResult(status, id, List.of(), List.of(), reason);
  }
}
