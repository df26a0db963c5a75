package org.catdit.ui.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.catdit.feed.NetworkView;
import org.catdit.feed.PeerEvents;
import org.catdit.feed.SyncProgress;

/**
 * The one way node events reach the UI (style rule 11). Node threads call the {@link PeerEvents}
 * methods; the bridge coalesces what they report and hands it to the UI thread at most once a
 * pulse, so a burst of thousands of votes costs the UI one batch, not thousands of runLaters.
 *
 * <p>Everything pending is bounded; what does not fit is summarised by an overflow flag or a
 * counter, never queued without limit.
 */
public final class EventBridge implements PeerEvents {
  public static final int MAX_PENDING_POST_IDS = 500;
  public static final int MAX_PENDING_PICTURE_HASHES = 500;
  public static final int MAX_PENDING_ARRIVAL_SOURCES = 256;

  private final Executor uiExecutor;
  private final ScheduledExecutorService timer;
  private final long pulseMillis;
  private final List<Consumer<EventBatch>> listeners = new CopyOnWriteArrayList<>();

  private final Object lock = new Object();
  private LinkedHashSet<String> changedPostIds = new LinkedHashSet<>();
  private boolean isFeedOverflowed;
  private LinkedHashSet<String> pictureHashes = new LinkedHashSet<>();
  private boolean isPictureOverflowed;
  private NetworkView latestNetwork;
  private SyncProgress latestProgress;
  private LinkedHashMap<String, int[]> arrivals = new LinkedHashMap<>();
  private long arrivalsDropped;
  private long eventsPending;
  private boolean isDrainScheduled;
  private boolean isClosed;

  /**
   * @param uiExecutor runs the drain on the UI thread ({@code Platform::runLater})
   * @param timer schedules the drain one pulse after the first pending event
   * @param pulseMillis the longest an event waits; also the shortest gap between batches
   */
  public EventBridge(Executor uiExecutor, ScheduledExecutorService timer, long pulseMillis) {
    if (pulseMillis < 0) {
      throw new IllegalArgumentException("pulseMillis must be >= 0, not " + pulseMillis);
    }
    this.uiExecutor = uiExecutor;
    this.timer = timer;
    this.pulseMillis = pulseMillis;
  }

  /** Adds a consumer of batches; it is called on the UI thread. Returns a handle to remove it. */
  public Runnable listen(Consumer<EventBatch> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Stops delivering: later events are dropped (the window is closing). */
  public void close() {
    synchronized (lock) {
      isClosed = true;
    }
    listeners.clear();
  }

  @Override
  public void onFeedChanged(List<String> changedIds) {
    synchronized (lock) {
      for (String id : changedIds) {
        if (changedPostIds.size() >= MAX_PENDING_POST_IDS && !changedPostIds.contains(id)) {
          isFeedOverflowed = true;
        } else {
          changedPostIds.add(id);
        }
      }
      pending();
    }
  }

  @Override
  public void onPictureAvailable(String hash) {
    synchronized (lock) {
      if (pictureHashes.size() >= MAX_PENDING_PICTURE_HASHES && !pictureHashes.contains(hash)) {
        isPictureOverflowed = true;
      } else {
        pictureHashes.add(hash);
      }
      pending();
    }
  }

  @Override
  public void onNetworkChanged(NetworkView view) {
    synchronized (lock) {
      latestNetwork = view;
      pending();
    }
  }

  @Override
  public void onMessageArrived(String fromPeerId, boolean isDuplicate) {
    synchronized (lock) {
      int[] counts = arrivals.get(fromPeerId);
      if (counts == null && arrivals.size() >= MAX_PENDING_ARRIVAL_SOURCES) {
        arrivalsDropped++;
      } else {
        if (counts == null) {
          counts = new int[2];
          arrivals.put(fromPeerId, counts);
        }
        counts[0]++;
        if (isDuplicate) {
          counts[1]++;
        }
      }
      pending();
    }
  }

  @Override
  public void onProgress(SyncProgress progress) {
    synchronized (lock) {
      latestProgress = progress;
      pending();
    }
  }

  // Called with the lock held.
  private void pending() {
    eventsPending++;
    if (isDrainScheduled || isClosed) {
      return;
    }
    isDrainScheduled = true;
    timer.schedule(() -> uiExecutor.execute(this::drain), pulseMillis, TimeUnit.MILLISECONDS);
  }

  private void drain() {
    EventBatch batch;
    synchronized (lock) {
      isDrainScheduled = false;
      if (isClosed) {
        return;
      }
      List<EventBatch.Arrivals> arrived = new ArrayList<>(arrivals.size());
      for (Map.Entry<String, int[]> entry : arrivals.entrySet()) {
        arrived.add(
            new EventBatch.Arrivals(entry.getKey(), entry.getValue()[0], entry.getValue()[1]));
      }
      batch =
          new EventBatch(
              List.copyOf(changedPostIds),
              isFeedOverflowed,
              List.copyOf(pictureHashes),
              isPictureOverflowed,
              Optional.ofNullable(latestNetwork),
              List.copyOf(arrived),
              arrivalsDropped,
              Optional.ofNullable(latestProgress),
              eventsPending);
      changedPostIds = new LinkedHashSet<>();
      isFeedOverflowed = false;
      pictureHashes = new LinkedHashSet<>();
      isPictureOverflowed = false;
      latestNetwork = null;
      latestProgress = null;
      arrivals = new LinkedHashMap<>();
      arrivalsDropped = 0;
      eventsPending = 0;
    }
    for (Consumer<EventBatch> listener : listeners) {
      listener.accept(batch);
    }
  }
}
