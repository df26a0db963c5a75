package org.catdit.tui;

import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.catdit.feed.ColorMode;
import org.catdit.feed.PeerHandle;

/**
 * catascii, the terminal front end: the feed of a running peer with each picture drawn in
 * characters. The caller owns the peer and the terminal (a real one from Lanterna's factory, or a
 * {@code DefaultVirtualTerminal} in tests) and closes both afterwards.
 */
public final class Catascii {
  private Catascii() {}

  /** Shows the feed of {@code peer} on {@code terminal} until the user presses q. */
  public static void run(PeerHandle peer, Terminal terminal, ColorMode colorMode)
      throws IOException {
    try (CatasciiApp app = open(peer, terminal, colorMode)) {
      app.run();
    }
  }

  /**
   * Starts catascii without running it: the caller drives it with {@link CatasciiApp#tick} or
   * {@link CatasciiApp#runUntil} (the thread that does becomes its UI thread) and closes it.
   */
  public static CatasciiApp open(PeerHandle peer, Terminal terminal, ColorMode colorMode)
      throws IOException {
    return open(peer, terminal, colorMode, System::currentTimeMillis);
  }

  /** As {@link #open(PeerHandle, Terminal, ColorMode)} with a clock for "5 min ago". */
  public static CatasciiApp open(
      PeerHandle peer, Terminal terminal, ColorMode colorMode, LongSupplier clockMillis)
      throws IOException {
    return new CatasciiApp(peer, terminal, colorMode, clockMillis);
  }
}
