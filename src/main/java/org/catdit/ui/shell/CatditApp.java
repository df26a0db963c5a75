package org.catdit.ui.shell;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.catdit.ui.common.UiThreads;

/**
 * Runs the desktop app: starts JavaFX, puts the window on screen at once, opens the peer through
 * the factory in the background, and when the window closes leaves the network cleanly.
 *
 * <p>Started with {@link Platform#startup} rather than an {@code Application} subclass, so the
 * composition root hands in its factory as a plain argument and the fat jar's main class need not
 * extend {@code Application}.
 */
public final class CatditApp {
  /** How long closing waits for the peer to leave the overlay and flush its store. */
  public static final long SHUTDOWN_TIMEOUT_MILLIS = 10_000;

  private static final String DARK_THEME_KEY = "darkTheme";

  private CatditApp() {}

  /**
   * Opens the window and blocks until it is closed and the peer has shut down.
   *
   * @return the exit status: 0 after a normal close, 1 if no window could be opened or built
   */
  public static int run(PeerFactory factory) {
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<MainWindow> window = new AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean isBroken =
        new java.util.concurrent.atomic.AtomicBoolean();
    Preferences preferences = Preferences.userNodeForPackage(CatditApp.class);
    UiThreads threads = UiThreads.standard();
    try {
      Platform.startup(
          () -> {
            try {
              Stage stage = new Stage();
              MainWindow main =
                  new MainWindow(
                      stage,
                      threads,
                      preferences.getBoolean(DARK_THEME_KEY, false),
                      isDark -> preferences.putBoolean(DARK_THEME_KEY, isDark));
              window.set(main);
              stage.setOnHidden(event -> closed.countDown());
              stage.show();
              main.connect(factory);
            } catch (RuntimeException broken) {
              // Without a window nothing would ever close it: say why and let run() return.
              System.err.println("catdit: the window could not be built: " + broken);
              isBroken.set(true);
              closed.countDown();
            }
          });
    } catch (RuntimeException cannotStart) {
      System.err.println(
          "catdit: cannot open a window ("
              + cannotStart.getMessage()
              + "). Without a display, run a headless peer: catdit node --help");
      threads.shutdown();
      return 1;
    }
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (window.get() != null) {
      window.get().shutdown(SHUTDOWN_TIMEOUT_MILLIS);
    }
    threads.shutdown();
    Platform.exit();
    return isBroken.get() ? 1 : 0;
  }
}
