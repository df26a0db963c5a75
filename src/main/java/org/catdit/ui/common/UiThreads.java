package org.catdit.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * Where UI code runs work (style rule 11): {@code fx} is the JavaFX application thread, {@code
 * background} does file reading and image decoding, {@code timer} paces the event bridge. Tests
 * pass their own.
 */
public record UiThreads(Executor fx, Executor background, ScheduledExecutorService timer) {
  /** Background work waiting at most this deep; beyond it the caller runs it (back-pressure). */
  public static final int MAX_BACKGROUND_QUEUE = 1_000;

  /** The JavaFX thread, two daemon background threads and one daemon timer thread. */
  public static UiThreads standard() {
    ThreadPoolExecutor background =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(MAX_BACKGROUND_QUEUE),
            daemonThreads("catdit-ui-background"),
            new ThreadPoolExecutor.CallerRunsPolicy());
    background.allowCoreThreadTimeOut(true);
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, daemonThreads("catdit-ui-pulse"));
    return new UiThreads(Platform::runLater, background, timer);
  }

  /** Stops the background and timer threads (the FX thread is the toolkit's). */
  public void shutdown() {
    if (background instanceof ExecutorService service) {
      service.shutdownNow();
    }
    timer.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
