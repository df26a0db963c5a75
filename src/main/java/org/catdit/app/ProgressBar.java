package org.catdit.app;

import java.io.PrintWriter;

/** A one-line progress bar on stderr, redrawn only when the percentage changes. */
final class ProgressBar {
  private static final int WIDTH = 40;
  private final PrintWriter err;
  private final boolean isQuiet;
  private int shownPercent = -1;

  ProgressBar(PrintWriter err, boolean isQuiet) {
    this.err = err;
    this.isQuiet = isQuiet;
  }

  void update(double fraction) {
    int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
    if (isQuiet || percent == shownPercent) {
      return;
    }
    shownPercent = percent;
    int filled = percent * WIDTH / 100;
    err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%");
    err.flush();
  }

  void finish() {
    if (!isQuiet && shownPercent >= 0) {
      err.println();
      err.flush();
    }
  }
}
