package org.catdit.ui;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.catdit.feed.InMemoryPeerHandle;
import org.catdit.ui.common.UiThreads;
import org.catdit.ui.shell.MainWindow;
import org.catdit.ui.shell.PeerFactory;

/**
 * Measures the desktop app on any peer: time from JVM start to a window on screen and to a feed
 * with pictures (usable), heap with the whole feed loaded, and scrolling the whole grid (time per
 * scroll step, thumbnails cached against the bound). Run under a display (Xvfb):
 *
 * <pre>
 * xvfb-run -a java -cp target/test-classes:target/classes:$(cat cp.txt) \
 *     org.catdit.ui.UiMeasurements [--posts 10000]
 * </pre>
 *
 * With the in-memory test double it seeds {@code --posts} synthetic posts; {@link #measure} takes
 * any {@link PeerFactory}, so the same figures can be taken on the real embedded peer.
 */
public final class UiMeasurements {
  private static final int SCROLL_STEPS = 300;

  private UiMeasurements() {}

  public static void main(String[] args) throws Exception {
    long mainNanos = System.nanoTime();
    int posts = args.length >= 2 && args[0].equals("--posts") ? Integer.parseInt(args[1]) : 10_000;
    byte[] chelsea = Files.readAllBytes(CatditWindowFixture.resource("chelsea.jpg"));
    InMemoryPeerHandle peer = new InMemoryPeerHandle(9, "Ada");
    peer.addSyntheticPosts(posts, chelsea);
    long seededNanos = System.nanoTime();
    System.out.printf(
        "seeding %,d posts in the test double: %d ms (not part of the launch)%n",
        posts, TimeUnit.NANOSECONDS.toMillis(seededNanos - mainNanos));
    measure(() -> peer, posts, seededNanos);
    peer.close();
    Platform.exit();
    System.exit(0);
  }

  /**
   * Opens the window on {@code factory}'s peer and prints the figures.
   *
   * @param expectedPosts how many posts the feed should show once loaded
   * @param launchNanos the {@code System.nanoTime()} counted as the launch
   */
  public static void measure(PeerFactory factory, int expectedPosts, long launchNanos)
      throws Exception {
    long jvmUptimeAtLaunchMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    AtomicLong shownNanos = new AtomicLong();
    AtomicReference<MainWindow> window = new AtomicReference<>();
    CountDownLatch shown = new CountDownLatch(1);
    Platform.startup(
        () -> {
          Stage stage = new Stage();
          MainWindow main = new MainWindow(stage, UiThreads.standard(), false, dark -> {});
          window.set(main);
          stage.setOnShown(
              event -> {
                shownNanos.set(System.nanoTime());
                shown.countDown();
              });
          stage.show();
          main.connect(factory);
        });
    shown.await();
    long usableNanos =
        waitFor(
            () ->
                visibleThumbnails(window.get()) > 0
                    && feedSize(window.get()) >= Math.min(expectedPosts, 1));
    long loadedNanos = waitFor(() -> feedSize(window.get()) >= expectedPosts);
    System.out.printf("JVM start to launch point: %d ms%n", jvmUptimeAtLaunchMillis);
    System.out.printf(
        "launch to window on screen: %d ms%n", millis(shownNanos.get() - launchNanos));
    System.out.printf(
        "launch to feed with thumbnails (usable): %d ms%n", millis(usableNanos - launchNanos));
    System.out.printf(
        "launch to all %,d posts in the grid: %d ms%n",
        expectedPosts, millis(loadedNanos - launchNanos));
    System.out.printf(
        "heap used with the feed loaded: %d MB (process resident: %s)%n",
        heapAfterGcMb(), residentSize());

    List<Long> stepMicros = new ArrayList<>();
    for (int step = 0; step < SCROLL_STEPS; step++) {
      double position = (step + 1.0) / SCROLL_STEPS;
      stepMicros.add(
          onFx(
              () -> {
                long start = System.nanoTime();
                VirtualFlow<?> flow = flow(window.get());
                flow.setPosition(position);
                flow.getScene().getRoot().applyCss();
                flow.getScene().getRoot().layout();
                return (System.nanoTime() - start) / 1_000;
              }));
      Thread.sleep(16); // about one frame, so pictures load and pulses run as when a person scrolls
    }
    Thread.sleep(1_000);
    Collections.sort(stepMicros);
    System.out.printf(
        "scrolling the whole grid in %d steps: layout per step p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        SCROLL_STEPS,
        stepMicros.get(stepMicros.size() / 2) / 1000.0,
        stepMicros.get(stepMicros.size() * 99 / 100) / 1000.0,
        stepMicros.get(stepMicros.size() - 1) / 1000.0);
    int cached = onFx(() -> window.get().session().orElseThrow().images().size());
    int bound = onFx(() -> window.get().session().orElseThrow().images().maxEntries());
    System.out.printf("thumbnails cached after the scroll: %d (bound %d)%n", cached, bound);
    System.out.printf(
        "heap used after scrolling: %d MB (process resident: %s)%n",
        heapAfterGcMb(), residentSize());
    window.get().shutdown(5_000);
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static long heapAfterGcMb() throws InterruptedException {
    // Twice with a pause: textures of dropped images are released by the render thread between.
    System.gc();
    Thread.sleep(2_000);
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
  }

  /** The process's resident set (Linux), which includes the software-rendered textures. */
  private static String residentSize() {
    try {
      for (String line : Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          long kilobytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return (kilobytes / 1024) + " MB";
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    return "unknown";
  }

  private static VirtualFlow<?> flow(MainWindow window) {
    return (VirtualFlow<?>) window.scene().lookup("#feed-grid").lookup(".virtual-flow");
  }

  private static int feedSize(MainWindow window) {
    return window.feed().map(feed -> feed.posts().size()).orElse(0);
  }

  private static int visibleThumbnails(MainWindow window) {
    if (window.feed().isEmpty()) {
      return 0;
    }
    int count = 0;
    for (Node card : window.scene().getRoot().lookupAll(".post-card")) {
      for (Node node : card.lookupAll(".image-view")) {
        if (node instanceof ImageView view && view.getImage() != null) {
          count++;
        }
      }
    }
    return count;
  }

  private interface FxQuery<T> {
    T get();
  }

  private static <T> T onFx(FxQuery<T> query) throws Exception {
    FutureTask<T> task = new FutureTask<>(query::get);
    Platform.runLater(task);
    return task.get(30, TimeUnit.SECONDS);
  }

  private static long waitFor(FxQuery<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (onFx(condition)) {
        return System.nanoTime();
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("timed out");
  }
}
