package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.catdit.feed.DataDirectoryInUseException;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.feed.PictureRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real embedded peers on loopback sockets: ledger, sync, picture transfer and the store. */
class EmbeddedPeerTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path temp;
  private final List<EmbeddedPeer> running = new ArrayList<>();

  @AfterEach
  void closeAll() {
    for (EmbeddedPeer peer : running) {
      peer.close();
    }
  }

  static byte[] cat(String name) throws IOException {
    try (InputStream in = EmbeddedPeerTest.class.getResourceAsStream("/cats/" + name)) {
      return in.readAllBytes();
    }
  }

  private EmbeddedPeer start(String name, EmbeddedPeer contact) throws Exception {
    PeerOptions options =
        PeerOptions.of(temp.resolve(name))
            .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .withDiscovery(false);
    if (contact != null) {
      options = options.withContact(contact.runtime().localAddress(), contact.runtime().peerId());
    }
    EmbeddedPeer peer = EmbeddedPeer.open(options);
    running.add(peer);
    peer.startJoin().get(15, TimeUnit.SECONDS);
    return peer;
  }

  private static List<FeedPost> feed(EmbeddedPeer peer) throws Exception {
    return peer.feed(FeedSort.NEW, 100).get(10, TimeUnit.SECONDS);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + PATIENCE + ": " + what);
      }
      Thread.sleep(50);
    }
  }

  private static boolean holds(EmbeddedPeer peer, String postId, int score, boolean picture) {
    try {
      for (FeedPost post : feed(peer)) {
        if (post.id().equals(postId)) {
          return post.score() == score && (!picture || post.isPictureHeld());
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void aPostItsPictureAndAVoteReachTheOtherPeerAndSurviveARestart() throws Exception {
    EmbeddedPeer alice = start("alice", null);
    EmbeddedPeer bob = start("bob", alice);
    alice.setDisplayName("Alice").get(10, TimeUnit.SECONDS);

    byte[] chelsea = cat("chelsea.jpg");
    String postId =
        alice.post(chelsea, "Chelsea, ready for her close-up").get(30, TimeUnit.SECONDS);
    await(() -> holds(bob, postId, 0, true), "bob has the post and its picture");

    FeedPost atBob = feed(bob).get(0);
    assertEquals("Alice", atBob.authorName());
    assertEquals("Chelsea, ready for her close-up", atBob.caption());
    Optional<byte[]> picture = bob.picture(atBob.pictureHash()).get(10, TimeUnit.SECONDS);
    assertArrayEquals(chelsea, picture.orElseThrow());
    await(() -> atBobThumbnail(bob, atBob.thumbnailHash()), "bob derived the thumbnail");

    bob.setUpvote(postId, true).get(10, TimeUnit.SECONDS);
    bob.setUpvote(postId, true).get(10, TimeUnit.SECONDS);
    await(() -> holds(alice, postId, 1, true), "alice sees one vote");
    bob.setUpvote(postId, false).get(10, TimeUnit.SECONDS);
    await(() -> holds(alice, postId, 0, true), "alice sees the retraction");
    bob.setUpvote(postId, true).get(10, TimeUnit.SECONDS);
    await(() -> holds(alice, postId, 1, true), "alice sees the vote again");

    String setHash = bob.ledgerSummary().get().setHash();
    await(
        () -> setHash.equals(alice.ledgerSummary().join().setHash()),
        "both hold the same transitions");

    Path bobData = bob.dataDirectory();
    bob.close();
    running.remove(bob);
    EmbeddedPeer again =
        EmbeddedPeer.open(
            PeerOptions.of(bobData)
                .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withDiscovery(false));
    running.add(again);
    assertEquals(setHash, again.ledgerSummary().get().setHash());
    FeedPost restored = feed(again).get(0);
    assertEquals(1, restored.score());
    assertTrue(restored.isUpvotedByMe());
    assertTrue(restored.isPictureHeld());
    assertArrayEquals(chelsea, again.picture(restored.pictureHash()).get().orElseThrow());
  }

  private static boolean atBobThumbnail(EmbeddedPeer bob, String thumbnailHash) {
    return bob.picture(thumbnailHash).join().isPresent();
  }

  @Test
  void aPeerStartedEmptyCatchesUpThroughReconciliation() throws Exception {
    EmbeddedPeer alice = start("alice", null);
    List<String> posts = new ArrayList<>();
    posts.add(alice.post(cat("chelsea.png"), "one").get(30, TimeUnit.SECONDS));
    posts.add(alice.post(cat("chelsea.jpg"), "two").get(30, TimeUnit.SECONDS));
    alice.setUpvote(posts.get(0), true).get(10, TimeUnit.SECONDS);

    EmbeddedPeer late = start("late", alice);
    await(() -> holds(late, posts.get(0), 1, true), "the late peer has the first post and vote");
    await(() -> holds(late, posts.get(1), 0, true), "and the second with its picture");
    assertTrue(late.progress().have() <= late.progress().total());
  }

  @Test
  void aBrokenPictureIsRefusedWithAClearMessageAndNothingIsAdded() throws Exception {
    EmbeddedPeer alice = start("alice", null);
    ExecutionException refused =
        assertThrows(
            ExecutionException.class,
            () -> alice.post(cat("truncated.jpg"), "oops").get(30, TimeUnit.SECONDS));
    assertInstanceOf(PictureRejectedException.class, refused.getCause());
    assertTrue(
        refused.getCause().getMessage().contains("cut off"), refused.getCause().getMessage());
    assertTrue(feed(alice).isEmpty());
    assertEquals(0, alice.ledgerSummary().get().transitions());
  }

  @Test
  void aSecondPeerOnTheSameDataDirectoryIsRefused() throws Exception {
    EmbeddedPeer alice = start("alice", null);
    DataDirectoryInUseException refused =
        assertThrows(
            DataDirectoryInUseException.class,
            () -> EmbeddedPeer.open(PeerOptions.of(alice.dataDirectory()).withDiscovery(false)));
    assertTrue(refused.getMessage().contains("already running"));
    assertFalse(feed(alice).size() > 0);
  }
}
