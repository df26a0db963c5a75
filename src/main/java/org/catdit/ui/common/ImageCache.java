package org.catdit.ui.common;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 *
 * <p>A fast scroll asks for far more thumbnails than it ever shows: at most {@link
 * #MAX_LOADS_IN_FLIGHT} load at once, further requests wait newest first (the cards on screen now)
 * and the oldest waiting ones, long scrolled past, are dropped beyond {@link #MAX_QUEUED_LOADS}.
 */
public final class ImageCache {
  public static final int MAX_LOADS_IN_FLIGHT = 16;
  public static final int MAX_QUEUED_LOADS = 256;

  private final PeerHandle peer;
  private final UiThreads threads;
  private final int maxEntries;
  private final double maxWidth;
  private final double maxHeight;
  private final LinkedHashMap<String, Image> images;
  private final Map<String, List<Consumer<Image>>> waiting = new HashMap<>();
  private final Deque<String> queued = new ArrayDeque<>();
  private int loadsInFlight;
  private long loadsDropped;
  private long misses;

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
   * again), it cannot be decoded, or the request was dropped as scrolled past. FX thread.
   */
  public void load(String hash, Consumer<Image> onLoaded) {
    Image image = images.get(hash);
    if (image != null) {
      onLoaded.accept(image);
      return;
    }
    List<Consumer<Image>> consumers = waiting.get(hash);
    if (consumers != null) {
      consumers.add(onLoaded);
      if (queued.remove(hash)) {
        queued.addFirst(hash); // asked again: it is on screen now
      }
      return;
    }
    consumers = new ArrayList<>();
    consumers.add(onLoaded);
    waiting.put(hash, consumers);
    queued.addFirst(hash);
    while (queued.size() > MAX_QUEUED_LOADS) {
      waiting.remove(queued.removeLast());
      loadsDropped++;
    }
    startLoads();
  }

  private void startLoads() {
    while (loadsInFlight < MAX_LOADS_IN_FLIGHT && !queued.isEmpty()) {
      String hash = queued.removeFirst();
      loadsInFlight++;
      peer.picture(hash)
          .thenApplyAsync(bytes -> bytes.flatMap(this::decode), threads.background())
          .exceptionally(failure -> Optional.empty())
          .thenAcceptAsync(decoded -> finish(hash, decoded), threads.fx());
    }
  }

  private Optional<Image> decode(byte[] bytes) {
    Image image = new Image(new ByteArrayInputStream(bytes), maxWidth, maxHeight, true, true);
    return image.isError() ? Optional.empty() : Optional.of(image);
  }

  private void finish(String hash, Optional<Image> image) {
    loadsInFlight--;
    List<Consumer<Image>> consumers = waiting.remove(hash);
    if (image.isEmpty()) {
      misses++;
    } else {
      images.put(hash, image.get());
      if (consumers != null) {
        consumers.forEach(consumer -> consumer.accept(image.get()));
      }
    }
    startLoads();
  }

  public int size() {
    return images.size();
  }

  public int maxEntries() {
    return maxEntries;
  }

  /** Requests dropped because more than {@link #MAX_QUEUED_LOADS} were waiting. */
  public long loadsDropped() {
    return loadsDropped;
  }

  /** Pictures not held yet or not decodable. */
  public long misses() {
    return misses;
  }
}
