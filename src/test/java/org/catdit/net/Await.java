package org.catdit.net;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: no fixed sleeps in tests. */
final class Await {
  private static final long POLL_MILLIS = 20;

  private Await() {}

  static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatFailed)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + timeout + ": " + whatFailed.get());
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
