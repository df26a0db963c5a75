package org.catdit.feed;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The thread-safe face of one running peer (an embedded node with its ledger and store) for the
 * front ends: the JavaFX app, catascii and tests. Commands return futures completed off the
 * caller's thread; queries return immutable snapshots. No method blocks on the network or the
 * database; a front end never needs {@code net} or {@code store}.
 *
 * <p>Ids and hashes are lower-case hexadecimal strings (64 digits for transitions and pictures;
 * peer ids as {@code PeerId.toString()}).
 */
public interface PeerHandle extends AutoCloseable {

  /** Who this peer is. Changes only through {@link #setDisplayName}. */
  Identity identity();

  /**
   * Posts a picture. The bytes are decoded and checked (a real image, size and dimension caps)
   * before anything is stored; completes with the new post's id, or exceptionally with a {@link
   * PictureRejectedException} whose message tells the user what is wrong.
   */
  CompletableFuture<String> post(byte[] picture, String caption);

  /** Upvotes ({@code isUpvoted}) or retracts this peer's upvote of {@code postId}. Idempotent. */
  CompletableFuture<Void> setUpvote(String postId, boolean isUpvoted);

  /** Publishes a profile transition with the new display name (1–40 characters). */
  CompletableFuture<Void> setDisplayName(String displayName);

  /** The feed, best first by {@code sort}, at most {@code limit} posts. */
  CompletableFuture<List<FeedPost>> feed(FeedSort sort, int limit);

  /** One post, if this peer has it. */
  CompletableFuture<Optional<FeedPost>> post(String postId);

  /**
   * The bytes of a picture or thumbnail by hash, if held locally. A missing picture is being
   * fetched in the background; a {@link PeerEvents#onPictureAvailable} follows when it arrives.
   */
  CompletableFuture<Optional<byte[]>> picture(String hash);

  /** The latest snapshot of the overlay around this peer; refreshed about once a second. */
  NetworkView network();

  /** How far this peer has caught up with the transitions its neighbours hold. */
  SyncProgress progress();

  /** Bytes the locally held pictures and thumbnails occupy. */
  long pictureStorageBytes();

  /**
   * Runs the checks {@link #post(byte[], String)} runs on a picture (a real image, size and
   * dimension caps) without posting it, so a front end can tell the user before they write a
   * caption. Completes normally if the picture would be accepted, else exceptionally with a {@link
   * PictureRejectedException} whose message tells the user what is wrong.
   */
  CompletableFuture<Void> checkPicture(byte[] picture);

  /**
   * Joins a network through the peer an invite names ({@code PEERID@HOST:PORT}), as {@code node
   * --invite} does. Completes once the join request is sent; exceptionally with an {@link
   * IllegalArgumentException} (message for the user) if the invite is malformed.
   */
  CompletableFuture<Void> join(String invite);

  /** The settings stored in the data directory (the port may differ from the running one). */
  CompletableFuture<PeerSettings> settings();

  /**
   * Stores new settings in the data directory. LAN discovery starts or stops at once; a new port
   * takes effect at the next start. Completes exceptionally with an {@link
   * IllegalArgumentException} for a port outside 1–65535 (0 means "any free port").
   */
  CompletableFuture<Void> applySettings(PeerSettings settings);

  /**
   * Writes this peer's private key, in the format the data directory keeps it, to {@code file} (a
   * backup the user keeps safe; whoever holds it can post as this peer). Overwrites nothing: fails
   * if the file exists.
   */
  CompletableFuture<Void> backupKey(java.nio.file.Path file);

  /**
   * Checks the key in {@code file} and stores it to replace this peer's key at the next start (the
   * running node keeps its key, so nothing signed now is signed twice). Completes with the identity
   * the restored key will have, or exceptionally with an {@link IllegalArgumentException} (message
   * for the user) if the file holds no valid key.
   */
  CompletableFuture<Identity> restoreKey(java.nio.file.Path file);

  /**
   * Registers {@code listener}; it is called on a node thread (never the caller's UI thread), so a
   * front end hands events over to its own thread. Closing the returned handle unregisters it.
   */
  AutoCloseable subscribe(PeerEvents listener);

  /** Leaves the overlay cleanly (SCAMP unsubscription), flushes the store and releases its lock. */
  @Override
  void close();
}
