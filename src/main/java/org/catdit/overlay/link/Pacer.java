package org.catdit.overlay.link;

/**
 * A leaky bucket: credit refills at the pacing rate up to a burst, and a packet may leave while
 * credit is positive (so one packet may overdraw it). RFC 9002 §7.7.
 */
final class Pacer {
  private long creditBytes;
  private long lastRefillMicros = Long.MIN_VALUE;
  private long rateBytesPerSecond = 1;
  private long burstBytes;

  void update(long nowMicros, long rateBytesPerSecond, long burstBytes) {
    if (lastRefillMicros == Long.MIN_VALUE) {
      lastRefillMicros = nowMicros;
      creditBytes = burstBytes;
    }
    long elapsed = Math.max(0, nowMicros - lastRefillMicros);
    // Refill at the rate in force since the last update, then switch to the new rate.
    creditBytes = Math.min(burstBytes, creditBytes + this.rateBytesPerSecond * elapsed / 1_000_000);
    lastRefillMicros = nowMicros;
    this.rateBytesPerSecond = Math.max(1, rateBytesPerSecond);
    this.burstBytes = burstBytes;
  }

  boolean canSend() {
    return creditBytes > 0;
  }

  void onSent(int bytes) {
    creditBytes -= bytes;
  }

  /** When credit will be positive again. */
  long nextSendMicros(long nowMicros) {
    if (creditBytes > 0) {
      return nowMicros;
    }
    long missing = 1 - creditBytes;
    return nowMicros
        + Math.max(1, (missing * 1_000_000 + rateBytesPerSecond - 1) / rateBytesPerSecond);
  }

  long burstBytes() {
    return burstBytes;
  }
}
