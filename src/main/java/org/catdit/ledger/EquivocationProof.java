package org.catdit.ledger;

import java.util.Objects;

/**
 * Two different transitions signed by one author with one sequence number: self-contained evidence
 * that the author forked their own history. Anyone can check it with {@link #isValid(Verifier)}; no
 * vote is needed. {@code first} has the smaller id, so a proof has one form whatever the order its
 * halves were seen in.
 */
public record EquivocationProof(Transition first, Transition second) {
  public EquivocationProof {
    Objects.requireNonNull(first);
    Objects.requireNonNull(second);
    if (first.id().compareTo(second.id()) > 0) {
      Transition swap = first;
      first = second;
      second = swap;
    }
  }

  public AuthorKey author() {
    return first.author();
  }

  public long sequence() {
    return first.sequence();
  }

  /** Same author, same sequence, different ids, both signatures valid. */
  public boolean isValid(Verifier verifier) {
    return first.author().equals(second.author())
        && first.sequence() == second.sequence()
        && !first.id().equals(second.id())
        && verifier.verify(first.author(), first.signedMessage(), first.signature())
        && verifier.verify(second.author(), second.signedMessage(), second.signature());
  }
}
