package org.catdit.tui;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.catdit.feed.NetworkView;
import org.catdit.feed.PeerEvents;
import org.catdit.feed.SyncProgress;

/**
 * The one bridge from the peer's threads to the UI thread. Events are not queued one by one but
 * folded into flags and latest values, so a burst of a thousand feed changes costs one reload;
 * completions of the UI's own requests go through a bounded queue (the UI keeps few requests in
 * flight). If that queue is ever full the completion is dropped, counted, and a full reload is
 * asked for instead, so the screen ends up right either way.
 */
final class EventInbox implements PeerEvents {
  static final int MAX_PENDING_TASKS = 256;

  private final BlockingQueue<Runnable> tasks;
  private final AtomicBoolean isFeedChanged = new AtomicBoolean();
  private final AtomicBoolean isPictureArrived = new AtomicBoolean();
  private final AtomicReference<NetworkView> latestNetwork = new AtomicReference<>();
  private final AtomicReference<SyncProgress> latestProgress = new AtomicReference<>();
  private final AtomicLong messagesArrived = new AtomicLong();
  private final AtomicLong duplicatesArrived = new AtomicLong();
  private final AtomicLong droppedTasks = new AtomicLong();

  EventInbox() {
    this(MAX_PENDING_TASKS);
  }

  EventInbox(int maxPendingTasks) {
    this.tasks = new ArrayBlockingQueue<>(maxPendingTasks);
  }

  /** Runs {@code task} on the UI thread at its next turn; callable from any thread. */
  void post(Runnable task) {
    if (!tasks.offer(task)) {
      droppedTasks.incrementAndGet();
      isFeedChanged.set(true);
      isPictureArrived.set(true);
    }
  }

  /** Waits up to {@code timeoutMillis} for a task, for a UI loop with nothing to do. */
  Runnable awaitTask(long timeoutMillis) throws InterruptedException {
    return tasks.poll(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  Runnable nextTask() {
    return tasks.poll();
  }

  boolean takeFeedChanged() {
    return isFeedChanged.getAndSet(false);
  }

  boolean takePictureArrived() {
    return isPictureArrived.getAndSet(false);
  }

  NetworkView takeNetwork() {
    return latestNetwork.getAndSet(null);
  }

  SyncProgress takeProgress() {
    return latestProgress.getAndSet(null);
  }

  long messagesArrived() {
    return messagesArrived.get();
  }

  long duplicatesArrived() {
    return duplicatesArrived.get();
  }

  long droppedTasks() {
    return droppedTasks.get();
  }

  @Override
  public void onFeedChanged(List<String> changedPostIds) {
    isFeedChanged.set(true);
  }

  @Override
  public void onPictureAvailable(String hash) {
    isPictureArrived.set(true);
  }

  @Override
  public void onNetworkChanged(NetworkView view) {
    latestNetwork.set(view);
  }

  @Override
  public void onMessageArrived(String fromPeerId, boolean isDuplicate) {
    messagesArrived.incrementAndGet();
    if (isDuplicate) {
      duplicatesArrived.incrementAndGet();
    }
  }

  @Override
  public void onProgress(SyncProgress progress) {
    latestProgress.set(progress);
  }
}
