package org.catdit.feed;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A peer that keeps everything in memory, for the UI's tests, its dev main and its measurements:
 * posts, votes and pictures as a real peer would report them, events fired from a node thread of
 * its own, and hooks to play the network (posts and votes from others, neighbours, arrivals,
 * catching-up progress, pictures arriving late).
 *
 * <p>Pictures are checked by really decoding them with {@code javax.imageio}; a decoder warning
 * (such as a truncated JPEG's "premature end of data") counts as broken, so half pictures are
 * refused as a real peer must refuse them.
 */
public final class InMemoryPeerHandle implements PeerHandle {
  public static final int MAX_PICTURE_BYTES = 5 * 1024 * 1024;
  public static final int MAX_PICTURE_SIDE_PIXELS = 8_000;
  public static final int MAX_CAPTION_CHARS = 280;
  public static final int MAX_POSTS = 200_000;
  public static final int THUMBNAIL_SIDE_PIXELS = 320;

  private static final Pattern INVITE = Pattern.compile("[0-9a-fA-F]{8,64}@[^:@\\s]+:\\d{1,5}");

  private final ExecutorService node;
  private final Thread nodeThread;
  private final List<PeerEvents> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, StoredPost> posts = new LinkedHashMap<>();
  private final Map<String, byte[]> pictures = new LinkedHashMap<>();
  private final Map<String, Supplier<byte[]>> pendingPictures = new LinkedHashMap<>();
  private final Map<String, Supplier<byte[]>> lazyPictures = new LinkedHashMap<>();
  private final Random random;
  private final AtomicLong clockMillis;
  private final List<String> joinedInvites = new CopyOnWriteArrayList<>();
  private volatile Identity identity;
  private volatile NetworkView network;
  private volatile SyncProgress progress = new SyncProgress(0, 0, true);
  private volatile PeerSettings settings = new PeerSettings(4100, true);
  private volatile Path restoredKey;
  private volatile boolean isClosed;
  private long sequence;

  private static final class StoredPost {
    final String id;
    final String authorKeyHex;
    final String authorName;
    final String caption;
    final String pictureHash;
    final String thumbnailHash;
    final int width;
    final int height;
    final long byteSize;
    final long createdAtMillis;
    final Set<String> voters = new LinkedHashSet<>();

    StoredPost(
        String id,
        String authorKeyHex,
        String authorName,
        String caption,
        String pictureHash,
        String thumbnailHash,
        int width,
        int height,
        long byteSize,
        long createdAtMillis) {
      this.id = id;
      this.authorKeyHex = authorKeyHex;
      this.authorName = authorName;
      this.caption = caption;
      this.pictureHash = pictureHash;
      this.thumbnailHash = thumbnailHash;
      this.width = width;
      this.height = height;
      this.byteSize = byteSize;
      this.createdAtMillis = createdAtMillis;
    }
  }

  /** A peer with a key derived from {@code seed} and no display name yet (a first start). */
  public InMemoryPeerHandle(long seed) {
    this(seed, "");
  }

  public InMemoryPeerHandle(long seed, String displayName) {
    this.random = new Random(seed);
    this.clockMillis = new AtomicLong(System.currentTimeMillis());
    byte[] key = new byte[32];
    random.nextBytes(key);
    String keyHex = HexFormat.of().formatHex(key);
    String peerId = keyHex.substring(0, 16);
    this.identity =
        new Identity(peerId, keyHex, displayName, peerId + "@127.0.0.1:4100", "127.0.0.1:4100");
    this.network = NetworkView.empty(peerId);
    Thread[] thread = new Thread[1];
    this.node =
        Executors.newSingleThreadExecutor(
            runnable -> {
              thread[0] = new Thread(runnable, "in-memory-node-" + peerId);
              thread[0].setDaemon(true);
              return thread[0];
            });
    // Start the thread now, so events never come from the caller's thread.
    CompletableFuture.runAsync(() -> {}, node).join();
    this.nodeThread = thread[0];
  }

  // ---- PeerHandle ----

  @Override
  public Identity identity() {
    return identity;
  }

  @Override
  public CompletableFuture<String> post(byte[] picture, String caption) {
    return onNode(
        () -> {
          BufferedImage image = decode(picture);
          if (caption.length() > MAX_CAPTION_CHARS) {
            throw new PictureRejectedException(
                "A caption has at most " + MAX_CAPTION_CHARS + " characters.");
          }
          byte[] thumbnail = thumbnail(image);
          Identity me = identity;
          String id =
              storePost(
                  me.publicKeyHex(),
                  me.displayName().isEmpty() ? me.peerId().substring(0, 8) : me.displayName(),
                  caption,
                  picture,
                  thumbnail,
                  image.getWidth(),
                  image.getHeight(),
                  clockMillis.get());
          fire(listener -> listener.onFeedChanged(List.of(id)));
          return id;
        });
  }

  @Override
  public CompletableFuture<Void> checkPicture(byte[] picture) {
    return onNode(
        () -> {
          decode(picture);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> setUpvote(String postId, boolean isUpvoted) {
    return onNode(
        () -> {
          vote(postId, identity.publicKeyHex(), isUpvoted);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> setDisplayName(String displayName) {
    return onNode(
        () -> {
          String name = displayName.strip();
          if (name.isEmpty() || name.length() > 40) {
            throw new IllegalArgumentException("A display name has 1 to 40 characters.");
          }
          Identity old = identity;
          identity =
              new Identity(old.peerId(), old.publicKeyHex(), name, old.invite(), old.address());
          return null;
        });
  }

  @Override
  public CompletableFuture<List<FeedPost>> feed(FeedSort sort, int limit) {
    return onNode(
        () -> {
          Comparator<FeedPost> order =
              switch (sort) {
                case NEW -> Comparator.comparingLong(FeedPost::createdAtMillis).reversed();
                case TOP ->
                    Comparator.comparingInt(FeedPost::score)
                        .reversed()
                        .thenComparing(
                            Comparator.comparingLong(FeedPost::createdAtMillis).reversed());
                case HOT -> Comparator.comparingDouble(InMemoryPeerHandle::hot).reversed();
              };
          return posts.values().stream()
              .map(this::toFeedPost)
              .sorted(order.thenComparing(FeedPost::id))
              .limit(limit)
              .toList();
        });
  }

  /** Reddit's hot rank (apps.md §1.1): log10 of the score plus age in 12.5-hour units. */
  static double hot(FeedPost post) {
    return Math.log10(Math.max(post.score(), 1)) + post.createdAtMillis() / 45_000_000.0;
  }

  @Override
  public CompletableFuture<Optional<FeedPost>> post(String postId) {
    return onNode(() -> Optional.ofNullable(posts.get(postId)).map(this::toFeedPost));
  }

  @Override
  public CompletableFuture<Optional<byte[]>> picture(String hash) {
    return onNode(
        () -> {
          byte[] held = pictures.get(hash);
          if (held == null && lazyPictures.containsKey(hash)) {
            held = lazyPictures.get(hash).get();
          }
          return Optional.ofNullable(held);
        });
  }

  @Override
  public NetworkView network() {
    return network;
  }

  @Override
  public SyncProgress progress() {
    return progress;
  }

  @Override
  public long pictureStorageBytes() {
    return onNode(
            () -> {
              long total = 0;
              for (byte[] bytes : pictures.values()) {
                total += bytes.length;
              }
              return total;
            })
        .join();
  }

  @Override
  public CompletableFuture<Void> join(String invite) {
    return onNode(
        () -> {
          if (!INVITE.matcher(invite.strip()).matches()) {
            throw new IllegalArgumentException(
                "That is not an invite: it looks like PEERID@HOST:PORT.");
          }
          joinedInvites.add(invite.strip());
          return null;
        });
  }

  @Override
  public CompletableFuture<PeerSettings> settings() {
    return CompletableFuture.completedFuture(settings);
  }

  @Override
  public CompletableFuture<Void> applySettings(PeerSettings newSettings) {
    return onNode(
        () -> {
          settings = newSettings;
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> backupKey(Path file) {
    return onNode(
        () -> {
          if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " exists; choose a new file.");
          }
          Files.writeString(file, identity.publicKeyHex() + "\n");
          return null;
        });
  }

  @Override
  public CompletableFuture<Identity> restoreKey(Path file) {
    return onNode(
        () -> {
          String text = Files.readString(file).strip();
          if (!text.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(file.getFileName() + " holds no catdit key.");
          }
          restoredKey = file;
          return new Identity(text.substring(0, 16), text, "", "", "");
        });
  }

  @Override
  public AutoCloseable subscribe(PeerEvents listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void close() {
    isClosed = true;
    node.shutdown();
  }

  // ---- playing the network ----

  public boolean isClosed() {
    return isClosed;
  }

  public List<String> joinedInvites() {
    return List.copyOf(joinedInvites);
  }

  public Optional<Path> restoredKey() {
    return Optional.ofNullable(restoredKey);
  }

  /** Moves this peer's clock (post timestamps) by {@code millis}. */
  public void advanceClock(long millis) {
    clockMillis.addAndGet(millis);
  }

  /**
   * A post from another peer arrives. If {@code isThumbnailHeld} is false its pictures stay away
   * until {@link #deliverPictures}.
   */
  public String receivePost(
      String authorName, byte[] picture, String caption, long ageMillis, boolean isThumbnailHeld) {
    return onNode(
            () -> {
              BufferedImage image = decode(picture);
              byte[] thumbnail = thumbnail(image);
              String authorKey = keyOf(authorName);
              String id =
                  storePost(
                      authorKey,
                      authorName,
                      caption,
                      picture,
                      thumbnail,
                      image.getWidth(),
                      image.getHeight(),
                      clockMillis.get() - ageMillis);
              if (!isThumbnailHeld) {
                StoredPost stored = posts.get(id);
                byte[] pictureBytes = pictures.remove(stored.pictureHash);
                byte[] thumbnailBytes = pictures.remove(stored.thumbnailHash);
                pendingPictures.put(stored.pictureHash, () -> pictureBytes);
                pendingPictures.put(stored.thumbnailHash, () -> thumbnailBytes);
              }
              fire(listener -> listener.onFeedChanged(List.of(id)));
              return id;
            })
        .join();
  }

  /** Pictures held back by {@link #receivePost} arrive. */
  public void deliverPictures() {
    onNode(
            () -> {
              List<String> arrived = new ArrayList<>(pendingPictures.keySet());
              for (Iterator<Map.Entry<String, Supplier<byte[]>>> it =
                      pendingPictures.entrySet().iterator();
                  it.hasNext(); ) {
                Map.Entry<String, Supplier<byte[]>> entry = it.next();
                pictures.put(entry.getKey(), entry.getValue().get());
                it.remove();
              }
              arrived.forEach(hash -> fire(listener -> listener.onPictureAvailable(hash)));
              return null;
            })
        .join();
  }

  /**
   * Adds {@code count} posts by a few other authors without events, fast: each picture is a
   * distinct recolouring of {@code base}, drawn only when asked for (10,000 posts for the
   * measurements cost no encoding up front).
   */
  public void addSyntheticPosts(int count, byte[] base) {
    onNode(
            () -> {
              BufferedImage image = decode(base);
              BufferedImage small = scale(image, THUMBNAIL_SIDE_PIXELS);
              for (int index = 0; index < count && posts.size() < MAX_POSTS; index++) {
                int variant = index;
                String thumbnailHash =
                    sha256Hex(
                        ("thumb-" + sequence + "-" + variant).getBytes(StandardCharsets.UTF_8));
                String pictureHash =
                    sha256Hex(("pic-" + sequence + "-" + variant).getBytes(StandardCharsets.UTF_8));
                String author = "cat fan " + (index % 7 + 1);
                String id = sha256Hex(("post-" + sequence++).getBytes(StandardCharsets.UTF_8));
                StoredPost post =
                    new StoredPost(
                        id,
                        keyOf(author),
                        author,
                        "cat #" + (index + 1),
                        pictureHash,
                        thumbnailHash,
                        image.getWidth(),
                        image.getHeight(),
                        base.length,
                        clockMillis.get() - (long) index * 60_000);
                int votes = (index * 7919) % 13;
                for (int voter = 0; voter < votes; voter++) {
                  post.voters.add("voter-" + voter);
                }
                posts.put(id, post);
                lazyPictures.put(thumbnailHash, () -> encodeJpeg(recolour(small, variant)));
                lazyPictures.put(pictureHash, () -> base);
              }
              return null;
            })
        .join();
  }

  /** Another peer (identified by name) upvotes or retracts. */
  public void receiveVote(String postId, String voterName, boolean isUpvoted) {
    onNode(
            () -> {
              vote(postId, keyOf(voterName), isUpvoted);
              return null;
            })
        .join();
  }

  /** The overlay around this peer changes to {@code neighbours}. */
  public void simulateNeighbours(
      List<Neighbour> neighbours, long networkSizeEstimate, long delivered, long duplicates) {
    NetworkView view =
        new NetworkView(
            identity.peerId(),
            List.copyOf(neighbours),
            networkSizeEstimate,
            delivered,
            duplicates,
            Map.of(),
            clockMillis.get());
    network = view;
    node.execute(() -> fire(listener -> listener.onNetworkChanged(view)));
  }

  /** A broadcast message arrives from {@code fromPeerId}. */
  public void simulateArrival(String fromPeerId, boolean isDuplicate) {
    node.execute(() -> fire(listener -> listener.onMessageArrived(fromPeerId, isDuplicate)));
  }

  /** Catching up moves on. */
  public void simulateProgress(long have, long total) {
    SyncProgress now = new SyncProgress(have, total, have >= total);
    progress = now;
    node.execute(() -> fire(listener -> listener.onProgress(now)));
  }

  /** A neighbour with plausible link figures. */
  public static Neighbour neighbour(
      String name, boolean isOut, boolean isIn, boolean isEager, double rttMillis) {
    String peerId = keyOf(name).substring(0, 16);
    return new Neighbour(
        peerId,
        name,
        isOut,
        isIn,
        isEager,
        rttMillis,
        rttMillis / 2000,
        14_600,
        120_000 + (long) (rttMillis * 1000),
        98_000,
        30 + (long) rttMillis * 7);
  }

  /** The key an author of this name has in the test double (stable, distinct per name). */
  public static String keyOf(String name) {
    return sha256Hex(("author:" + name).getBytes(StandardCharsets.UTF_8));
  }

  /** Waits until everything submitted to the node thread so far has run (and fired). */
  public void awaitIdle() {
    if (Thread.currentThread() == nodeThread) {
      throw new IllegalStateException("awaitIdle on the node thread would wait forever");
    }
    CompletableFuture.runAsync(() -> {}, node).join();
  }

  // ---- internals ----

  private String storePost(
      String authorKey,
      String authorName,
      String caption,
      byte[] picture,
      byte[] thumbnail,
      int width,
      int height,
      long createdAtMillis) {
    if (posts.size() >= MAX_POSTS) {
      throw new IllegalStateException("the test double holds at most " + MAX_POSTS + " posts");
    }
    String pictureHash = sha256Hex(picture);
    String thumbnailHash = sha256Hex(thumbnail);
    String id =
        sha256Hex(
            (authorKey + pictureHash + caption + createdAtMillis + "#" + sequence++)
                .getBytes(StandardCharsets.UTF_8));
    pictures.put(pictureHash, picture);
    pictures.put(thumbnailHash, thumbnail);
    posts.put(
        id,
        new StoredPost(
            id,
            authorKey,
            authorName,
            caption,
            pictureHash,
            thumbnailHash,
            width,
            height,
            picture.length,
            createdAtMillis));
    return id;
  }

  private void vote(String postId, String voterKey, boolean isUpvoted) {
    StoredPost post = posts.get(postId);
    if (post == null) {
      throw new IllegalArgumentException("no post " + postId);
    }
    boolean isChanged = isUpvoted ? post.voters.add(voterKey) : post.voters.remove(voterKey);
    if (isChanged) {
      fire(listener -> listener.onFeedChanged(List.of(postId)));
    }
  }

  private FeedPost toFeedPost(StoredPost post) {
    boolean isThumbnailHeld =
        pictures.containsKey(post.thumbnailHash) || lazyPictures.containsKey(post.thumbnailHash);
    boolean isPictureHeld =
        pictures.containsKey(post.pictureHash) || lazyPictures.containsKey(post.pictureHash);
    return new FeedPost(
        post.id,
        post.authorKeyHex,
        post.authorName,
        post.caption,
        post.voters.size(),
        post.voters.contains(identity.publicKeyHex()),
        post.pictureHash,
        post.thumbnailHash,
        post.width,
        post.height,
        "image/jpeg",
        post.byteSize,
        post.createdAtMillis,
        isPictureHeld,
        isThumbnailHeld);
  }

  private void fire(java.util.function.Consumer<PeerEvents> event) {
    for (PeerEvents listener : listeners) {
      event.accept(listener);
    }
  }

  @FunctionalInterface
  private interface NodeWork<T> {
    T run() throws Exception;
  }

  private <T> CompletableFuture<T> onNode(NodeWork<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (isClosed) {
      result.completeExceptionally(new IllegalStateException("the peer is closed"));
      return result;
    }
    node.execute(
        () -> {
          try {
            result.complete(work.run());
          } catch (Exception e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  /** Decodes fully; refuses what is not a picture, broken, too large or too big in pixels. */
  static BufferedImage decode(byte[] picture) throws PictureRejectedException {
    if (picture.length == 0) {
      throw new PictureRejectedException("The file is empty.");
    }
    if (picture.length > MAX_PICTURE_BYTES) {
      throw new PictureRejectedException(
          String.format(
              "The picture is too large: %.1f MB, at most %d MB.",
              picture.length / (1024.0 * 1024), MAX_PICTURE_BYTES / (1024 * 1024)));
    }
    try (ImageInputStream input =
        ImageIO.createImageInputStream(new ByteArrayInputStream(picture))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      if (!readers.hasNext()) {
        throw new PictureRejectedException(
            "This is not a picture catdit can read (JPEG, PNG, GIF or BMP).");
      }
      ImageReader reader = readers.next();
      List<String> warnings = new ArrayList<>();
      try {
        reader.setInput(input, true, true);
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width > MAX_PICTURE_SIDE_PIXELS || height > MAX_PICTURE_SIDE_PIXELS) {
          throw new PictureRejectedException(
              "The picture is too big: "
                  + width
                  + "×"
                  + height
                  + " pixels, at most "
                  + MAX_PICTURE_SIDE_PIXELS
                  + " on a side.");
        }
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
          throw new PictureRejectedException(
              "The picture is damaged or cut off (" + warnings.get(0) + ").");
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new PictureRejectedException(
          "The picture is damaged or cut off and cannot be read (" + e.getMessage() + ").");
    }
  }

  private static byte[] thumbnail(BufferedImage image) {
    return encodeJpeg(scale(image, THUMBNAIL_SIDE_PIXELS));
  }

  private static BufferedImage scale(BufferedImage image, int maxSide) {
    double factor = Math.min(1.0, (double) maxSide / Math.max(image.getWidth(), image.getHeight()));
    int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
    int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
    BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = scaled.createGraphics();
    graphics.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    graphics.drawImage(image, 0, 0, width, height, null);
    graphics.dispose();
    return scaled;
  }

  /**
   * A distinct-looking picture per variant, cheaply: the colour channels permuted (six ways) and
   * the brightness scaled (four steps), on the whole pixel array at once.
   */
  static BufferedImage recolour(BufferedImage image, int variant) {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
    int permutation = variant % 6;
    int scalePercent = 70 + 10 * (variant / 6 % 4);
    for (int index = 0; index < pixels.length; index++) {
      int rgb = pixels[index];
      int[] channels = {rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff};
      int red = channels[permutation % 3] * scalePercent / 100;
      int green = channels[(permutation + (permutation < 3 ? 1 : 2)) % 3] * scalePercent / 100;
      int blue = channels[(permutation + (permutation < 3 ? 2 : 1)) % 3] * scalePercent / 100;
      pixels[index] = red << 16 | green << 8 | blue;
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, width, height, pixels, 0, width);
    return out;
  }

  static byte[] encodeJpeg(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
