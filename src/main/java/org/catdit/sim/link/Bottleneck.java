package org.catdit.sim.link;

/**
 * A link of fixed rate with a drop-tail queue of bounded bytes: a datagram waits for those ahead of
 * it, is serialised at the rate, and is dropped if the queue is full when it arrives.
 */
public final class Bottleneck {
  private final long bitsPerSecond;
  private final long queueLimitBytes;
  private long busyUntilMicros;
  private long dropped;
  private long forwardedBytes;

  public Bottleneck(long bitsPerSecond, long queueLimitBytes) {
    this.bitsPerSecond = bitsPerSecond;
    this.queueLimitBytes = queueLimitBytes;
  }

  /**
   * @return when the datagram has left the link, or -1 if the queue dropped it
   */
  long offer(long nowMicros, int bytes) {
    long backlogMicros = Math.max(0, busyUntilMicros - nowMicros);
    long queuedBytes = backlogMicros * bitsPerSecond / 8 / 1_000_000;
    if (queuedBytes + bytes > queueLimitBytes) {
      dropped++;
      return -1;
    }
    long start = Math.max(nowMicros, busyUntilMicros);
    busyUntilMicros = start + Math.max(1, bytes * 8L * 1_000_000 / bitsPerSecond);
    forwardedBytes += bytes;
    return busyUntilMicros;
  }

  public long bitsPerSecond() {
    return bitsPerSecond;
  }

  public long dropped() {
    return dropped;
  }

  public long forwardedBytes() {
    return forwardedBytes;
  }
}
