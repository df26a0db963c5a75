package org.catdit.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.feed.InMemoryPeerHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Thumbnails stay within the cache's bound however many are loaded. */
@ExtendWith(ApplicationExtension.class)
class ImageCacheTest {

  @Test
  void shouldKeepAtMostMaxEntriesDroppingTheLeastRecentlyUsed() throws Exception {
    InMemoryPeerHandle peer = new InMemoryPeerHandle(5, "Ada");
    var timer = Executors.newSingleThreadScheduledExecutor();
    try {
      byte[] chelsea =
          Files.readAllBytes(Path.of(getClass().getResource("/org/catdit/ui/chelsea.jpg").toURI()));
      peer.addSyntheticPosts(6, chelsea);
      List<FeedPost> posts = peer.feed(FeedSort.NEW, 6).get();
      UiThreads threads = new UiThreads(Platform::runLater, Runnable::run, timer);
      ImageCache cache =
          WaitForAsyncUtils.asyncFx(() -> new ImageCache(peer, threads, 3, 100, 100)).get();
      List<String> loaded = new ArrayList<>();
      for (FeedPost post : posts) {
        WaitForAsyncUtils.asyncFx(
                () -> cache.load(post.thumbnailHash(), image -> loaded.add(post.id())))
            .get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> loaded.contains(post.id()));
      }
      assertEquals(3, WaitForAsyncUtils.asyncFx(cache::size).get());
      assertFalse(
          WaitForAsyncUtils.asyncFx(() -> cache.cached(posts.get(0).thumbnailHash()).isPresent())
              .get());
      assertTrue(
          WaitForAsyncUtils.asyncFx(() -> cache.cached(posts.get(5).thumbnailHash()).isPresent())
              .get());
    } finally {
      timer.shutdownNow();
      peer.close();
    }
  }
}
