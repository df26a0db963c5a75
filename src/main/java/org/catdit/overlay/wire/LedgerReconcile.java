package org.catdit.overlay.wire;

import java.util.List;

/**
 * One step of range-based set reconciliation (Negentropy-style): ranges whose fingerprints the
 * receiver compares with its own, splitting those that differ, and id lists it diffs. Each range is
 * self-contained (explicit bounds), so the exchange keeps no session state and a lost message only
 * delays the ranges it carried until the next periodic round.
 *
 * @param round 0 for the opening message, +1 per answer; answers stop at the limit
 * @param senderCount how many transitions the sender holds (for catch-up progress)
 */
public record LedgerReconcile(int round, long senderCount, List<ReconcileRange> ranges)
    implements Message {
  public LedgerReconcile {
    if (round < 0 || round > LedgerLimits.MAX_RECONCILE_ROUND) {
      throw new IllegalArgumentException("round out of range: " + round);
    }
    if (senderCount < 0 || senderCount > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("count out of range: " + senderCount);
    }
    ranges = List.copyOf(ranges);
    if (ranges.isEmpty() || ranges.size() > LedgerLimits.MAX_RANGES_PER_RECONCILE) {
      throw new IllegalArgumentException("1-128 ranges per message, not " + ranges.size());
    }
    int ids = 0;
    for (ReconcileRange range : ranges) {
      ids += range.isIdList() ? range.ids().size() : 0;
    }
    if (ids > LedgerLimits.MAX_IDS_PER_RECONCILE) {
      throw new IllegalArgumentException(ids + " ids in one reconciliation message");
    }
  }

  @Override
  public MessageType type() {
    return MessageType.LEDGER_RECONCILE;
  }
}
