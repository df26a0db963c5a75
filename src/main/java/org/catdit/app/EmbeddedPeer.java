package org.catdit.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.catdit.feed.CheckedPicture;
import org.catdit.feed.DataDirectoryInUseException;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedRanking;
import org.catdit.feed.FeedSort;
import org.catdit.feed.Identity;
import org.catdit.feed.NetworkView;
import org.catdit.feed.PeerEvents;
import org.catdit.feed.PeerHandle;
import org.catdit.feed.PeerSettings;
import org.catdit.feed.PictureCheck;
import org.catdit.feed.PictureRejectedException;
import org.catdit.feed.SyncProgress;
import org.catdit.feed.Thumbnail;
import org.catdit.feed.Thumbnails;
import org.catdit.ledger.AuthorKey;
import org.catdit.ledger.Hash;
import org.catdit.ledger.Ledger;
import org.catdit.ledger.LedgerListener;
import org.catdit.ledger.MalformedTransitionException;
import org.catdit.ledger.Payload;
import org.catdit.ledger.PostView;
import org.catdit.ledger.Signer;
import org.catdit.ledger.Transition;
import org.catdit.ledger.Verifier;
import org.catdit.ledger.sync.BlobTransfer;
import org.catdit.ledger.sync.BlobTransferConfig;
import org.catdit.ledger.sync.LedgerSync;
import org.catdit.ledger.sync.SyncConfig;
import org.catdit.net.DiscoveryJoiner;
import org.catdit.net.LoopContext;
import org.catdit.net.NodeIdentity;
import org.catdit.net.UdpRuntime;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.Ed25519Authenticator;
import org.catdit.store.FileBlobRepository;
import org.catdit.store.KnownPeer;
import org.catdit.store.Store;
import org.catdit.store.StoredTransition;

/**
 * One running catdit peer in this process: the node on its UDP socket, the ledger and its sync,
 * picture transfer, the SQLite store and the picture files, behind the {@link PeerHandle} the front
 * ends use. The ledger, sync and transfer belong to the node's event loop; the store has its own
 * writer thread; decoding pictures and reading files happen on a worker thread. Nothing here blocks
 * the caller.
 */
public final class EmbeddedPeer implements PeerHandle {
  static final String SETTING_PORT = "port";
  static final String SETTING_DISCOVERY = "lanDiscovery";
  static final long SNAPSHOT_PERIOD_MILLIS = 1000;
  static final int REFETCH_EVERY_SNAPSHOTS = 15;
  static final int MAX_FEED_LIMIT = 100_000;
  static final int MAX_KNOWN_PEERS_SAVED = 64;
  static final Duration LEAVE_LINGER = Duration.ofSeconds(2);

  private final Path dataDirectory;
  private final Store store;
  private final Ed25519Authenticator authenticator;
  private final Signer signer;
  private final AuthorKey self;
  private final Ledger ledger;
  private final FileBlobRepository blobs;
  private final PictureCheck pictureCheck = new PictureCheck();
  private final ExecutorService worker;
  private final ExecutorService thumbnailer;
  private final ScheduledExecutorService ticker;
  private final List<PeerEvents> listeners = new CopyOnWriteArrayList<>();
  private final NetworkViews networkViews = new NetworkViews();
  private final PeerDirectory directory;
  private final String networkName;
  private final Consumer<String> log;
  private volatile CompletableFuture<PeerId> startJoin = CompletableFuture.completedFuture(null);
  private UdpRuntime runtime;
  private LedgerSync sync;
  private BlobTransfer transfer;
  private DiscoveryJoiner discovery;
  private volatile NetworkView network;
  private volatile SyncProgress progress = new SyncProgress(0, 0, true);
  private volatile long storageBytes;
  private volatile boolean isClosed;
  private long snapshotCount;

  private final PeerPictures pictures;

