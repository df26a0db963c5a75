package org.catdit.ui.shell;

import org.catdit.feed.PeerHandle;

/**
 * Starts the peer the window shows: the composition root ({@code app.Main}) opens the embedded node
 * on its data directory; tests pass a test double or a node of their own. Called once, off the FX
 * thread, after the window is on screen, so it may take seconds.
 */
@FunctionalInterface
public interface PeerFactory {
  /**
   * Opens the peer. Throws {@link org.catdit.feed.DataDirectoryInUseException} if another process
   * holds the data directory, or any exception whose message says what went wrong; the window shows
   * it to the user.
   */
  PeerHandle open() throws Exception;
}
