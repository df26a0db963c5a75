package org.catdit.net;

import java.net.InetSocketAddress;

/**
 * What {@link LinkedNode} needs from the thread that owns it: the clock, timers on that thread, and
 * a datagram socket. The Netty runtime implements it over one event loop and one UDP channel.
 */
interface RuntimeLoop {

  /** Microseconds on a monotonic clock. */
  long nowMicros();

  /** Runs {@code task} on the loop after {@code delayMicros}; the handle cancels it. */
  Cancellable schedule(long delayMicros, Runnable task);

  /**
   * Queues {@code bytes[0..length)} as one datagram, copying it (the array is the caller's again on
   * return); nothing is written to the socket before {@link #flush()}.
   */
  void write(InetSocketAddress to, byte[] bytes, int length);

  /** Writes every queued datagram. */
  void flush();

  /** A scheduled task that may still be cancelled. */
  interface Cancellable {
    void cancel();
  }
}
