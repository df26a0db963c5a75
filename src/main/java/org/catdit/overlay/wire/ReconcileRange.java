package org.catdit.overlay.wire;

import java.util.List;

/**
 * One range of the sorted id space in a reconciliation message: ids {@code lower <= id < upper}
 * ({@code upper == null}: to the end), described either by a fingerprint of the sender's ids in it
 * or by the full list of them.
 *
 * @param fingerprint 16 bytes, or null when {@code ids} is given
 * @param ids the sender's ids in the range, ascending, or null when {@code fingerprint} is given
 */
public record ReconcileRange(byte[] lower, byte[] upper, byte[] fingerprint, List<byte[]> ids) {
  public ReconcileRange {
    LedgerLimits.checkId(lower);
    if (upper != null) {
      LedgerLimits.checkId(upper);
    }
    if ((fingerprint == null) == (ids == null)) {
      throw new IllegalArgumentException("a range has a fingerprint or an id list, not both");
    }
    if (fingerprint != null && fingerprint.length != LedgerLimits.FINGERPRINT_BYTES) {
      throw new IllegalArgumentException("a fingerprint has 16 bytes");
    }
    if (ids != null) {
      ids = List.copyOf(ids);
      ids.forEach(LedgerLimits::checkId);
    }
  }

  public boolean isIdList() {
    return ids != null;
  }
}
