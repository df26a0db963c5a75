package org.catdit.ui.shell;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.catdit.feed.DataDirectoryInUseException;
import org.catdit.feed.FeedSort;
import org.catdit.feed.PeerHandle;
import org.catdit.ui.common.EventBatch;
import org.catdit.ui.common.EventBridge;
import org.catdit.ui.common.ImageCache;
import org.catdit.ui.common.Session;
import org.catdit.ui.common.UiThreads;
import org.catdit.ui.compose.ComposeController;
import org.catdit.ui.feed.FeedController;
import org.catdit.ui.identity.IdentityController;
import org.catdit.ui.identity.WelcomeController;
import org.catdit.ui.network.NetworkController;
import org.catdit.ui.settings.SettingsController;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The main window: a header with the screens and the Post button, the current screen, and a status
 * bar. It is on screen before the peer exists; {@link #connect} opens the peer in the background
 * and the screens appear when it is ready (or a clear message if it cannot start).
 */
public final class MainWindow {
  /** Pulse of the event bridge: node events reach the screens at most ten times a second. */
  public static final long PULSE_MILLIS = 100;

  /**
   * Thumbnails kept decoded, at most 220×180 ARGB (158 KB) each: under 50 MB whatever the size of
   * the feed, and several screens' worth of cards, so scrolling back finds them.
   */
  public static final int MAX_CACHED_THUMBNAILS = 300;

  private static final double WIDTH = 1120;
  private static final double HEIGHT = 760;

  private final Stage stage;
  private final UiThreads threads;
  private final BooleanProperty isDarkTheme = new SimpleBooleanProperty();
  private final StatusBar status = new StatusBar();
  private final StackPane content = new StackPane();
  private final StackPane layers = new StackPane(content);
  private final ToggleGroup screens = new ToggleGroup();
  private final ToggleButton feedTab =
      tab("Feed", new FontIcon(Material2MZ.PHOTO_LIBRARY), "Alt+1");
  private final ToggleButton networkTab =
      tab("Network", new FontIcon(Material2AL.DEVICE_HUB), "Alt+2");
  private final ToggleButton identityTab = tab("You", new FontIcon(Material2MZ.PERSON), "Alt+3");
  private final ToggleButton settingsTab =
      tab("Settings", new FontIcon(Material2MZ.SETTINGS), "Alt+4");
  private final Button postButton =
      new Button("Post", new FontIcon(Material2AL.ADD_PHOTO_ALTERNATE));
  private final Label dropHint = new Label("Drop the picture to post it");
  private final Scene scene;

  private Session session;
  private AutoCloseable subscription;
  private FeedController feed;
  private NetworkController network;
  private IdentityController identity;
  private SettingsController settings;
  private ComposeController compose;
  private Node welcome;
  private CompletableFuture<PeerHandle> opening;

  /**
   * @param isDark the theme to start with
   * @param onThemeChanged told of the user's theme choice, to remember it
   */
  public MainWindow(
      Stage stage, UiThreads threads, boolean isDark, Consumer<Boolean> onThemeChanged) {
    this.stage = stage;
    this.threads = threads;
    isDarkTheme.set(isDark);
    Theme.apply(isDark);
    isDarkTheme.addListener(
        (observable, old, now) -> {
          Theme.apply(now);
          onThemeChanged.accept(now);
        });

    FontIcon paw = new FontIcon(Material2MZ.PETS);
    paw.getStyleClass().add("brand-icon");
    Label brand = new Label("catdit", paw);
    brand.getStyleClass().addAll(Styles.TITLE_3, "brand");
    HBox tabs = new HBox(4, feedTab, networkTab, identityTab, settingsTab);
    postButton.setId("post-button");
    postButton.getStyleClass().add(Styles.ACCENT);
    postButton.setTooltip(
        new Tooltip("Post a cat picture (Ctrl+N). You can also drop or paste one."));
    postButton.setOnAction(event -> compose().ifPresent(ComposeController::chooseFile));
    Button themeButton = new Button();
    themeButton.setId("theme-button");
    themeButton.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    themeButton.setTooltip(new Tooltip("Light or dark (Ctrl+L)"));
    themeButton
        .graphicProperty()
        .bind(
            javafx.beans.binding.Bindings.createObjectBinding(
                () ->
                    new FontIcon(
                        isDarkTheme.get() ? Material2MZ.WB_SUNNY : Material2MZ.NIGHTS_STAY),
                isDarkTheme));
    themeButton.setOnAction(event -> isDarkTheme.set(!isDarkTheme.get()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox header = new HBox(16, brand, tabs, spacer, postButton, themeButton);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(8, 16, 8, 16));
    header.getStyleClass().add("app-header");

    dropHint.setId("drop-hint");
    dropHint.getStyleClass().addAll("drop-hint", Styles.TITLE_3);
    dropHint.setGraphic(new FontIcon(Material2AL.ADD_PHOTO_ALTERNATE));
    dropHint.setVisible(false);
    dropHint.setMouseTransparent(true);
    dropHint.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
    layers.getChildren().add(dropHint);

    BorderPane root = new BorderPane(layers);
    root.setTop(header);
    root.setBottom(status.root());
    root.getStyleClass().add("catdit");
    scene = new Scene(root, WIDTH, HEIGHT);
    scene.getStylesheets().add(Theme.STYLESHEET);
    installDragAndDrop();
    installShortcuts();
    installTabs();
    setConnected(false);
    showCentre(
        waiting(
            "Starting your peer…",
            "The window is yours already; the network joins in the background."));
    stage.setTitle("catdit");
    stage.setScene(scene);
    stage.setMinWidth(720);
    stage.setMinHeight(480);
  }

  public Stage stage() {
    return stage;
  }

  public Scene scene() {
    return scene;
  }

  /** Opens the peer off the FX thread and attaches it, or shows why it could not start. */
  public void connect(PeerFactory factory) {
    status.showStarting("Starting the peer…");
    opening =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return factory.open();
              } catch (RuntimeException e) {
                throw e;
              } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            },
            runnable -> {
              Thread thread = new Thread(runnable, "catdit-peer-start");
              thread.setDaemon(true);
              thread.start();
            });
    opening.whenCompleteAsync(
        (peer, failure) -> {
          if (failure != null) {
            showStartFailure(failure);
          } else {
            attach(peer);
          }
        },
        threads.fx());
  }

  /** Shows the screens for a running peer. FX thread. */
  public void attach(PeerHandle peer) {
    if (opening == null) {
      opening = CompletableFuture.completedFuture(peer);
    }
    EventBridge bridge = new EventBridge(threads.fx(), threads.timer(), PULSE_MILLIS);
    ImageCache images = new ImageCache(peer, threads, MAX_CACHED_THUMBNAILS, 220, 180);
    session = new Session(peer, threads, bridge, images);
    Consumer<String> say = status::say;
    feed = new FeedController(session, say);
    network = new NetworkController(session);
    identity = new IdentityController(session, this::onIdentityChanged);
    settings = new SettingsController(session, isDarkTheme);
    compose = new ComposeController(session, stage, feed::showOwnPost, say);
    bridge.listen(this::onBatch);
    subscription = peer.subscribe(bridge);

    feedTab.setUserData(feed.view());
    networkTab.setUserData(network.view());
    identityTab.setUserData(identity.view());
    settingsTab.setUserData(settings.view());
    setConnected(true);
    feedTab.setSelected(true);
    showCentre(feed.view());
    onIdentityChanged();
    CompletableFuture.supplyAsync(() -> peer.progress(), threads.background())
        .thenAcceptAsync(status::showProgress, threads.fx());
    CompletableFuture.supplyAsync(() -> peer.network(), threads.background())
        .thenAcceptAsync(status::showNetwork, threads.fx());
    if (WelcomeController.isNeeded(peer.identity())) {
      welcome = new WelcomeController(session, this::dismissWelcome).view();
      layers.getChildren().add(1, welcome);
    }
  }

  /** Shows why the peer could not start, in words, with a way out. FX thread. */
  public void showStartFailure(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String title =
        cause instanceof DataDirectoryInUseException
            ? "catdit is already running"
            : "catdit could not start its peer";
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    FontIcon icon = new FontIcon(Material2AL.ERROR_OUTLINE);
    icon.getStyleClass().add("failure-icon");
    Label heading = new Label(title);
    heading.setId("start-failure-title");
    heading.getStyleClass().add(Styles.TITLE_2);
    Label text = new Label(detail);
    text.setId("start-failure-detail");
    text.setWrapText(true);
    text.setMaxWidth(520);
    Button quit = new Button("Quit");
    quit.setOnAction(event -> stage.close());
    VBox box = new VBox(12, icon, heading, text, quit);
    box.setAlignment(Pos.CENTER);
    box.setId("start-failure");
    status.showStarting("Not running");
    showCentre(box);
  }

  public Optional<Session> session() {
    return Optional.ofNullable(session);
  }

  public Optional<FeedController> feed() {
    return Optional.ofNullable(feed);
  }

  public Optional<NetworkController> network() {
    return Optional.ofNullable(network);
  }

  public Optional<ComposeController> compose() {
    return Optional.ofNullable(compose);
  }

  /** Switches to a screen: 0 feed, 1 network, 2 identity, 3 settings. */
  public void showScreen(int index) {
    ToggleButton[] tabs = {feedTab, networkTab, identityTab, settingsTab};
    if (session != null) {
      tabs[index].setSelected(true);
    }
  }

  /**
   * Stops listening to the peer and closes it (SCAMP unsubscription, store flush), waiting at most
   * {@code timeoutMillis}; also closes a peer that was still starting. Off the FX thread.
   */
  public void shutdown(long timeoutMillis) {
    if (session != null) {
      session.bridge().close();
    }
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception ignored) {
        // The peer is closing anyway.
      }
    }
    if (opening != null) {
      try {
        opening.thenAccept(PeerHandle::close).get(timeoutMillis, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        System.err.println("catdit: the peer did not close cleanly: " + e.getMessage());
      }
    }
  }

  private void onBatch(EventBatch batch) {
    batch.progress().ifPresent(status::showProgress);
    batch.network().ifPresent(status::showNetwork);
  }

  private void onIdentityChanged() {
    String name = session.peer().identity().displayName();
    stage.setTitle(name.isEmpty() ? "catdit" : "catdit — " + name);
    identity.refresh();
  }

  private void dismissWelcome() {
    layers.getChildren().remove(welcome);
    welcome = null;
    onIdentityChanged();
  }

  private void setConnected(boolean isConnected) {
    for (ToggleButton tab : new ToggleButton[] {feedTab, networkTab, identityTab, settingsTab}) {
      tab.setDisable(!isConnected);
    }
    postButton.setDisable(!isConnected);
  }

  private void installTabs() {
    for (ToggleButton tab : new ToggleButton[] {feedTab, networkTab, identityTab, settingsTab}) {
      tab.setToggleGroup(screens);
    }
    screens
        .selectedToggleProperty()
        .addListener(
            (observable, old, now) -> {
              if (now == null) {
                old.setSelected(true); // one screen is always shown
              } else if (now.getUserData() instanceof Node node) {
                showCentre(node);
              }
            });
  }

  private void showCentre(Node node) {
    content.getChildren().setAll(node);
  }

  private static ToggleButton tab(String text, FontIcon icon, String shortcut) {
    ToggleButton tab = new ToggleButton(text, icon);
    tab.setId("tab-" + text.toLowerCase(java.util.Locale.ROOT));
    tab.getStyleClass().addAll(Styles.FLAT, "nav-tab");
    tab.setTooltip(new Tooltip(text + " (" + shortcut + ")"));
    return tab;
  }

  private static Node waiting(String title, String detail) {
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setMaxSize(48, 48);
    Label heading = new Label(title);
    heading.getStyleClass().add(Styles.TITLE_3);
    Label text = new Label(detail);
    text.getStyleClass().add(Styles.TEXT_MUTED);
    VBox box = new VBox(12, spinner, heading, text);
    box.setId("starting");
    box.setAlignment(Pos.CENTER);
    return box;
  }

  private void installDragAndDrop() {
    scene.setOnDragOver(
        event -> {
          if (compose != null
              && event.getGestureSource() == null
              && ComposeController.canAccept(event.getDragboard())) {
            event.acceptTransferModes(TransferMode.COPY);
            dropHint.setVisible(true);
          }
          event.consume();
        });
    scene.setOnDragExited(event -> dropHint.setVisible(false));
    scene.setOnDragDropped(
        event -> {
          dropHint.setVisible(false);
          boolean isTaken = compose != null && ComposeController.canAccept(event.getDragboard());
          if (isTaken) {
            compose.openDrop(event.getDragboard());
          }
          event.setDropCompleted(isTaken);
          event.consume();
        });
  }

  private void installShortcuts() {
    var accelerators = scene.getAccelerators();
    accelerators.put(shortcut(KeyCode.N), () -> compose().ifPresent(ComposeController::chooseFile));
    accelerators.put(
        shortcut(KeyCode.V),
        () -> {
          // In a text field Ctrl+V pastes text, as everywhere else.
          if (!(scene.getFocusOwner() instanceof TextInputControl)) {
            compose().ifPresent(c -> c.paste(Clipboard.getSystemClipboard()));
          }
        });
    accelerators.put(shortcut(KeyCode.DIGIT1), () -> sort(FeedSort.HOT));
    accelerators.put(shortcut(KeyCode.DIGIT2), () -> sort(FeedSort.NEW));
    accelerators.put(shortcut(KeyCode.DIGIT3), () -> sort(FeedSort.TOP));
    accelerators.put(shortcut(KeyCode.R), () -> feed().ifPresent(FeedController::reload));
    accelerators.put(shortcut(KeyCode.L), () -> isDarkTheme.set(!isDarkTheme.get()));
    accelerators.put(shortcut(KeyCode.Q), stage::close);
    KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4};
    for (int index = 0; index < digits.length; index++) {
      int screen = index;
      accelerators.put(
          new KeyCodeCombination(digits[index], KeyCombination.ALT_DOWN), () -> showScreen(screen));
    }
  }

  private void sort(FeedSort sort) {
    feed()
        .ifPresent(
            controller -> {
              showScreen(0);
              controller.sortBy(sort);
            });
  }

  private static KeyCodeCombination shortcut(KeyCode code) {
    return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
  }
}
