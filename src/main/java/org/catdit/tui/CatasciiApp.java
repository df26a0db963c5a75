package org.catdit.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.catdit.feed.ColorMode;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.feed.NetworkView;
import org.catdit.feed.PeerHandle;
import org.catdit.feed.PictureCheck;
import org.catdit.feed.PictureFile;
import org.catdit.feed.PictureRejectedException;
import org.catdit.feed.SyncProgress;

/**
 * catascii on one terminal, driven by one thread (the UI thread: whichever calls {@link #tick},
 * {@link #run} or {@link #runUntil}). All state below is touched only there; the peer's events and
 * the completions of its futures reach it through the {@link EventInbox}.
 */
public final class CatasciiApp implements AutoCloseable {
  /** Posts fetched per feed load. */
  static final int FEED_LIMIT = 200;

  static final int MAX_KEYS_PER_TICK = 64;
  static final int MAX_PATH_CHARS = 4096;
  static final int MAX_CAPTION_CHARS = 280;
  static final int MAX_NAME_CHARS = 40;
  static final int MIN_COLUMNS = 40;
  static final int MIN_ROWS = 10;
  private static final long IDLE_WAIT_MILLIS = 20;
  private static final long NETWORK_POLL_MILLIS = 1000;
  private static final int PAGE_POSTS = 5;

  private final PeerHandle peer;
  private final Screen screen;
  private final LongSupplier clockMillis;
  private final Palette palette;
  private final EventInbox inbox = new EventInbox();
  private final ExecutorService worker;
  private final PictureCache pictures;
  private final FeedPainter feedPainter;
  private final NetworkPainter networkPainter;
  private final HelpPainter helpPainter = new HelpPainter();
  private final ChromePainter chrome;
  private final PictureCheck check = new PictureCheck();
  private final AutoCloseable subscription;

  private List<FeedPost> posts = List.of();
  private String selectedId;
  private int selectedIndex;
  private int topIndex;
  private FeedSort sort = FeedSort.HOT;
  private Mode mode = Mode.FEED;
  private String status = "Press ? for help.";
  private boolean isStatusError;
  private final StringBuilder input = new StringBuilder();
  private byte[] pendingPicture;
  private String pendingName;
  private NetworkView network;
  private SyncProgress progress = new SyncProgress(0, 0, true);
  private long lastNetworkPollMillis = Long.MIN_VALUE;
  private boolean isFeedLoading;
  private boolean isReloadWanted;
  private boolean isDirty = true;
  private boolean isQuit;
  private boolean isClosed;

