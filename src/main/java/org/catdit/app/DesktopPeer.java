package org.catdit.app;

import org.catdit.feed.PeerHandle;

/**
 * Opens the embedded peer the desktop app shows (node, ledger, SQLite store and picture transfer on
 * the per-user data directory, under a file lock). Its implementation comes with the ledger
 * integration; until then the window opens and says so.
 */
final class DesktopPeer {
  private DesktopPeer() {}

  static PeerHandle open() {
    throw new UnsupportedOperationException(
        "This build has no embedded peer for the desktop app yet (the ledger and its store are"
            + " being integrated). Meanwhile a headless peer runs with: catdit node --help");
  }
}
