package org.catdit.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.feed.Identity;
import org.catdit.feed.NetworkView;
import org.catdit.feed.PeerEvents;
import org.catdit.feed.SyncProgress;
import org.junit.jupiter.api.Test;

/** A fast scroll cannot pile up picture requests: in flight and waiting are both bounded. */
class ImageCacheQueueTest {

  /** A peer whose pictures never arrive; it counts what was asked of it. */
  private static final class SlowPeer extends org.catdit.testing.SettingsFreePeerHandle {
    final List<String> asked = new ArrayList<>();

    @Override
    public CompletableFuture<Optional<byte[]>> picture(String hash) {
      asked.add(hash);
      return new CompletableFuture<>();
    }

    @Override
    public Identity identity() {
      return new Identity("p", "00", "", "", "");
    }

    @Override
    public CompletableFuture<String> post(byte[] picture, String caption) {
      throw new AssertionError("not part of this test's double");
    }

    @Override
    public CompletableFuture<Void> setUpvote(String postId, boolean isUpvoted) {
      throw new AssertionError("not part of this test's double");
    }

    @Override
    public CompletableFuture<Void> setDisplayName(String displayName) {
      throw new AssertionError("not part of this test's double");
    }

    @Override
    public CompletableFuture<List<FeedPost>> feed(FeedSort sort, int limit) {
      throw new AssertionError("not part of this test's double");
    }

    @Override
    public CompletableFuture<Optional<FeedPost>> post(String postId) {
      throw new AssertionError("not part of this test's double");
    }

    @Override
    public NetworkView network() {
      return NetworkView.empty("p");
    }

    @Override
    public SyncProgress progress() {
      return new SyncProgress(0, 0, true);
    }

    @Override
    public long pictureStorageBytes() {
      return 0;
    }

    @Override
    public AutoCloseable subscribe(PeerEvents listener) {
      return () -> {};
    }

    @Override
    public void close() {}
  }

  @Test
  void shouldBoundLoadsInFlightAndDropTheOldestWaitingOnes() {
    SlowPeer peer = new SlowPeer();
    var timer = Executors.newSingleThreadScheduledExecutor();
    try {
      ImageCache cache =
          new ImageCache(peer, new UiThreads(Runnable::run, Runnable::run, timer), 10, 10, 10);
      int requested = ImageCache.MAX_LOADS_IN_FLIGHT + ImageCache.MAX_QUEUED_LOADS + 28;
      for (int index = 0; index < requested; index++) {
        cache.load("hash-" + index, image -> {});
      }
      assertEquals(ImageCache.MAX_LOADS_IN_FLIGHT, peer.asked.size());
      assertEquals(28, cache.loadsDropped());
      // The first asked are the first requests; of the waiting ones, the newest survive.
      assertEquals("hash-0", peer.asked.get(0));
    } finally {
      timer.shutdownNow();
    }
  }
}
