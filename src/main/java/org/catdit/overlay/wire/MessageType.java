package org.catdit.overlay.wire;

/**
 * Every message type with its code on the wire. ONLY APPEND TO THIS LIST: a code, once shipped,
 * keeps its meaning forever; retire a type by leaving its code unused. Ranges: membership 1-15,
 * broadcast 16-31, ledger sync 32-63, blob transfer 64-79.
 */
public enum MessageType {
  // SCAMP membership
  SUBSCRIPTION(1),
  FORWARDED_SUBSCRIPTION(2),
  KEPT_SUBSCRIPTION(3),
  JOIN_ACCEPTED(4),
  REPLACE_SUBSCRIPTION(5),
  REMOVE_SUBSCRIPTION(6),
  DROPPED_SUBSCRIPTION(7),
  HEARTBEAT(8),

  // Broadcast tree (Plumtree)
  GOSSIP(16),
  IHAVE(17),
  PRUNE(18),
  GRAFT(19),
  IHAVE_ACK(20),

  // Ledger sync
  LEDGER_WANT(32),
  LEDGER_TRANSITIONS(33),
  LEDGER_RECONCILE(34),
  LEDGER_EQUIVOCATION(35),

  // Blob (picture) transfer
  BLOB_REQUEST(64),
  BLOB_CHUNK(65),
  BLOB_NOT_HAVE(66),
  BLOB_BUSY(67),
  BLOB_HAVE(68);

  private static final MessageType[] BY_CODE = new MessageType[256];

  static {
    for (MessageType type : values()) {
      if (BY_CODE[type.code] != null) {
        throw new ExceptionInInitializerError("duplicate message type code " + type.code);
      }
      BY_CODE[type.code] = type;
    }
  }

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  /** The one-byte code on the wire. */
  public int code() {
    return code;
  }

  /** The type with this code, or {@code null} for an unknown code. */
  public static MessageType byCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** The largest code in use: arrays indexed by code need this plus one entries. */
  public static int maxCode() {
    int max = 0;
    for (MessageType type : values()) {
      max = Math.max(max, type.code);
    }
    return max;
  }
}
