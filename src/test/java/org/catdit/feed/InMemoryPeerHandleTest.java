package org.catdit.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The test double refuses broken pictures as a real peer must, so UI tests about them mean
 * something.
 */
class InMemoryPeerHandleTest {
  private static byte[] cat(String name) throws Exception {
    return Files.readAllBytes(
        Path.of(InMemoryPeerHandleTest.class.getResource("/org/catdit/ui/" + name).toURI()));
  }

  @Test
  void shouldRefuseATruncatedJpegAndStoreNothing() throws Exception {
    try (InMemoryPeerHandle peer = new InMemoryPeerHandle(1, "Ada")) {
      ExecutionException failure =
          assertThrows(
              ExecutionException.class, () -> peer.post(cat("truncated.jpg"), "half").get());
      assertTrue(failure.getCause() instanceof PictureRejectedException);
      assertTrue(peer.feed(FeedSort.NEW, 10).get().isEmpty());
      assertEquals(0, peer.pictureStorageBytes());
    }
  }

  @Test
  void shouldPostARealPictureWithAThumbnail() throws Exception {
    try (InMemoryPeerHandle peer = new InMemoryPeerHandle(1, "Ada")) {
      String id = peer.post(cat("chelsea.jpg"), "Chelsea").get();
      FeedPost post = peer.post(id).get().orElseThrow();
      assertEquals(451, post.width());
      assertTrue(post.isThumbnailHeld());
      assertTrue(peer.picture(post.thumbnailHash()).get().isPresent());
      peer.setUpvote(id, true).get();
      peer.setUpvote(id, true).get();
      assertEquals(1, peer.post(id).get().orElseThrow().score(), "an upvote is idempotent");
    }
  }
}
