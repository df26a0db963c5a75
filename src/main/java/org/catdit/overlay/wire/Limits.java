package org.catdit.overlay.wire;

/** Bounds that every decoded field is checked against. */
public final class Limits {
  /** Largest encoded message the codec accepts (the link layer fragments anything above a datagram). */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024;

  /** Hop counters travel as one unsigned byte. */
  public static final int MAX_HOPS = 255;

  private Limits() {}

  static void checkHops(int hops) {
    if (hops < 0 || hops > MAX_HOPS) {
      throw new IllegalArgumentException("hop count out of range: " + hops);
    }
  }
}
