package org.catdit.ui.common;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.image.Image;
import org.catdit.feed.PeerHandle;

/**
 * Decoded thumbnails by hash, least recently used dropped first, so scrolling through 10,000 posts
 * keeps at most {@code maxEntries} images in memory. Loading and decoding run on the background
 * executor; the map itself is touched only on the FX thread.
 */
public final class ImageCache {
  /** Loads in flight at once; a fast scroll requests far more than it ever shows. */
  public static final int MAX_LOADS_IN_FLIGHT = 64;

  private final PeerHandle peer;
  private final UiThreads threads;
  private final int maxEntries;
  private final double maxWidth;
  private final double maxHeight;
  private final LinkedHashMap<String, Image> images;
  private final Map<String, List<Consumer<Image>>> loading = new HashMap<>();
  private long loadsRefused;
  private long decodeFailures;

  public ImageCache(
      PeerHandle peer, UiThreads threads, int maxEntries, double maxWidth, double maxHeight) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1, not " + maxEntries);
    }
    this.peer = peer;
    this.threads = threads;
    this.maxEntries = maxEntries;
    this.maxWidth = maxWidth;
    this.maxHeight = maxHeight;
    this.images =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > ImageCache.this.maxEntries;
          }
        };
  }

  /** The image if it is cached (FX thread). */
  public Optional<Image> cached(String hash) {
    return Optional.ofNullable(images.get(hash));
  }

  /**
   * Calls {@code onLoaded} on the FX thread with the image once it is loaded and decoded; not at
   * all if the peer does not hold it yet (a later {@code onPictureAvailable} lets the caller ask
   * again) or it cannot be decoded. Must be called on the FX thread.
   */
  public void load(String hash, Consumer<Image> onLoaded) {
    Image image = images.get(hash);
    if (image != null) {
      onLoaded.accept(image);
      return;
    }
    List<Consumer<Image>> waiting = loading.get(hash);
    if (waiting != null) {
      waiting.add(onLoaded);
      return;
    }
    if (loading.size() >= MAX_LOADS_IN_FLIGHT) {
      loadsRefused++;
      return;
    }
    waiting = new ArrayList<>();
    waiting.add(onLoaded);
    loading.put(hash, waiting);
    peer.picture(hash)
        .thenApplyAsync(bytes -> bytes.map(this::decode), threads.background())
        .exceptionally(failure -> Optional.empty())
        .thenAcceptAsync(decoded -> finish(hash, decoded.flatMap(d -> d)), threads.fx());
  }

  private Optional<Image> decode(byte[] bytes) {
    Image image = new Image(new ByteArrayInputStream(bytes), maxWidth, maxHeight, true, true);
    return image.isError() ? Optional.empty() : Optional.of(image);
  }

  private void finish(String hash, Optional<Image> image) {
    List<Consumer<Image>> waiting = loading.remove(hash);
    if (image.isEmpty()) {
      decodeFailures++;
      return;
    }
    images.put(hash, image.get());
    if (waiting != null) {
      waiting.forEach(consumer -> consumer.accept(image.get()));
    }
  }

  public int size() {
    return images.size();
  }

  public int maxEntries() {
    return maxEntries;
  }

  /** Requests refused because {@link #MAX_LOADS_IN_FLIGHT} were already running. */
  public long loadsRefused() {
    return loadsRefused;
  }

  /** Pictures not held yet or not decodable. */
  public long misses() {
    return decodeFailures;
  }
}
