package org.catdit.overlay.wire;

/**
 * An equivocation proof: two encoded transitions with one author and sequence number. Forwarded to
 * every neighbour by a peer that learns of a new (or earlier) fork, so all exclude it quickly.
 */
public record LedgerEquivocation(byte[] first, byte[] second) implements Message {
  public LedgerEquivocation {
    LedgerLimits.checkTransition(first);
    LedgerLimits.checkTransition(second);
  }

  @Override
  public MessageType type() {
    return MessageType.LEDGER_EQUIVOCATION;
  }
}
