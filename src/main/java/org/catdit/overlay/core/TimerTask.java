package org.catdit.overlay.core;

/** Work a protocol asked to run later; it is handed the time at which it runs. */
@FunctionalInterface
public interface TimerTask {
  void run(long nowMicros);
}
