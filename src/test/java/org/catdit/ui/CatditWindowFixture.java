package org.catdit.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.catdit.feed.FeedPost;
import org.catdit.feed.PeerHandle;
import org.catdit.ui.common.UiThreads;
import org.catdit.ui.shell.MainWindow;
import org.catdit.ui.shell.PeerFactory;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The catdit window around any {@link PeerHandle}, with the steps a user takes, for TestFX tests:
 * the UI's own tests run it on {@code InMemoryPeerHandle}; tests with real embedded nodes can run
 * two of these side by side. Background work runs on the calling thread (a same-thread executor),
 * events through the real bridge.
 */
public final class CatditWindowFixture {
  public static final long WAIT_SECONDS = 10;

  private final FxRobot robot;
  private final MainWindow window;
  private final ScheduledExecutorService timer;

  private final Stage stage;

  private CatditWindowFixture(
      FxRobot robot, MainWindow window, ScheduledExecutorService timer, Stage stage) {
    this.stage = stage;
    this.robot = robot;
    this.window = window;
    this.timer = timer;
  }

  /** Opens the window on {@code stage} and attaches {@code peer} at once. FX thread (@Start). */
  public static CatditWindowFixture open(Stage stage, PeerHandle peer) {
    CatditWindowFixture fixture = openEmpty(stage);
    fixture.window.attach(peer);
    return fixture;
  }

  /** Opens the window and connects through {@code factory} in the background. FX thread. */
  public static CatditWindowFixture openConnecting(Stage stage, PeerFactory factory) {
    CatditWindowFixture fixture = openEmpty(stage);
    fixture.window.connect(factory);
    return fixture;
  }

  private static CatditWindowFixture openEmpty(Stage stage) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "test-ui-pulse");
              thread.setDaemon(true);
              return thread;
            });
    UiThreads threads = new UiThreads(Platform::runLater, Runnable::run, timer);
    MainWindow window = new MainWindow(stage, threads, false, isDark -> {});
    stage.show();
    return new CatditWindowFixture(new FxRobot(), window, timer, stage);
  }

  public MainWindow window() {
    return window;
  }

  public FxRobot robot() {
    return robot;
  }

  /** Stops the pulse timer; the peer is the caller's to close. */
  public void close() {
    timer.shutdownNow();
  }

  /** Waits until {@code condition}, evaluated on the FX thread, holds. */
  public void waitUntil(String what, Callable<Boolean> condition) {
    waitUntil(what, WAIT_SECONDS, condition);
  }

  /**
   * Waits up to {@code seconds} (what crosses a real network on a busy machine may need more than
   * {@link #WAIT_SECONDS}).
   */
  public void waitUntil(String what, long seconds, Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(
          seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting until " + what, e);
    }
  }

  public <T> T onFx(Callable<T> query) {
    try {
      return WaitForAsyncUtils.asyncFx(query).get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The posts the feed shows, in grid order. */
  public List<FeedPost> feedPosts() {
    return onFx(() -> List.copyOf(window.feed().orElseThrow().posts()));
  }

  public Optional<FeedPost> feedPost(String caption) {
    return feedPosts().stream().filter(post -> post.caption().equals(caption)).findFirst();
  }

  /**
   * Offers {@code file} to the compose flow exactly as a drop or the file chooser does (the system
   * dialogs and OS drag and drop cannot be driven headless), and waits for the compose window.
   */
  public void offerFile(Path file) {
    robot.interact(() -> window.compose().orElseThrow().openFiles(List.of(file.toFile())));
    waitUntil("the compose window", () -> robot.lookup("#compose-post").tryQuery().isPresent());
  }

  /** Posts {@code file} with {@code caption} through the compose window and waits for its card. */
  public void post(Path file, String caption) {
    offerFile(file);
    waitUntil("the picture check", () -> !robot.lookup("#compose-post").query().isDisabled());
    robot.clickOn("#compose-caption").write(caption);
    robot.clickOn("#compose-post");
    waitUntil("the card of " + caption, () -> card(caption).isPresent());
  }

  /** The card showing {@code caption}, if it is on screen. */
  public Optional<Node> card(String caption) {
    // Only this window's cards: a test may have two windows showing the same post.
    return robot.from(stage.getScene().getRoot()).lookup(".post-card").queryAll().stream()
        .filter(card -> card.isVisible() && card.getParent() != null)
        .filter(
            card ->
                card.lookupAll(".caption").stream()
                    .anyMatch(label -> caption.equals(((Label) label).getText())))
        .findFirst();
  }

  public void clickUpvote(String caption) {
    toFront();
    Node button = card(caption).orElseThrow().lookup(".upvote");
    robot.clickOn(button);
  }

  /** The score the card of {@code caption} shows. */
  public String shownScore(String caption) {
    return onFx(() -> ((Label) card(caption).orElseThrow().lookup(".score")).getText());
  }

  public boolean isUpvoteShownSelected(String caption) {
    return onFx(() -> ((ToggleButton) card(caption).orElseThrow().lookup(".upvote")).isSelected());
  }

  /** Raises this window above the others, so the robot's clicks land in it. */
  public void toFront() {
    robot.interact(stage::toFront);
  }

  /** Nodes matching {@code query} in this window only. */
  public org.testfx.service.query.NodeQuery lookupHere(String query) {
    return robot.from(stage.getScene().getRoot()).lookup(query);
  }

  public void showScreen(int index) {
    robot.interact(() -> window.showScreen(index));
  }

  static Path resource(String name) {
    try {
      return Path.of(CatditWindowFixture.class.getResource(name).toURI());
    } catch (Exception e) {
      throw new AssertionError("missing test resource " + name, e);
    }
  }

  static void assertExists(File file) {
    assertTrue(file.exists(), file + " exists");
  }
}