  CatasciiApp(PeerHandle peer, Terminal terminal, ColorMode colorMode, LongSupplier clockMillis)
      throws IOException {
    this.peer = peer;
    this.clockMillis = clockMillis;
    this.palette = new Palette(colorMode);
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(PictureCache.MAX_LOADS_IN_FLIGHT + 4),
            runnable -> {
              Thread thread = new Thread(runnable, "catascii-worker");
              thread.setDaemon(true);
              return thread;
            });
    this.pictures = new PictureCache(peer, inbox, worker);
    this.pictures.onChange(() -> isDirty = true);
    this.feedPainter = new FeedPainter(palette, pictures);
    this.networkPainter = new NetworkPainter(palette);
    this.chrome = new ChromePainter(palette);
    this.network = NetworkView.empty(peer.identity().peerId());
    this.screen = new TerminalScreen(terminal);
    screen.startScreen();
    screen.setCursorPosition(null);
    this.subscription = peer.subscribe(inbox);
    requestFeed();
  }

  /**
   * One turn of the UI: runs finished work, folds in the peer's events, handles the keys typed so
   * far, follows a resize, and redraws if anything changed. Returns false once the user quit.
   */
  public boolean tick() throws IOException {
    for (Runnable task = inbox.nextTask(); task != null; task = inbox.nextTask()) {
      task.run();
    }
    takeEvents();
    for (int i = 0; i < MAX_KEYS_PER_TICK && !isQuit; i++) {
      KeyStroke key = screen.pollInput();
      if (key == null) {
        break;
      }
      onKey(key);
      isDirty = true;
    }
    if (screen.doResizeIfNecessary() != null) {
      isDirty = true;
    }
    if (isDirty && !isQuit) {
      isDirty = false;
      draw();
    }
    return !isQuit;
  }

  /** Runs until the user quits. */
  public void run() throws IOException {
    runUntil(() -> false, null);
  }

  /**
   * Runs until {@code condition} holds (checked on this thread after each turn), the user quits or
   * {@code timeout} (null: none) passes; returns whether the condition held.
   */
  public boolean runUntil(BooleanSupplier condition, Duration timeout) throws IOException {
    long deadlineNanos = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
    while (tick()) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (timeout != null && System.nanoTime() - deadlineNanos >= 0) {
        return false;
      }
      try {
        Runnable task = inbox.awaitTask(IDLE_WAIT_MILLIS);
        if (task != null) {
          task.run();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  public boolean isQuit() {
    return isQuit;
  }

  /** What the screen shows (its back buffer), one line per row, trailing blanks kept. */
  public String screenText() {
    TerminalSize size = screen.getTerminalSize();
    StringBuilder text = new StringBuilder();
    for (int row = 0; row < size.getRows(); row++) {
      for (int column = 0; column < size.getColumns(); column++) {
        TextCharacter character = screen.getBackCharacter(column, row);
        text.append(character == null ? " " : character.getCharacterString());
      }
      text.append('\n');
    }
    return text.toString();
  }

  /** The status line's text and whether it reports an error. */
  public String status() {
    return status;
  }

  public boolean isStatusError() {
    return isStatusError;
  }

  /** The posts as the feed shows them now, best first. */
  public List<FeedPost> posts() {
    return posts;
  }

  /** The selected post's id, if any. */
  public Optional<String> selectedPostId() {
    return Optional.ofNullable(selectedId);
  }

  public FeedSort sort() {
    return sort;
  }

  /** Stops the screen (restoring the terminal) and unsubscribes; the peer stays open. */
  @Override
  public void close() throws IOException {
    if (isClosed) {
      return;
    }
    isClosed = true;
    try {
      subscription.close();
    } catch (Exception e) {
      // The peer is going away anyway; nothing more to unsubscribe from.
    }
    worker.shutdownNow();
    screen.stopScreen();
  }

  // ---- events and requests ----

  private void takeEvents() {
    if (inbox.takeFeedChanged()) {
      requestFeed();
    }
    if (inbox.takePictureArrived()) {
      pictures.onPictureArrived();
      isDirty = true;
    }
    NetworkView view = inbox.takeNetwork();
    if (view != null) {
      network = view;
      isDirty |= mode == Mode.NETWORK;
    }
    SyncProgress latest = inbox.takeProgress();
    if (latest != null) {
      progress = latest;
      isDirty = true;
    }
    long now = clockMillis.getAsLong();
    if (mode == Mode.NETWORK && now - lastNetworkPollMillis >= NETWORK_POLL_MILLIS) {
      lastNetworkPollMillis = now;
      network = peer.network();
      progress = peer.progress();
      isDirty = true;
    }
  }

  private void requestFeed() {
    if (isFeedLoading) {
      isReloadWanted = true;
      return;
    }
    isFeedLoading = true;
    FeedSort requested = sort;
    peer.feed(requested, FEED_LIMIT)
        .whenComplete(
            (feed, error) ->
                inbox.post(
                    () -> {
                      isFeedLoading = false;
                      if (error != null) {
                        showError("Cannot load the feed: " + PictureCache.rootMessage(error));
                      } else if (requested == sort) {
                        setPosts(feed);
                      }
                      if (isReloadWanted || requested != sort) {
                        isReloadWanted = false;
                        requestFeed();
                      }
                    }));
  }

  private void setPosts(List<FeedPost> feed) {
    posts = List.copyOf(feed);
    int found = -1;
    for (int i = 0; selectedId != null && i < posts.size(); i++) {
      if (posts.get(i).id().equals(selectedId)) {
        found = i;
        break;
      }
    }
    select(found >= 0 ? found : selectedIndex);
  }

  private void select(int index) {
    if (posts.isEmpty()) {
      selectedIndex = 0;
      selectedId = null;
      topIndex = 0;
    } else {
      selectedIndex = Math.max(0, Math.min(posts.size() - 1, index));
      selectedId = posts.get(selectedIndex).id();
    }
    isDirty = true;
  }

  private <T> void whenDone(
      CompletableFuture<T> future, java.util.function.BiConsumer<T, Throwable> then) {
    future.whenComplete((value, error) -> inbox.post(() -> then.accept(value, error)));
  }

  // ---- keys ----

  private void onKey(KeyStroke key) {
    if (key.getKeyType() == KeyType.EOF) {
      isQuit = true;
      return;
    }
    switch (mode) {
      case PROMPT_PATH, PROMPT_CAPTION, PROMPT_NAME -> onPromptKey(key);
      case HELP -> {
        if (isCharacter(key, 'q')) {
          isQuit = true;
        }
        mode = Mode.FEED;
      }
      case NETWORK -> {
        if (isCharacter(key, 'q')) {
          isQuit = true;
        } else if (isCharacter(key, 'n') || key.getKeyType() == KeyType.Escape) {
          mode = Mode.FEED;
        } else if (isCharacter(key, '?')) {
          mode = Mode.HELP;
        }
      }
      case FEED -> onFeedKey(key);
    }
  }

  private void onFeedKey(KeyStroke key) {
    switch (key.getKeyType()) {
      case ArrowUp -> select(selectedIndex - 1);
      case ArrowDown -> select(selectedIndex + 1);
      case PageUp -> select(selectedIndex - PAGE_POSTS);
      case PageDown -> select(selectedIndex + PAGE_POSTS);
      case Home -> select(0);
      case End -> select(posts.size() - 1);
      case Character -> onFeedCharacter(key.getCharacter());
      default -> {}
    }
  }

  private void onFeedCharacter(char character) {
    switch (character) {
      case 'k' -> select(selectedIndex - 1);
      case 'j' -> select(selectedIndex + 1);
      case 'g' -> select(0);
      case 'G' -> select(posts.size() - 1);
      case 'q' -> isQuit = true;
      case '?' -> mode = Mode.HELP;
      case 'n' -> {
        mode = Mode.NETWORK;
        lastNetworkPollMillis = Long.MIN_VALUE;
        takeEvents();
      }
      case 's' -> {
        sort = FeedSort.values()[(sort.ordinal() + 1) % FeedSort.values().length];
        showStatus("Sorted by " + sort + ".");
        requestFeed();
      }
      case 'u' -> toggleUpvote();
      case 'p' -> {
        mode = Mode.PROMPT_PATH;
        input.setLength(0);
      }
      case 'i' -> {
        mode = Mode.PROMPT_NAME;
        input.setLength(0);
        input.append(peer.identity().displayName());
        showStatus("Your name, 1 to " + MAX_NAME_CHARS + " characters, as others will see it.");
      }
      default -> {}
    }
  }

  private void toggleUpvote() {
    if (selectedId == null) {
      showError("There is no post to upvote yet.");
      return;
    }
    FeedPost post = posts.get(selectedIndex);
    boolean isUpvoting = !post.isUpvotedByMe();
    showStatus(isUpvoting ? "Upvoting…" : "Taking the upvote back…");
    whenDone(
        peer.setUpvote(post.id(), isUpvoting),
        (ignored, error) -> {
          if (error != null) {
            showError("Could not vote: " + PictureCache.rootMessage(error));
          } else {
            showStatus(isUpvoting ? "Upvoted." : "Upvote taken back.");
            requestFeed();
          }
        });
  }

  private void onPromptKey(KeyStroke key) {
    switch (key.getKeyType()) {
      case Escape -> {
        showStatus(mode == Mode.PROMPT_NAME ? "Name unchanged." : "Posting cancelled.");
        mode = Mode.FEED;
        pendingPicture = null;
      }
      case Backspace -> {
        if (input.length() > 0) {
          input.setLength(input.offsetByCodePoints(input.length(), -1));
        }
      }
      case Enter -> onPromptEntered(input.toString().strip());
      case Character -> {
        char character = key.getCharacter();
        int max =
            switch (mode) {
              case PROMPT_PATH -> MAX_PATH_CHARS;
              case PROMPT_NAME -> MAX_NAME_CHARS;
              default -> MAX_CAPTION_CHARS;
            };
        if (!Character.isISOControl(character) && input.length() < max) {
          input.append(character);
        }
      }
      default -> {}
    }
  }

  private void onPromptEntered(String text) {
    if (mode == Mode.PROMPT_NAME) {
      mode = Mode.FEED;
      if (text.isEmpty() || text.equals(peer.identity().displayName())) {
        showStatus("Name unchanged.");
        return;
      }
      showStatus("Publishing your name…");
      whenDone(
          peer.setDisplayName(text),
          (ignored, error) -> {
            if (error != null) {
              showError("Could not change the name: " + PictureCache.rootMessage(error));
            } else {
              showStatus("You are " + SafeText.clean(text) + " now.");
              requestFeed();
            }
          });
      return;
    }
    if (mode == Mode.PROMPT_PATH) {
      mode = Mode.FEED;
      if (text.isEmpty()) {
        showStatus("Posting cancelled.");
        return;
      }
      Path path = expandHome(text);
      showStatus("Reading " + path.getFileName() + "…");
      whenDone(
          CompletableFuture.supplyAsync(() -> readAndCheck(path), worker),
          (result, error) -> {
            if (mode != Mode.FEED) {
              return; // the user has moved on to another prompt or view; this one is dropped
            }
            if (error != null) {
              showError(PictureCache.rootMessage(error));
            } else if (result instanceof ReadResult.Refused refused) {
              showError(refused.message());
            } else if (result instanceof ReadResult.Read read) {
              pendingPicture = read.bytes();
              pendingName = String.valueOf(path.getFileName());
              mode = Mode.PROMPT_CAPTION;
              input.setLength(0);
              showStatus(pendingName + " is a picture we can post. Now a caption.");
            }
          });
      return;
    }
    byte[] picture = pendingPicture;
    pendingPicture = null;
    mode = Mode.FEED;
    showStatus("Posting " + pendingName + "…");
    whenDone(
        peer.post(picture, text),
        (postId, error) -> {
          if (error != null) {
            showError(PictureCache.rootMessage(error));
          } else {
            selectedId = postId;
            showStatus("Posted " + pendingName + ".");
            requestFeed();
          }
        });
  }

  private ReadResult readAndCheck(Path path) {
    try {
      byte[] bytes = PictureFile.read(path, check);
      check.check(bytes);
      return new ReadResult.Read(bytes);
    } catch (PictureRejectedException e) {
      return new ReadResult.Refused(e.getMessage());
    }
  }

  private sealed interface ReadResult {
    record Read(byte[] bytes) implements ReadResult {}

    record Refused(String message) implements ReadResult {}
  }

  static Path expandHome(String text) {
    if (text.equals("~") || text.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + text.substring(1));
    }
    return Path.of(text);
  }

  private static boolean isCharacter(KeyStroke key, char character) {
    return key.getKeyType() == KeyType.Character && key.getCharacter() == character;
  }

  private void showStatus(String message) {
    status = message;
    isStatusError = false;
    isDirty = true;
  }

  private void showError(String message) {
    status = message;
    isStatusError = true;
    isDirty = true;
  }

  // ---- drawing ----

  private void draw() throws IOException {
    TerminalSize size = screen.getTerminalSize();
    TextGraphics graphics = screen.newTextGraphics();
    // Blanks the back buffer cell by cell. Screen.clear() would also ask for a full redraw: the
    // terminal erased and repainted on every frame, which flickers on a real terminal.
    graphics.fill(' ');
    if (size.getColumns() < MIN_COLUMNS || size.getRows() < MIN_ROWS) {
      graphics.putString(0, 0, "catascii needs at least " + MIN_COLUMNS + "x" + MIN_ROWS);
      graphics.putString(0, 1, "q quits");
      screen.setCursorPosition(null);
      screen.refresh();
      return;
    }
    chrome.paintHeader(
        graphics,
        peer.identity().displayName(),
        sort,
        posts.isEmpty() ? 0 : selectedIndex + 1,
        posts.size(),
        network.networkSizeEstimate(),
        progress);
    TerminalSize areaSize = new TerminalSize(size.getColumns(), size.getRows() - 3);
    TextGraphics area = graphics.newTextGraphics(new TerminalPosition(0, 1), areaSize);
    switch (mode) {
      case NETWORK ->
          networkPainter.paint(
              area, network, progress, inbox.messagesArrived(), inbox.duplicatesArrived());
      case HELP -> helpPainter.paint(area);
      default -> {
        topIndex =
            posts.isEmpty()
                ? 0
                : FeedPainter.scrollTo(
                    posts, topIndex, selectedIndex, areaSize.getColumns(), areaSize.getRows());
        feedPainter.paint(area, posts, topIndex, selectedIndex, clockMillis.getAsLong());
      }
    }
    boolean isPrompting = mode.isPrompt();
    screen.setCursorPosition(
        chrome.paintFooter(
            graphics, mode, status, isStatusError, isPrompting ? input.toString() : ""));
    screen.refresh();
  }
}
