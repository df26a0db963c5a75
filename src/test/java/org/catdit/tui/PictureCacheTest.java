package org.catdit.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.catdit.feed.AsciiImage;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.feed.GridSize;
import org.catdit.feed.Identity;
import org.catdit.feed.NetworkView;
import org.catdit.feed.PeerEvents;
import org.catdit.feed.SyncProgress;
import org.catdit.feed.TestPictures;
import org.junit.jupiter.api.Test;

class PictureCacheTest {
  private static final GridSize GRID = new GridSize(20, 6);

  private final PendingPictures peer = new PendingPictures();
  private final EventInbox inbox = new EventInbox();
  private final PictureCache cache = new PictureCache(peer, inbox, Runnable::run);

  private void runInbox() {
    for (Runnable task = inbox.nextTask(); task != null; task = inbox.nextTask()) {
      task.run();
    }
  }

  @Test
  void atMostFourLoadsAreInFlight() {
    for (int i = 0; i < 10; i++) {
      assertTrue(cache.art("hash" + i, GRID).isEmpty());
    }
    assertEquals(PictureCache.MAX_LOADS_IN_FLIGHT, cache.loadsInFlight());
    assertEquals(PictureCache.MAX_LOADS_IN_FLIGHT, peer.requests.size());
    peer.requests.get("hash0").complete(Optional.of(TestPictures.generatedPng(0, 40, 20)));
    runInbox();
    assertEquals(PictureCache.MAX_LOADS_IN_FLIGHT - 1, cache.loadsInFlight());
    Optional<AsciiImage> art = cache.art("hash0", GRID);
    assertTrue(art.isPresent());
    assertEquals(20, art.get().columns());
    assertEquals(6, art.get().rows());
  }

  @Test
  void decodedPicturesAreBoundedLeastRecentlyUsedFirst() {
    int count = PictureCache.MAX_IMAGES + 8;
    for (int i = 0; i < count; i++) {
      String hash = "hash" + i;
      cache.art(hash, GRID);
      peer.requests.get(hash).complete(Optional.of(TestPictures.generatedPng(i, 16, 8)));
      runInbox();
    }
    long held = 0;
    for (int i = 0; i < count; i++) {
      held += cache.isLoaded("hash" + i) ? 1 : 0;
    }
    assertEquals(PictureCache.MAX_IMAGES, held);
    assertFalse(cache.isLoaded("hash0"));
    assertTrue(cache.isLoaded("hash" + (count - 1)));
  }

  @Test
  void aBrokenPictureIsReportedAndNotAskedForAgain() {
    cache.art("broken", GRID);
    peer.requests.get("broken").complete(Optional.of(TestPictures.bytes("truncated.jpg")));
    runInbox();
    assertTrue(cache.failure("broken").orElse("").contains("damaged"));
    peer.requests.clear();
    cache.art("broken", GRID);
    assertTrue(peer.requests.isEmpty());
  }

  @Test
  void aMissingPictureIsAwaitedUntilOneArrives() {
    cache.art("missing", GRID);
    peer.requests.get("missing").complete(Optional.empty());
    runInbox();
    assertTrue(cache.isAwaited("missing"));
    peer.requests.clear();
    cache.art("missing", GRID);
    assertTrue(peer.requests.isEmpty(), "not asked again while awaited");
    cache.onPictureArrived();
    cache.art("missing", GRID);
    assertTrue(peer.requests.containsKey("missing"));
  }

  @Test
  void aNotHeldReplyOvertakenByAnArrivalIsAskedAgain() {
    // With a real peer the picture can arrive between the request and its "not held" reply; the
    // event is handled first, so awaiting now would wait for an arrival that already happened.
    cache.art("racing", GRID);
    cache.onPictureArrived();
    peer.requests.get("racing").complete(Optional.empty());
    runInbox();
    assertFalse(cache.isAwaited("racing"));
    peer.requests.clear();
    cache.art("racing", GRID);
    assertTrue(peer.requests.containsKey("racing"), "asked again");
  }

  /** A test double whose picture requests stay pending until the test completes them. */
  private static final class PendingPictures extends org.catdit.testing.SettingsFreePeerHandle {
    final Map<String, CompletableFuture<Optional<byte[]>>> requests = new LinkedHashMap<>();

    @Override
    public CompletableFuture<Optional<byte[]>> picture(String hash) {
      CompletableFuture<Optional<byte[]>> request = new CompletableFuture<>();
      requests.put(hash, request);
      return request;
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
}
