package org.catdit.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import org.catdit.feed.FeedSort;
import org.catdit.feed.SyncProgress;

/**
 * The frame around every view: a header bar (who, sort, position in the feed, network size, sync),
 * and at the bottom the status line (red for errors) above either the key hints or a prompt.
 */
final class ChromePainter {
  private final Palette palette;

  ChromePainter(Palette palette) {
    this.palette = palette;
  }

  void paintHeader(
      TextGraphics graphics,
      String displayName,
      FeedSort sort,
      int position,
      int postCount,
      long networkSizeEstimate,
      SyncProgress progress) {
    int columns = graphics.getSize().getColumns();
    String who = displayName.isEmpty() ? "catascii" : "catascii · " + SafeText.clean(displayName);
    String counts =
        postCount == 0
            ? "no posts"
            : position + "/" + postCount + (postCount == 1 ? " post" : " posts");
    String sync =
        progress.isCaughtUp() ? "synced" : "syncing " + progress.have() + "/" + progress.total();
    String header =
        " "
            + who
            + " │ "
            + sort
            + " │ "
            + counts
            + " │ ~"
            + networkSizeEstimate
            + (networkSizeEstimate == 1 ? " peer │ " : " peers │ ")
            + sync;
    TextGraphics bar = FeedPainter.fresh(graphics);
    bar.enableModifiers(SGR.REVERSE);
    bar.putString(0, 0, padRight(SafeText.fit(header, columns), columns));
  }

  /**
   * Paints the two bottom rows; returns where the cursor belongs (after the typed text of a
   * prompt), or null to hide it.
   */
  TerminalPosition paintFooter(
      TextGraphics graphics, Mode mode, String status, boolean isStatusError, String typed) {
    int columns = graphics.getSize().getColumns();
    int rows = graphics.getSize().getRows();
    TextGraphics statusLine = FeedPainter.fresh(graphics);
    if (isStatusError) {
      statusLine.setForegroundColor(palette.basic(TextColor.ANSI.RED_BRIGHT));
      statusLine.enableModifiers(SGR.BOLD);
    }
    String prefix = isStatusError ? "Error: " : "";
    statusLine.putString(0, rows - 2, SafeText.fit(prefix + status, columns));
    TextGraphics keys = FeedPainter.fresh(graphics);
    int lastRow = rows - 1;
    if (mode.isPrompt()) {
      String label =
          switch (mode) {
            case PROMPT_PATH -> "Picture file: ";
            case PROMPT_CAPTION -> "Caption: ";
            default -> "Your name: ";
          };
      int room = Math.max(1, columns - label.length() - 1);
      String clean = SafeText.clean(typed);
      String visible = clean.length() > room ? clean.substring(clean.length() - room) : clean;
      keys.enableModifiers(SGR.BOLD);
      keys.putString(0, lastRow, label);
      keys.disableModifiers(SGR.BOLD);
      keys.putString(label.length(), lastRow, visible);
      return new TerminalPosition(label.length() + visible.length(), lastRow);
    }
    String hints =
        switch (mode) {
          case NETWORK -> "n/Esc feed  ? help  q quit";
          case HELP -> "any key: back";
          default -> "j/k move  u upvote  p post  s sort  n network  i name  ? help  q quit";
        };
    keys.enableModifiers(SGR.REVERSE);
    keys.putString(0, lastRow, padRight(SafeText.fit(" " + hints, columns), columns));
    return null;
  }

  private static String padRight(String text, int columns) {
    return text.length() >= columns ? text : text + " ".repeat(columns - text.length());
  }
}
