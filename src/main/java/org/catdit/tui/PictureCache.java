package org.catdit.tui;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.catdit.feed.AsciiArt;
import org.catdit.feed.AsciiImage;
import org.catdit.feed.GridSize;
import org.catdit.feed.PeerHandle;
import org.catdit.feed.PictureCheck;
import org.catdit.feed.PictureRejectedException;
import org.catdit.feed.Thumbnails;

/**
 * Pictures for the feed, on the UI thread: asks the peer for a picture's bytes when a card first
 * needs it, decodes and checks them on a worker (a 10 MB JPEG takes a while), keeps a small copy,
 * and renders ASCII art per size. Everything is bounded: at most {@link #MAX_LOADS_IN_FLIGHT}
 * requests at once, {@link #MAX_IMAGES} decoded pictures and {@link #MAX_RENDERINGS} renderings
 * (least recently used go first), {@link #MAX_REMEMBERED} failed or awaited hashes.
 */
final class PictureCache {
  static final int MAX_LOADS_IN_FLIGHT = 4;
  static final int MAX_IMAGES = 32;
  static final int MAX_RENDERINGS = 64;
  static final int MAX_REMEMBERED = 256;

  private final PeerHandle peer;
  private final EventInbox inbox;
  private final Executor decoder;
  private final PictureCheck check = new PictureCheck();
  private final Map<String, BufferedImage> images = lruMap(MAX_IMAGES);
  private final Map<String, AsciiImage> renderings = lruMap(MAX_RENDERINGS);
  private final Set<String> inFlight = new HashSet<>();
  private final Set<String> awaited = new HashSet<>();
  private final Map<String, String> failures = new HashMap<>();

  /**
   * How many arrivals were announced: a reply "not held" to a request sent before the latest
   * arrival may be stale (the picture came in between), so it is asked for again, not awaited.
   */
  private long arrivals;

  private Runnable onChange = () -> {};

  PictureCache(PeerHandle peer, EventInbox inbox, Executor decoder) {
    this.peer = peer;
    this.inbox = inbox;
    this.decoder = decoder;
  }

  /** Called on the UI thread whenever a picture finished loading or failed. */
  void onChange(Runnable onChange) {
    this.onChange = onChange;
  }

  /**
   * The rendering of {@code hash} on {@code grid}, if its picture is loaded; else starts a load.
   */
  Optional<AsciiImage> art(String hash, GridSize grid) {
    BufferedImage image = images.get(hash);
    if (image == null) {
      load(hash);
      return Optional.empty();
    }
    String key = hash + "@" + grid.columns() + "x" + grid.rows();
    AsciiImage art = renderings.get(key);
    if (art == null) {
      art = AsciiArt.render(image, grid);
      renderings.put(key, art);
    }
    return Optional.of(art);
  }

  /** Why {@code hash} cannot be shown, if it cannot. */
  Optional<String> failure(String hash) {
    return Optional.ofNullable(failures.get(hash));
  }

  /** The peer does not hold {@code hash} yet and is fetching it. */
  boolean isAwaited(String hash) {
    return awaited.contains(hash);
  }

  /** Some picture arrived at the peer: ask again for those that were missing. */
  void onPictureArrived() {
    arrivals++;
    awaited.clear();
  }

  int loadsInFlight() {
    return inFlight.size();
  }

  private void load(String hash) {
    if (inFlight.contains(hash)
        || awaited.contains(hash)
        || failures.containsKey(hash)
        || inFlight.size() >= MAX_LOADS_IN_FLIGHT) {
      return;
    }
    inFlight.add(hash);
    long arrivalsAtRequest = arrivals;
    peer.picture(hash)
        .thenApplyAsync(bytes -> bytes.map(this::decode), decoder)
        .whenComplete(
            (decoded, error) ->
                inbox.post(
                    () -> {
                      inFlight.remove(hash);
                      if (error != null) {
                        remember(failures, hash, "cannot load the picture: " + rootMessage(error));
                      } else if (decoded.isEmpty()) {
                        if (arrivals == arrivalsAtRequest) {
                          remember(awaited, hash);
                        }
                      } else if (decoded.get() instanceof Decoded.Failed failed) {
                        remember(failures, hash, failed.message());
                      } else if (decoded.get() instanceof Decoded.Image ok) {
                        images.put(hash, ok.image());
                      }
                      onChange.run();
                    }));
  }

  private Decoded decode(byte[] bytes) {
    try {
      return new Decoded.Image(Thumbnails.scaled(check.check(bytes).image()));
    } catch (PictureRejectedException e) {
      return new Decoded.Failed(e.getMessage());
    }
  }

  private sealed interface Decoded {
    record Image(BufferedImage image) implements Decoded {}

    record Failed(String message) implements Decoded {}
  }

  private static void remember(Set<String> set, String hash) {
    if (set.size() >= MAX_REMEMBERED) {
      set.clear(); // forgetting only means asking the peer once more
    }
    set.add(hash);
  }

  private static void remember(Map<String, String> map, String hash, String message) {
    if (map.size() >= MAX_REMEMBERED) {
      map.clear();
    }
    map.put(hash, message);
  }

  static String rootMessage(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static <V> Map<String, V> lruMap(int maxEntries) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** For tests: whether a decoded picture is held. */
  boolean isLoaded(String hash) {
    return images.containsKey(hash);
  }
}
