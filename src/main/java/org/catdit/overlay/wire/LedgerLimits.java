package org.catdit.overlay.wire;

/** Bounds of the ledger-sync messages (codes 32-35), checked on decode and by the records. */
public final class LedgerLimits {
  /** Transition ids and content hashes are SHA-256. */
  public static final int ID_BYTES = 32;

  /** Range fingerprints are truncated SHA-256, as in Negentropy. */
  public static final int FINGERPRINT_BYTES = 16;

  public static final int MAX_IDS_PER_WANT = 64;
  public static final int MAX_TRANSITIONS_PER_MESSAGE = 64;

  /** Same as the ledger's MAX_TRANSITION_BYTES; the ledger re-checks every transition. */
  public static final int MAX_TRANSITION_BYTES = 2048;

  /** Sum of the transitions' sizes in one message: well inside one codec message. */
  public static final int MAX_TRANSITION_BYTES_PER_MESSAGE = 48 * 1024;

  public static final int MAX_RANGES_PER_RECONCILE = 128;

  /** Ids listed over all ranges of one reconciliation message (32 KB of ids). */
  public static final int MAX_IDS_PER_RECONCILE = 1024;

  /** Reconciliation rounds one exchange may take before both sides stop answering. */
  public static final int MAX_RECONCILE_ROUND = 32;

  private LedgerLimits() {}

  static void checkId(byte[] id) {
    if (id == null || id.length != ID_BYTES) {
      throw new IllegalArgumentException("an id has 32 bytes");
    }
  }

  static void checkTransition(byte[] transition) {
    if (transition == null || transition.length == 0 || transition.length > MAX_TRANSITION_BYTES) {
      throw new IllegalArgumentException("transition size out of range");
    }
  }
}
