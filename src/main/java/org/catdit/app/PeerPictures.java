package org.catdit.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.catdit.feed.CheckedPicture;
import org.catdit.feed.PictureCheck;
import org.catdit.feed.PictureRejectedException;
import org.catdit.feed.Thumbnails;
import org.catdit.ledger.Hash;
import org.catdit.ledger.Ledger;
import org.catdit.ledger.Payload;
import org.catdit.ledger.PostView;
import org.catdit.ledger.sync.BlobTransfer;
import org.catdit.ledger.sync.BlobTransferListener;
import org.catdit.overlay.core.PeerId;
import org.catdit.store.FileBlobRepository;

/**
 * The pictures of an {@link EmbeddedPeer}'s posts: which posts wait for which picture, fetching
 * each (first from the neighbour that delivered its post), deriving its thumbnail on a thread of
 * its own once it is here, and asking again for the ones still missing. Owned by the node's event
 * loop, but for the thumbnail work, whose result comes back to the loop.
 */
final class PeerPictures {

  /** Told on the loop when a picture, and the thumbnail derived from it, are in the store. */
  interface Arrivals {
    void onPictureAvailable(Hash picture, List<Hash> thumbnails, List<Hash> posts);
  }

  private final Ledger ledger;
  private final FileBlobRepository blobs;
  private final PictureCheck pictureCheck;
  private final ExecutorService thumbnailer;
  private final Executor loop;
  private final Arrivals arrivals;
  private BlobTransfer transfer;

  private final Map<Hash, List<Hash>> postsByPicture = new HashMap<>();

  /** Thumbnails derived here whose bytes differ from the author's (another encoder). */
  private final Map<Hash, Hash> thumbnailAliases = new HashMap<>();

  /**
   * @param thumbnailer where thumbnails are derived: a large incoming picture must not make the
   *     user's own post or a picture they opened wait (seen: 5 s behind a 3608x2400 decode)
   * @param loop runs a task on the node's event loop
   */
  PeerPictures(
      Ledger ledger,
      FileBlobRepository blobs,
      PictureCheck pictureCheck,
      ExecutorService thumbnailer,
      Executor loop,
      Arrivals arrivals) {
    this.ledger = ledger;
    this.blobs = blobs;
    this.pictureCheck = pictureCheck;
    this.thumbnailer = thumbnailer;
    this.loop = loop;
    this.arrivals = arrivals;
  }

  /** A post restored from the store, before the node starts. */
  void restored(PostView post) {
    register(post.id(), post.post());
  }

  /**
   * On the loop, before the node starts: pictures arrive through {@code blobTransfer}, and those of
   * restored posts never fetched (or fetched half, or without their thumbnail) are asked for.
   */
  void attach(long nowMicros, BlobTransfer blobTransfer) {
    this.transfer = blobTransfer;
    transfer.setListener(
        new BlobTransferListener() {
          @Override
          public void onBlobComplete(long now, Hash hash) {
            onPictureArrived(hash);
          }
        });
    for (PostView post : ledger.posts()) {
      Payload.Post payload = post.post();
      if (!blobs.isComplete(payload.pictureHash())) {
        transfer.fetch(nowMicros, payload.pictureHash(), payload.byteSize(), null);
      } else if (!blobs.isComplete(payload.thumbnailHash())) {
        onPictureArrived(payload.pictureHash());
      }
    }
  }

  /** The ledger accepted a post: its picture is fetched first from {@code deliveredBy}. */
  void accepted(long nowMicros, Hash postId, Payload.Post post, PeerId deliveredBy) {
    register(postId, post);
    if (!blobs.isComplete(post.pictureHash())) {
      transfer.fetch(nowMicros, post.pictureHash(), post.byteSize(), deliveredBy);
    }
  }

  private void register(Hash postId, Payload.Post post) {
    postsByPicture.computeIfAbsent(post.pictureHash(), hash -> new ArrayList<>(1)).add(postId);
  }

  /**
   * Asks again for every picture not held: a want the transfer refused (its list was full) or gave
   * up (every copy found was corrupt) is not remembered there. Cheap for wanted or held blobs.
   */
  void wantMissing(long nowMicros) {
    for (Map.Entry<Hash, List<Hash>> entry : postsByPicture.entrySet()) {
      if (!blobs.isComplete(entry.getKey()) && !transfer.isWanted(entry.getKey())) {
        ledger
            .get(entry.getValue().get(0))
            .ifPresent(
                post ->
                    transfer.fetch(
                        nowMicros,
                        entry.getKey(),
                        ((Payload.Post) post.payload()).byteSize(),
                        null));
      }
    }
  }

  /** The blob held for {@code hash}: a thumbnail this peer derived itself, or {@code hash}. */
  Hash held(Hash hash) {
    return thumbnailAliases.getOrDefault(hash, hash);
  }

  /**
   * A picture arrived (or was restored without its thumbnail): every peer derives the thumbnail
   * itself from the checked picture (the "a thumbnail made locally"), off the loop.
   */
  private void onPictureArrived(Hash picture) {
    List<Hash> posts = List.copyOf(postsByPicture.getOrDefault(picture, List.of()));
    Path file = blobs.pathOf(picture);
    List<Hash> thumbnailHashes = new ArrayList<>();
    for (Hash post : posts) {
      ledger
          .get(post)
          .ifPresent(t -> thumbnailHashes.add(((Payload.Post) t.payload()).thumbnailHash()));
    }
    thumbnailer.execute(
        () -> {
          byte[] thumbnail = null;
          try {
            CheckedPicture checked = pictureCheck.check(Files.readAllBytes(file));
            thumbnail = Thumbnails.of(checked).bytes();
          } catch (IOException | PictureRejectedException | RuntimeException e) {
            // A picture whose hash matched but that does not decode: it stays without a
            // thumbnail; the post shows its caption and a placeholder.
          }
          byte[] made = thumbnail;
          loop.execute(() -> stored(picture, made, thumbnailHashes, posts));
        });
  }

  /** On the loop: the derived thumbnail into the store, then the news. */
  private void stored(
      Hash picture, byte[] thumbnail, List<Hash> thumbnailHashes, List<Hash> posts) {
    if (thumbnail != null) {
      try {
        Hash derived = blobs.put(thumbnail);
        for (Hash expected : thumbnailHashes) {
          if (!expected.equals(derived)) {
            thumbnailAliases.put(expected, derived);
          }
        }
      } catch (IOException e) {
        return;
      }
    }
    arrivals.onPictureAvailable(picture, thumbnailHashes, posts);
  }
}
