package org.catdit.tui;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.catdit.feed.CheckedPicture;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedRanking;
import org.catdit.feed.FeedSort;
import org.catdit.feed.Identity;
import org.catdit.feed.NetworkView;
import org.catdit.feed.PeerEvents;
import org.catdit.feed.PeerHandle;
import org.catdit.feed.PictureCheck;
import org.catdit.feed.PictureRejectedException;
import org.catdit.feed.SyncProgress;
import org.catdit.feed.Thumbnail;
import org.catdit.feed.Thumbnails;

/**
 * A TEST DOUBLE of {@link PeerHandle}: one peer's feed kept in memory, with no network, no ledger
 * and no store. It does what a front end relies on: pictures really go through {@link PictureCheck}
 * and {@link Thumbnails}, votes are per voter and idempotent, the feed is ordered by {@link
 * FeedRanking}, futures complete and events arrive on a thread of its own (never the caller's).
 * Tests add posts "from the network" with {@link #receivePost} and can hold a picture back ({@link
 * #withhold}) to see the UI wait for it.
 */
final class InMemoryPeerHandle extends org.catdit.testing.SettingsFreePeerHandle {
  private volatile Identity identity;
  private final LongSupplier clockMillis;
  private final PictureCheck check = new PictureCheck();

  @Override
  public CompletableFuture<Void> checkPicture(byte[] picture) {
    try {
      check.check(picture);
      return CompletableFuture.completedFuture(null);
    } catch (org.catdit.feed.PictureRejectedException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private final ExecutorService node;
  private final List<PeerEvents> listeners = new CopyOnWriteArrayList<>();
  // Guarded by this.
  private final Map<String, StoredPost> posts = new LinkedHashMap<>();
  private final Map<String, byte[]> blobs = new LinkedHashMap<>();
  private final Set<String> withheld = new HashSet<>();
  private NetworkView network;
  private long sequence;
  private final java.util.concurrent.atomic.AtomicInteger feedLoads =
      new java.util.concurrent.atomic.AtomicInteger();

  private record StoredPost(
      String id,
      String authorKeyHex,
      String authorName,
      String caption,
      Set<String> voters,
      CheckedPicture picture,
      String pictureHash,
      String thumbnailHash,
      long createdAtMillis) {}

  InMemoryPeerHandle(String displayName, LongSupplier clockMillis) {
    String key = sha256Hex(("key of " + displayName).getBytes());
    this.identity =
        new Identity(key.substring(0, 16), key, displayName, "invite-" + key, "127.0.0.1:7000");
    this.clockMillis = clockMillis;
    this.network = NetworkView.empty(identity.peerId());
    this.node =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "in-memory-peer");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public Identity identity() {
    return identity;
  }

  @Override
  public CompletableFuture<String> post(byte[] picture, String caption) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return store(identity.publicKeyHex(), identity.displayName(), picture, caption);
          } catch (PictureRejectedException e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        },
        node);
  }

  /** A post by another author, as if it arrived over the network; returns its id. */
  String receivePost(String authorName, byte[] picture, String caption)
      throws PictureRejectedException {
    String authorKey = sha256Hex(("key of " + authorName).getBytes());
    return store(authorKey, authorName, picture, caption);
  }

  /** Another peer's vote arriving. */
  void receiveVote(String postId, String voterName) {
    synchronized (this) {
      posts.get(postId).voters().add(voterName);
    }
    fire(listener -> listener.onFeedChanged(List.of(postId)));
  }

  /** Until {@link #release}, this picture or thumbnail is "still being fetched". */
  synchronized void withhold(String hash) {
    withheld.add(hash);
  }

  void release(String hash) {
    synchronized (this) {
      withheld.remove(hash);
    }
    fire(listener -> listener.onPictureAvailable(hash));
  }

  void setNetwork(NetworkView view) {
    synchronized (this) {
      network = view;
    }
    fire(listener -> listener.onNetworkChanged(view));
  }

  /** How often a front end asked for the feed. */
  int feedLoads() {
    return feedLoads.get();
  }

  synchronized int postCount() {
    return posts.size();
  }

  synchronized Optional<String> pictureHashOf(String postId) {
    return Optional.ofNullable(posts.get(postId)).map(StoredPost::pictureHash);
  }

  synchronized Optional<String> thumbnailHashOf(String postId) {
    return Optional.ofNullable(posts.get(postId)).map(StoredPost::thumbnailHash);
  }

  private String store(String authorKeyHex, String authorName, byte[] bytes, String caption)
      throws PictureRejectedException {
    if (caption.codePointCount(0, caption.length()) > 280) {
      throw new PictureRejectedException("A caption has at most 280 characters.");
    }
    CheckedPicture picture = check.check(bytes);
    Thumbnail thumbnail = Thumbnails.of(picture);
    String pictureHash = sha256Hex(bytes);
    String thumbnailHash = sha256Hex(thumbnail.bytes());
    String id;
    synchronized (this) {
      long createdAt = clockMillis.getAsLong();
      id = sha256Hex((authorKeyHex + "/" + (++sequence) + "/" + pictureHash).getBytes());
      blobs.put(pictureHash, bytes.clone());
      blobs.put(thumbnailHash, thumbnail.bytes());
      posts.put(
          id,
          new StoredPost(
              id,
              authorKeyHex,
              authorName,
              caption,
              new LinkedHashSet<>(),
              picture,
              pictureHash,
              thumbnailHash,
              createdAt));
    }
    String postId = id;
    fire(listener -> listener.onFeedChanged(List.of(postId)));
    return id;
  }

  @Override
  public CompletableFuture<Void> setUpvote(String postId, boolean isUpvoted) {
    return CompletableFuture.runAsync(
        () -> {
          synchronized (this) {
            StoredPost post = posts.get(postId);
            if (post == null) {
              throw new IllegalArgumentException("no post " + postId);
            }
            if (isUpvoted) {
              post.voters().add(identity.publicKeyHex());
            } else {
              post.voters().remove(identity.publicKeyHex());
            }
          }
          fire(listener -> listener.onFeedChanged(List.of(postId)));
        },
        node);
  }

  @Override
  public CompletableFuture<Void> setDisplayName(String displayName) {
    String name = displayName == null ? "" : displayName.strip();
    if (name.isEmpty() || name.codePointCount(0, name.length()) > 40) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("A display name has 1 to 40 characters."));
    }
    return CompletableFuture.runAsync(
        () ->
            identity =
                new Identity(
                    identity.peerId(),
                    identity.publicKeyHex(),
                    name,
                    identity.invite(),
                    identity.address()),
        node);
  }

  @Override
  public CompletableFuture<List<FeedPost>> feed(FeedSort sort, int limit) {
    feedLoads.incrementAndGet();
    return CompletableFuture.supplyAsync(
        () -> {
          List<FeedPost> feed = new ArrayList<>();
          synchronized (this) {
            for (StoredPost post : posts.values()) {
              feed.add(toFeedPost(post));
            }
          }
          feed.sort(FeedRanking.forFeed(sort, clockMillis.getAsLong()));
          return List.copyOf(feed.subList(0, Math.min(limit, feed.size())));
        },
        node);
  }

  @Override
  public CompletableFuture<Optional<FeedPost>> post(String postId) {
    return CompletableFuture.supplyAsync(
        () -> {
          synchronized (this) {
            return Optional.ofNullable(posts.get(postId)).map(this::toFeedPost);
          }
        },
        node);
  }

  private FeedPost toFeedPost(StoredPost post) {
    return new FeedPost(
        post.id(),
        post.authorKeyHex(),
        post.authorName(),
        post.caption(),
        post.voters().size(),
        post.voters().contains(identity.publicKeyHex()),
        post.pictureHash(),
        post.thumbnailHash(),
        post.picture().width(),
        post.picture().height(),
        post.picture().mediaType(),
        post.picture().bytes().length,
        post.createdAtMillis(),
        !withheld.contains(post.pictureHash()),
        !withheld.contains(post.thumbnailHash()));
  }

  @Override
  public CompletableFuture<Optional<byte[]>> picture(String hash) {
    return CompletableFuture.supplyAsync(
        () -> {
          synchronized (this) {
            if (withheld.contains(hash)) {
              return Optional.empty();
            }
            return Optional.ofNullable(blobs.get(hash)).map(byte[]::clone);
          }
        },
        node);
  }

  @Override
  public synchronized NetworkView network() {
    return network;
  }

  @Override
  public SyncProgress progress() {
    return new SyncProgress(postCount(), postCount(), true);
  }

  @Override
  public synchronized long pictureStorageBytes() {
    return blobs.values().stream().mapToLong(bytes -> bytes.length).sum();
  }

  @Override
  public AutoCloseable subscribe(PeerEvents listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void fire(java.util.function.Consumer<PeerEvents> event) {
    node.execute(() -> listeners.forEach(event));
  }

  @Override
  public void close() {
    node.shutdownNow();
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
