package org.catdit.overlay.wire;

import java.util.List;

/** Asks a neighbour for the transitions with these ids (1-64), e.g. missing parents. */
public record LedgerWant(List<byte[]> ids) implements Message {
  public LedgerWant {
    ids = List.copyOf(ids);
    if (ids.isEmpty() || ids.size() > LedgerLimits.MAX_IDS_PER_WANT) {
      throw new IllegalArgumentException("a want names 1-64 ids, not " + ids.size());
    }
    ids.forEach(LedgerLimits::checkId);
  }

  @Override
  public MessageType type() {
    return MessageType.LEDGER_WANT;
  }
}
