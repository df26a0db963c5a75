package org.catdit.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.catdit.feed.NetworkView;
import org.catdit.feed.SyncProgress;
import org.junit.jupiter.api.Test;

/** Node events become few, coalesced, bounded batches on the UI executor. */
class EventBridgeTest {

  /** A timer that only records what it is asked to run, so a test fires the pulse itself. */
  private static final class ManualTimer extends ScheduledThreadPoolExecutor {
    final List<Runnable> scheduled = new ArrayList<>();

    ManualTimer() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      scheduled.add(command);
      return new DoneFuture();
    }

    void firePulse() {
      List<Runnable> due = new ArrayList<>(scheduled);
      scheduled.clear();
      due.forEach(Runnable::run);
    }
  }

  private static final class DoneFuture implements ScheduledFuture<Object> {
    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return 0;
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }

  private final ManualTimer timer = new ManualTimer();
  private final List<Runnable> uiQueue = new ArrayList<>();
  private final EventBridge bridge = new EventBridge(uiQueue::add, timer, 100);
  private final List<EventBatch> batches = new ArrayList<>();

  EventBridgeTest() {
    bridge.listen(batches::add);
  }

  private void pulse() {
    timer.firePulse();
    List<Runnable> due = new ArrayList<>(uiQueue);
    uiQueue.clear();
    due.forEach(Runnable::run);
  }

  @Test
  void shouldTurnABurstIntoOneCoalescedBatch() {
    for (int vote = 0; vote < 1_000; vote++) {
      bridge.onFeedChanged(List.of("post-" + vote % 10));
      bridge.onMessageArrived("bob", vote % 4 == 0);
    }
    bridge.onNetworkChanged(NetworkView.empty("old"));
    bridge.onNetworkChanged(NetworkView.empty("new"));
    bridge.onProgress(new SyncProgress(1, 9, false));
    bridge.onProgress(new SyncProgress(5, 9, false));

    assertEquals(1, timer.scheduled.size(), "one pulse scheduled for the whole burst");
    assertTrue(batches.isEmpty(), "nothing reaches the UI before the pulse");
    pulse();

    assertEquals(1, batches.size());
    EventBatch batch = batches.get(0);
    assertEquals(
        IntStream.range(0, 10).mapToObj(i -> "post-" + i).toList(), batch.changedPostIds());
    assertEquals("new", batch.network().orElseThrow().selfPeerId());
    assertEquals(5, batch.progress().orElseThrow().have());
    assertEquals(List.of(new EventBatch.Arrivals("bob", 1_000, 250)), batch.arrivals());
    assertEquals(2_004, batch.eventsCoalesced());
  }

  @Test
  void shouldScheduleTheNextPulseOnlyAfterTheLastWasDrained() {
    bridge.onFeedChanged(List.of("a"));
    pulse();
    assertTrue(timer.scheduled.isEmpty());
    bridge.onPictureAvailable("h");
    assertEquals(1, timer.scheduled.size());
    pulse();
    assertEquals(2, batches.size());
    assertEquals(List.of("h"), batches.get(1).availablePictureHashes());
    assertTrue(batches.get(1).changedPostIds().isEmpty());
  }

  @Test
  void shouldBoundWhatWaitsAndSayWhatOverflowed() {
    for (int post = 0; post < EventBridge.MAX_PENDING_POST_IDS + 5; post++) {
      bridge.onFeedChanged(List.of("post-" + post));
    }
    for (int hash = 0; hash < EventBridge.MAX_PENDING_PICTURE_HASHES + 1; hash++) {
      bridge.onPictureAvailable("hash-" + hash);
    }
    for (int peer = 0; peer < EventBridge.MAX_PENDING_ARRIVAL_SOURCES + 3; peer++) {
      bridge.onMessageArrived("peer-" + peer, false);
    }
    pulse();

    EventBatch batch = batches.get(0);
    assertEquals(EventBridge.MAX_PENDING_POST_IDS, batch.changedPostIds().size());
    assertTrue(batch.isFeedOverflowed());
    assertEquals(EventBridge.MAX_PENDING_PICTURE_HASHES, batch.availablePictureHashes().size());
    assertTrue(batch.isPictureOverflowed());
    assertEquals(EventBridge.MAX_PENDING_ARRIVAL_SOURCES, batch.arrivals().size());
    assertEquals(3, batch.arrivalsDropped());

    bridge.onFeedChanged(List.of("x"));
    pulse();
    assertFalse(batches.get(1).isFeedOverflowed(), "the overflow is reported once");
  }

  @Test
  void shouldDeliverNothingAfterClose() {
    bridge.onFeedChanged(List.of("a"));
    bridge.close();
    pulse();
    bridge.onFeedChanged(List.of("b"));
    pulse();
    assertTrue(batches.isEmpty());
  }

  @Test
  void shouldRefuseANegativePulse() {
    Callable<EventBridge> bad = () -> new EventBridge(Runnable::run, timer, -1);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, bad::call);
  }
}
