package org.catdit.app;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.feed.Identity;
import org.catdit.feed.NetworkView;
import org.catdit.feed.PeerEvents;
import org.catdit.feed.SyncProgress;

/** A test double: an empty peer that records being closed. */
final class ClosingPeer extends org.catdit.testing.SettingsFreePeerHandle {
  private final AtomicBoolean isClosed;

  ClosingPeer(AtomicBoolean isClosed) {
    this.isClosed = isClosed;
  }

  @Override
  public Identity identity() {
    return new Identity("peer", "00", "", "", "127.0.0.1:1");
  }

  @Override
  public CompletableFuture<String> post(byte[] picture, String caption) {
    return CompletableFuture.failedFuture(new AssertionError("not part of this test's double"));
  }

  @Override
  public CompletableFuture<Void> setUpvote(String postId, boolean isUpvoted) {
    return CompletableFuture.failedFuture(new AssertionError("not part of this test's double"));
  }

  @Override
  public CompletableFuture<Void> setDisplayName(String displayName) {
    return CompletableFuture.failedFuture(new AssertionError("not part of this test's double"));
  }

  @Override
  public CompletableFuture<List<FeedPost>> feed(FeedSort sort, int limit) {
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public CompletableFuture<Optional<FeedPost>> post(String postId) {
    return CompletableFuture.completedFuture(Optional.empty());
  }

  @Override
  public CompletableFuture<Optional<byte[]>> picture(String hash) {
    return CompletableFuture.completedFuture(Optional.empty());
  }

  @Override
  public NetworkView network() {
    return NetworkView.empty("peer");
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
  public void close() {
    isClosed.set(true);
  }
}
