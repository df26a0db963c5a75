package org.catdit.sim.broadcast;

/**
 * What a broadcast experiment does to a joined overlay.
 *
 * @param broadcasts number of broadcasts B
 * @param senders who sends them
 * @param intervalMicros time between two broadcasts T
 * @param failFraction share F of the peers that crash at once (0 for none)
 * @param failAfter the crash happens half an interval after the K-th broadcast (1-based)
 * @param payloadBytes size of each payload
 * @param drainMicros how long the run goes on after the last broadcast (repairs, retries)
 */
public record BroadcastScenario(
    int broadcasts,
    Senders senders,
    long intervalMicros,
    double failFraction,
    int failAfter,
    int payloadBytes,
    long drainMicros) {

  public BroadcastScenario {
    if (broadcasts < 1) {
      throw new IllegalArgumentException("at least one broadcast");
    }
    if (senders == null) {
      throw new IllegalArgumentException("senders must be set");
    }
    if (intervalMicros < 1 || drainMicros < 0) {
      throw new IllegalArgumentException("interval must be positive, drain not negative");
    }
    if (!(failFraction >= 0 && failFraction < 1)) {
      throw new IllegalArgumentException("failFraction must be in [0, 1)");
    }
    if (failFraction > 0 && (failAfter < 1 || failAfter >= broadcasts)) {
      throw new IllegalArgumentException("failAfter must be in 1..broadcasts-1");
    }
    if (payloadBytes < 16) {
      throw new IllegalArgumentException("payloads carry at least 16 bytes (they must differ)");
    }
  }

  /** B broadcasts from {@code senders}, 1 s apart, 64-byte payloads, no failure, 10 s drain. */
  public static BroadcastScenario of(int broadcasts, Senders senders) {
    return new BroadcastScenario(broadcasts, senders, 1_000_000, 0, 0, 64, 10_000_000);
  }

  public BroadcastScenario withInterval(long micros) {
    return new BroadcastScenario(
        broadcasts, senders, micros, failFraction, failAfter, payloadBytes, drainMicros);
  }

  public BroadcastScenario withFailure(double fraction, int afterBroadcast) {
    return new BroadcastScenario(
        broadcasts, senders, intervalMicros, fraction, afterBroadcast, payloadBytes, drainMicros);
  }

  public boolean hasFailure() {
    return failFraction > 0;
  }
}
