package org.catdit.store;

/**
 * The bounds every value handed to the {@link Store} is checked against. They are generous for
 * honest data and small enough that one call cannot exhaust memory or disk: a transition's own size
 * limit (set by the ledger) lies well below {@link #MAX_ENCODED_BYTES}.
 */
public final class StoreLimits {
  /** An Ed25519 public key has 32 bytes; room for a longer key type without a migration. */
  public static final int MAX_AUTHOR_KEY_BYTES = 64;

  /** The ledger's approvals are 1–8 parents; the genesis-like first transitions may have none. */
  public static final int MAX_PARENTS = 8;

  /** Upper bound on one transition's canonical encoding. */
  public static final int MAX_ENCODED_BYTES = 64 * 1024;

  /** Transition kinds are small numeric codes, only ever appended to. */
  public static final int MAX_KIND = 0xffff;

  /** Transitions in one {@link Store#appendTransitions} call. */
  public static final int MAX_TRANSITIONS_PER_CALL = 10_000;

  /** Entries in one {@link Store#saveScores} call. */
  public static final int MAX_SCORES_PER_CALL = 100_000;

  /** Peers in one {@link Store#savePeers} call. */
  public static final int MAX_PEERS_PER_CALL = 10_000;

  public static final int MAX_PEER_ID_CHARS = 128;
  public static final int MAX_PEER_ADDRESS_CHARS = 256;

  public static final int MAX_SETTING_KEY_CHARS = 128;
  public static final int MAX_SETTING_VALUE_CHARS = 64 * 1024;

  private StoreLimits() {}
}
