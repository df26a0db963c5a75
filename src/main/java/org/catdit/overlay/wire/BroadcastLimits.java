package org.catdit.overlay.wire;

/** Bounds of the broadcast messages, checked on decode and by the record constructors. */
public final class BroadcastLimits {
  /** Largest payload one GOSSIP carries; leaves room for the header inside one codec message. */
  public static final int MAX_PAYLOAD_BYTES = 60 * 1024;

  /** Most announcements one IHAVE carries (about 33 bytes each). */
  public static final int MAX_IDS_PER_IHAVE = 1024;

  private BroadcastLimits() {}

  static void checkPayload(byte[] payload) {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
    }
  }
}