  private EmbeddedPeer(Path dataDirectory, Store store, KeyPair keys, PeerOptions options)
      throws IOException {
    this.dataDirectory = dataDirectory;
    this.store = store;
    this.networkName = options.networkName();
    this.log = options.log();
    this.authenticator = new Ed25519Authenticator(keys);
    this.signer = Signer.ed25519(keys);
    this.self = signer.publicKey();
    this.ledger = new Ledger(Verifier.standard());
    this.blobs = new FileBlobRepository(dataDirectory.resolve("blobs"));
    this.directory = new PeerDirectory(authenticator);
    this.worker = Executors.newSingleThreadExecutor(daemon("catdit-pictures"));
    // Thumbnails of received pictures on their own thread: a large incoming picture must not make
    // the user's own post or a picture they opened wait (seen: 5 s behind a 3608x2400 decode).
    this.thumbnailer = Executors.newSingleThreadExecutor(daemon("catdit-thumbnails"));
    this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("catdit-snapshots"));
    this.pictures =
        new PeerPictures(
            ledger,
            blobs,
            pictureCheck,
            thumbnailer,
            task -> runtime.execute(context -> task.run()),
            this::onPictureAvailable);
  }

  /**
   * Opens the data directory (refused if another process has it), restores the ledger, binds the
   * socket, starts the protocols and begins joining. Returns once the node runs; joining and
   * catching up go on in the background.
   */
  public static EmbeddedPeer open(PeerOptions options)
      throws IOException, DataDirectoryInUseException, InterruptedException {
    Objects.requireNonNull(options.dataDirectory(), "dataDirectory");
    Files.createDirectories(options.dataDirectory());
    Store store;
    try {
      store = Store.open(options.dataDirectory());
    } catch (org.catdit.store.DataDirectoryInUseException e) {
      throw new DataDirectoryInUseException(options.dataDirectory());
    }
    try {
      KeyPair keys = NodeIdentity.loadOrCreateKeyPair(options.dataDirectory());
      EmbeddedPeer peer = new EmbeddedPeer(options.dataDirectory(), store, keys, options);
      peer.start(options);
      return peer;
    } catch (IOException | InterruptedException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private void start(PeerOptions options) throws IOException, InterruptedException {
    restoreLedger();
    InetSocketAddress bind = options.bind();
    if (options.isStoredPortPreferred()) {
      int stored = store.getSetting(SETTING_PORT).map(Integer::parseInt).orElse(0);
      bind = new InetSocketAddress(bind.getAddress(), stored);
    }
    UdpRuntime.Settings settings =
        UdpRuntime.Settings.defaults(bind, authenticator).withDeliveries(options.deliveries());
    try {
      runtime = UdpRuntime.start(settings, this::attach);
    } catch (RuntimeException bindFailed) {
      if (bind.getPort() == 0 || !options.isStoredPortPreferred()) {
        throw bindFailed;
      }
      // The stored port is taken (another program): any free port is better than no peer.
      runtime =
          UdpRuntime.start(
              settings.withBind(new InetSocketAddress(bind.getAddress(), 0)), this::attach);
    }
    network = NetworkView.empty(runtime.peerId().toString());
    storageBytes = blobs.storageBytes();
    ticker.scheduleWithFixedDelay(
        this::refreshSnapshot, 0, SNAPSHOT_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    joinAtStart(options);
  }

  private void restoreLedger() {
    List<Transition> stored = new ArrayList<>();
    store.loadTransitions(
        record -> {
          try {
            stored.add(Transition.decode(record.encoded()));
          } catch (MalformedTransitionException e) {
            // Our own store held it; a later version's format is skipped, not fatal.
          }
        });
    ledger.restoreAll(stored);
    for (PostView post : ledger.posts()) {
      pictures.restored(post);
    }
    for (Transition transition : stored) {
      directory.learn(transition);
    }
  }

  /** On the loop, before the node starts: the ledger's and pictures' protocols and listeners. */
  private void attach(LoopContext context) {
    sync = LedgerSync.attach(context.environment(), context.node(), ledger, SyncConfig.defaults());
    transfer =
        new BlobTransfer(
            context.environment(), BlobTransferConfig.defaults(), blobs, () -> neighbours(context));
    context.node().attach(BlobTransfer.FIRST_CODE, BlobTransfer.LAST_CODE, transfer);
    pictures.attach(context.nowMicros(), transfer);
    ledger.addListener(new Persisting());
    context
        .node()
        .broadcastTree()
        .setGossipObserver(
            (now, from, isDuplicate) -> {
              for (PeerEvents listener : listeners) {
                listener.onMessageArrived(from.toString(), isDuplicate);
              }
            });
  }

  private static List<PeerId> neighbours(LoopContext context) {
    java.util.TreeSet<PeerId> all =
        new java.util.TreeSet<>(context.node().membership().partialView());
    all.addAll(context.node().membership().inView());
    all.remove(context.node().id());
    return List.copyOf(all);
  }

  /** What the ledger accepts is stored, its picture fetched, and the front ends told. */
  private final class Persisting implements LedgerListener {
    @Override
    public void onAccepted(Transition transition) {
      directory.learn(transition);
      if (!transition.author().equals(self)) {
        // Own transitions are stored before they are published (see author()).
        store.appendTransitions(List.of(stored(transition)));
      }
      if (transition.payload() instanceof Payload.Post post) {
        // Its picture is fetched first from the peer the post came from (architecture rule 7): the
        // neighbour that delivered it, or the peer a new peer reconciled with before it had any.
        pictures.accepted(runtimeNow(), transition.id(), post, sync.ingestingFrom());
        fireFeedChanged(List.of(transition.id().hex()));
      } else if (transition.payload() instanceof Payload.Profile) {
        List<String> theirs = new ArrayList<>();
        for (PostView post : ledger.posts()) {
          if (post.author().equals(transition.author())) {
            theirs.add(post.id().hex());
          }
        }
        if (!theirs.isEmpty()) {
          fireFeedChanged(theirs);
        }
      }
    }

    @Override
    public void onScoreChanged(Hash post, int score) {
      store.saveScores(Map.of(post, score));
      fireFeedChanged(List.of(post.hex()));
    }
  }

  private static StoredTransition stored(Transition transition) {
    return new StoredTransition(
        transition.id(),
        transition.author().bytes(),
        transition.sequence(),
        transition.kind().code(),
        transition.timestampMillis(),
        transition.parents(),
        transition.encoded());
  }

  /** On the loop: a picture and its thumbnail are here; the front ends may show them. */
  private void onPictureAvailable(Hash picture, List<Hash> thumbnails, List<Hash> posts) {
    storageBytes = blobs.storageBytes();
    for (PeerEvents listener : listeners) {
      listener.onPictureAvailable(picture.hex());
      for (Hash thumbnail : thumbnails) {
        listener.onPictureAvailable(thumbnail.hex());
      }
    }
    fireFeedChanged(posts.stream().map(Hash::hex).toList());
  }

  private long runtimeNow() {
    return System.nanoTime() / 1000;
  }

  private void joinAtStart(PeerOptions options) {
    if (options.contact() != null) {
      startJoin = runtime.join(options.contact(), options.expectedContact());
    }
    boolean isDiscoveryOn =
        options.isDiscoveryOn() != null
            ? options.isDiscoveryOn()
            : store.getSetting(SETTING_DISCOVERY).map(Boolean::parseBoolean).orElse(true);
    List<KnownPeer> known =
        options.contact() == null ? store.loadPeers(MAX_KNOWN_PEERS_SAVED) : List.of();
    if (!known.isEmpty()) {
      rejoinThroughKnown(known, 0);
    }
    if (isDiscoveryOn) {
      startDiscovery(options.contact() == null && known.isEmpty());
    }
  }

  /** The join through the contact the options named; completed with null if none was named. */
  public CompletableFuture<PeerId> startJoin() {
    return startJoin;
  }

  /** A restarted peer rejoins through the peers it last knew, most recent first. */
  private void rejoinThroughKnown(List<KnownPeer> known, int index) {
    if (index >= known.size() || isClosed) {
      return;
    }
    KnownPeer peer = known.get(index);
    InetSocketAddress address;
    PeerId expected;
    try {
      Invite invite = Invite.parse(peer.peerId() + "@" + peer.address());
      address = new InetSocketAddress(InetAddress.getByName(invite.host()), invite.port());
      expected = invite.peer();
    } catch (IllegalArgumentException | IOException e) {
      rejoinThroughKnown(known, index + 1);
      return;
    }
    runtime
        .join(address, expected)
        .whenComplete(
            (joined, failure) -> {
              if (failure != null) {
                rejoinThroughKnown(known, index + 1);
              }
            });
  }

  private synchronized void startDiscovery(boolean shouldJoin) {
    if (discovery != null || isClosed) {
      return;
    }
    try {
      discovery = Lan.startDiscovery(runtime, networkName, shouldJoin, log);
    } catch (IOException | RuntimeException e) {
      log.accept("discovery: off (" + e.getMessage() + ")");
      discovery = null;
    }
  }

  private synchronized void stopDiscovery() {
    if (discovery != null) {
      try {
        discovery.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      discovery = null;
    }
  }

  // ================================================================ snapshots

  private void refreshSnapshot() {
    if (isClosed) {
      return;
    }
    boolean isRefetchDue = ++snapshotCount % REFETCH_EVERY_SNAPSHOTS == 0;
    runtime
        .compute(
            context -> {
              if (isRefetchDue) {
                pictures.wantMissing(context.nowMicros());
              }
              Map<String, Long> extra = new LinkedHashMap<>();
              extra.put("ledger.transitions", (long) ledger.size());
              extra.put("ledger.waiting", (long) ledger.waitingCount());
              extra.put("ledger.rejectedSignatures", ledger.rejectedSignatureCount());
              extra.put("ledger.rejectedRules", ledger.rejectedRuleCount());
              extra.put("pictures.wanted", (long) transfer.wantedCount());
              extra.put("pictures.active", (long) transfer.activeCount());
              LedgerSync.Progress now = sync.progress();
              SyncProgress caught = new SyncProgress(now.have(), now.total(), now.isCaughtUp());
              NetworkView view =
                  networkViews.toView(
                      context.status(),
                      context.node().broadcastTree().treeLinkPeers(),
                      directory::displayName,
                      extra,
                      System.currentTimeMillis());
              List<KnownPeer> peers = new ArrayList<>();
              for (PeerId peer : context.status().partialView()) {
                InetSocketAddress address = context.addressOf(peer);
                if (address != null) {
                  peers.add(
                      new KnownPeer(
                          peer.toString(), Invite.hostPort(address), System.currentTimeMillis()));
                }
              }
              return new Snapshot(view, caught, peers);
            })
        .thenAccept(
            snapshot -> {
              network = snapshot.view();
              if (!snapshot.peers().isEmpty()) {
                store.savePeers(snapshot.peers());
              }
              SyncProgress before = progress;
              progress = snapshot.progress();
              for (PeerEvents listener : listeners) {
                listener.onNetworkChanged(snapshot.view());
                if (!before.equals(snapshot.progress())) {
                  listener.onProgress(snapshot.progress());
                }
              }
            });
  }

  private record Snapshot(NetworkView view, SyncProgress progress, List<KnownPeer> peers) {}

  private void fireFeedChanged(List<String> postIds) {
    for (PeerEvents listener : listeners) {
      listener.onFeedChanged(postIds);
    }
  }

  // ================================================================ PeerHandle

  @Override
  public Identity identity() {
    String name = directory.ownName(self);
    InetSocketAddress address = runtime.localAddress();
    return new Identity(
        runtime.peerId().toString(),
        self.hex(),
        name,
        Invite.advertised(runtime.peerId(), address),
        Invite.hostPort(address));
  }

  @Override
  public CompletableFuture<Void> checkPicture(byte[] picture) {
    return CompletableFuture.runAsync(() -> checked(picture), worker);
  }

  private CheckedPicture checked(byte[] picture) {
    try {
      return pictureCheck.check(picture);
    } catch (PictureRejectedException e) {
      throw new CompletionException(e);
    }
  }

  @Override
  public CompletableFuture<String> post(byte[] picture, String caption) {
    byte[] bytes = picture.clone();
    String text = caption == null ? "" : caption.strip();
    return CompletableFuture.supplyAsync(
            () -> {
              CheckedPicture checked = checked(bytes);
              return new Prepared(checked, Thumbnails.of(checked));
            },
            worker)
        .thenCompose(
            prepared ->
                author(
                    () -> {
                      // The payload first: a caption it refuses leaves no picture files.
                      Payload.Post payload =
                          new Payload.Post(
                              Hash.sha256(prepared.picture().bytes()),
                              prepared.picture().bytes().length,
                              prepared.picture().width(),
                              prepared.picture().height(),
                              prepared.picture().mediaType(),
                              text,
                              Hash.sha256(prepared.thumbnail().bytes()));
                      try {
                        blobs.put(prepared.picture().bytes());
                        blobs.put(prepared.thumbnail().bytes());
                        storageBytes = blobs.storageBytes();
                        return payload;
                      } catch (IOException e) {
                        throw new IllegalStateException(
                            "could not store the picture: " + e.getMessage(), e);
                      }
                    }))
        .thenApply(Hash::hex);
  }

  private record Prepared(CheckedPicture picture, Thumbnail thumbnail) {}

  /**
   * Authors a transition on the loop, stores it, and only once the store has it publishes it: a
   * crash before then forgets it everywhere, so the sequence number it used is never used twice for
   * different transitions (which every peer would take as equivocation).
   */
  private CompletableFuture<Hash> author(Supplier<Payload> payload) {
    return runtime
        .compute(
            context -> {
              Transition transition =
                  ledger.author(signer, payload.get(), System.currentTimeMillis());
              return transition;
            })
        .thenCompose(
            transition ->
                store
                    .appendTransitions(List.of(stored(transition)))
                    .thenCompose(
                        stored ->
                            runtime.execute(
                                context -> sync.publish(context.nowMicros(), transition)))
                    .thenApply(published -> transition.id()));
  }

  @Override
  public CompletableFuture<Void> setUpvote(String postId, boolean isUpvoted) {
    Hash post;
    try {
      post = Hash.fromHex(postId);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return runtime
        .compute(context -> ledger.hasUpvoted(self, post) != isUpvoted)
        .thenCompose(
            isChange -> {
              if (!isChange) {
                return CompletableFuture.completedFuture(null);
              }
              Payload vote = isUpvoted ? new Payload.Upvote(post) : new Payload.RetractUpvote(post);
              return author(() -> vote).thenApply(id -> null);
            });
  }

  @Override
  public CompletableFuture<Void> setDisplayName(String displayName) {
    String name = displayName == null ? "" : displayName.strip();
    Payload.Profile profile;
    try {
      profile = new Payload.Profile(name);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("A display name has 1 to 40 characters."));
    }
    return author(() -> profile).thenApply(id -> null);
  }

  @Override
  public CompletableFuture<List<FeedPost>> feed(FeedSort sort, int limit) {
    int bounded = Math.max(0, Math.min(limit, MAX_FEED_LIMIT));
    long nowMillis = System.currentTimeMillis();
    return runtime.compute(
        context -> {
          List<FeedPost> posts = new ArrayList<>();
          for (PostView post : ledger.posts()) {
            posts.add(feedPost(post));
          }
          posts.sort(FeedRanking.forFeed(sort, nowMillis));
          return List.copyOf(posts.subList(0, Math.min(bounded, posts.size())));
        });
  }

  @Override
  public CompletableFuture<Optional<FeedPost>> post(String postId) {
    Hash id;
    try {
      id = Hash.fromHex(postId);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return runtime.compute(
        context -> {
          for (PostView post : ledger.posts()) {
            if (post.id().equals(id)) {
              return Optional.of(feedPost(post));
            }
          }
          return Optional.empty();
        });
  }

  /** On the loop. */
  private FeedPost feedPost(PostView view) {
    Payload.Post post = view.post();
    Hash thumbnail = pictures.held(post.thumbnailHash());
    return new FeedPost(
        view.id().hex(),
        view.author().hex(),
        directory.nameOf(ledger, view.author()),
        post.caption(),
        view.score(),
        ledger.hasUpvoted(self, view.id()),
        post.pictureHash().hex(),
        post.thumbnailHash().hex(),
        post.width(),
        post.height(),
        post.mediaType(),
        post.byteSize(),
        view.timestampMillis(),
        blobs.isComplete(post.pictureHash()),
        blobs.isComplete(thumbnail));
  }

  @Override
  public CompletableFuture<Optional<byte[]>> picture(String hash) {
    Hash wanted;
    try {
      wanted = Hash.fromHex(hash);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return runtime
        .compute(
            context -> {
              Hash held = pictures.held(wanted);
              return blobs.isComplete(held)
                  ? Optional.of(blobs.pathOf(held))
                  : Optional.<Path>empty();
            })
        .thenApplyAsync(
            file -> {
              // Complete blobs are immutable files (written whole, then renamed into place), so
              // reading one off the loop is safe.
              if (file.isEmpty()) {
                return Optional.<byte[]>empty();
              }
              try {
                return Optional.of(Files.readAllBytes(file.get()));
              } catch (IOException e) {
                return Optional.<byte[]>empty();
              }
            },
            worker);
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
    return storageBytes;
  }

  @Override
  public CompletableFuture<Void> join(String invite) {
    Invite parsed;
    InetSocketAddress address;
    try {
      parsed = Invite.parse(invite == null ? "" : invite.strip());
      address = new InetSocketAddress(InetAddress.getByName(parsed.host()), parsed.port());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("That invite is not valid: " + e.getMessage()));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("Cannot find the host " + e.getMessage()));
    }
    runtime.join(address, parsed.peer());
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<PeerSettings> settings() {
    return CompletableFuture.supplyAsync(
        () ->
            new PeerSettings(
                store.getSetting(SETTING_PORT).map(Integer::parseInt).orElse(0),
                store.getSetting(SETTING_DISCOVERY).map(Boolean::parseBoolean).orElse(true)),
        worker);
  }

  @Override
  public CompletableFuture<Void> applySettings(PeerSettings settings) {
    return store
        .putSetting(SETTING_PORT, Integer.toString(settings.port()))
        .thenCompose(
            saved ->
                store.putSetting(SETTING_DISCOVERY, Boolean.toString(settings.isLanDiscoveryOn())))
        .thenRunAsync(
            () -> {
              if (settings.isLanDiscoveryOn()) {
                startDiscovery(false);
              } else {
                stopDiscovery();
              }
            },
            worker);
  }

  @Override
  public CompletableFuture<Void> backupKey(Path file) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            NodeIdentity.exportBackup(dataDirectory, file);
          } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new CompletionException(
                new IllegalArgumentException(
                    file.getFileName() + " exists already: choose a new name"));
          } catch (IOException e) {
            throw new CompletionException(
                new IllegalArgumentException("Could not write the backup: " + e.getMessage()));
          }
        },
        worker);
  }

  @Override
  public CompletableFuture<Identity> restoreKey(Path file) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            KeyPair pair = NodeIdentity.stageRestore(dataDirectory, file);
            Ed25519Authenticator restored = new Ed25519Authenticator(pair);
            Signer restoredSigner = Signer.ed25519(pair);
            return new Identity(
                restored.localPeer().toString(), restoredSigner.publicKey().hex(), "", "", "");
          } catch (IOException e) {
            throw new CompletionException(new IllegalArgumentException(e.getMessage()));
          }
        },
        worker);
  }

  @Override
  public AutoCloseable subscribe(PeerEvents listener) {
    listeners.add(Objects.requireNonNull(listener));
    return () -> listeners.remove(listener);
  }

  // ================================================================ for the node command

  /** The running node, for the admin API's network endpoints. */
  public UdpRuntime runtime() {
    return runtime;
  }

  /** {@code GET /ledger/summary}: counts, the set hash, tips, missing and excluded authors. */
  public CompletableFuture<LedgerSummary> ledgerSummary() {
    return runtime.compute(
        context -> {
          List<String> tips = ledger.tips().stream().map(Hash::hex).toList();
          List<String> missing = ledger.missing().stream().map(Hash::hex).toList();
          List<String> excluded =
              ledger.excludedAuthors().keySet().stream().map(AuthorKey::hex).toList();
          return new LedgerSummary(ledger.size(), ledger.setHash().hex(), tips, missing, excluded);
        });
  }

  /** The ledger as {@code GET /ledger/summary} shows it. */
  public record LedgerSummary(
      long transitions,
      String setHash,
      List<String> tips,
      List<String> missing,
      List<String> excludedAuthors) {}

  public Path dataDirectory() {
    return dataDirectory;
  }

  // ================================================================ closing

  /** Leaves the overlay, lets the link hand over what it holds, flushes the store. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (isClosed) {
        return;
      }
      isClosed = true;
    }
    ticker.shutdownNow();
    stopDiscovery();
    try {
      runtime.leaveAndClose(LEAVE_LINGER);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      worker.shutdown();
      thumbnailer.shutdownNow();
      try {
        worker.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      store.close();
    }
  }

  /** Closes without leaving (to peers, a crash): for a start that failed. The store is flushed. */
  public void closeAbruptly() {
    synchronized (this) {
      if (isClosed) {
        return;
      }
      isClosed = true;
    }
    ticker.shutdownNow();
    stopDiscovery();
    try {
      runtime.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      worker.shutdownNow();
      thumbnailer.shutdownNow();
      store.close();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
