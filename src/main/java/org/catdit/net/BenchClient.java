package org.catdit.net;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;

/** The sending end of one benchmark connection, on the link or on TCP. */
interface BenchClient extends AutoCloseable {

  /**
   * Sends {@code count} data messages of {@code messageBytes} each, as fast as the transport takes
   * them; completes with the nanoseconds from the first send until the receiver's DONE arrived.
   */
  CompletableFuture<Long> transfer(long count, int messageBytes);

  /** {@code count} ping-pongs, one at a time; completes with their round trips in nanoseconds. */
  CompletableFuture<Histogram> pingPong(int count, int messageBytes);

  /**
   * A bulk transfer as {@link #transfer}, and small-message ping-pongs of {@code pingBytes}, one at
   * a time, for as long as it runs; completes, once the receiver confirmed the transfer and the
   * last ping is back, with the pings' round trips in nanoseconds (issue 5: "while a bulk transfer
   * runs, a small message's latency stays within idle + 50 ms").
   */
  CompletableFuture<Histogram> pingsDuringTransfer(long count, int messageBytes, int pingBytes);

  /** Settings and counters worth reporting, after the run. */
  default Map<String, Object> details() {
    return Map.of();
  }

  @Override
  void close() throws InterruptedException;
}
