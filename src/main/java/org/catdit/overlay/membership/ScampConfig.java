package org.catdit.overlay.membership;

/**
 * SCAMP parameters.
 *
 * @param c fault-tolerance parameter: the contact sends {@code c} extra copies of a subscription; the
 *     mean PartialView size tends to (c+1)·ln N
 * @param walkHops length of the random walk that picks the effective contact (indirection); 0 turns
 *     indirection off
 * @param forwardHopsPerViewEntry a forwarded subscription may travel this many hops per entry (plus
 *     one) of the contact's PartialView, capped at 255: about ten times the expected chain length,
 *     which is |PartialView|+1 when each hop keeps with probability 1/(1+|PartialView|)
 * @param heartbeatIntervalMicros period of heartbeats and view maintenance; 0 turns both off
 * @param failureTimeoutMicros a neighbour silent this long is taken to have failed
 * @param isolationTimeoutMicros no heartbeat from any in-neighbour for this long means isolation
 * @param leaseMicros lifetime of a subscription; 0 means subscriptions never expire
 */
public record ScampConfig(
    int c,
    int walkHops,
    int forwardHopsPerViewEntry,
    long heartbeatIntervalMicros,
    long failureTimeoutMicros,
    long isolationTimeoutMicros,
    long leaseMicros) {

  private static final long SECOND = 1_000_000L;

  public ScampConfig {
    if (c < 0 || c > 64) {
      throw new IllegalArgumentException("c must be in 0..64, was " + c);
    }
    if (walkHops < 0 || walkHops > 255) {
      throw new IllegalArgumentException("walkHops must be in 0..255, was " + walkHops);
    }
    if (forwardHopsPerViewEntry < 1) {
      throw new IllegalArgumentException("forwardHopsPerViewEntry must be positive");
    }
    if (heartbeatIntervalMicros < 0 || leaseMicros < 0) {
      throw new IllegalArgumentException("periods must not be negative");
    }
    if (heartbeatIntervalMicros > 0
        && (failureTimeoutMicros < 2 * heartbeatIntervalMicros
            || isolationTimeoutMicros < 2 * heartbeatIntervalMicros)) {
      throw new IllegalArgumentException("timeouts must span at least two heartbeat periods");
    }
  }

  /**
   * Defaults for a real network: heartbeats every 2 s, a neighbour declared failed after 8 s of
   * silence, isolation after 10 s, subscriptions leased for 30 minutes.
   */
  public static ScampConfig defaults() {
    return new ScampConfig(1, 5, 10, 2 * SECOND, 8 * SECOND, 10 * SECOND, 1800 * SECOND);
  }

  public ScampConfig withC(int newC) {
    return new ScampConfig(
        newC,
        walkHops,
        forwardHopsPerViewEntry,
        heartbeatIntervalMicros,
        failureTimeoutMicros,
        isolationTimeoutMicros,
        leaseMicros);
  }

  public ScampConfig withWalkHops(int hops) {
    return new ScampConfig(
        c,
        hops,
        forwardHopsPerViewEntry,
        heartbeatIntervalMicros,
        failureTimeoutMicros,
        isolationTimeoutMicros,
        leaseMicros);
  }

  public ScampConfig withLeaseMicros(long lease) {
    return new ScampConfig(
        c,
        walkHops,
        forwardHopsPerViewEntry,
        heartbeatIntervalMicros,
        failureTimeoutMicros,
        isolationTimeoutMicros,
        lease);
  }

  /** Heartbeats, failure detection, isolation detection and leases all off: a static overlay. */
  public ScampConfig withoutMaintenance() {
    return new ScampConfig(
        c, walkHops, forwardHopsPerViewEntry, 0, failureTimeoutMicros, isolationTimeoutMicros, 0);
  }

  /** A forwarded subscription's hop budget, given the contact's PartialView size. */
  int forwardHopBudget(int contactViewSize) {
    return (int) Math.min(255L, (long) forwardHopsPerViewEntry * (contactViewSize + 1));
  }

  /** Grace beyond the lease before a holder drops a subscription, so the renewal lands first. */
  long leaseGraceMicros() {
    return 2 * Math.max(heartbeatIntervalMicros, SECOND);
  }
}
