package org.catdit.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;

/** The keys, one per line. */
final class HelpPainter {
  static final List<String> LINES =
      List.of(
          "catascii: cat pictures from the catdit network, drawn with characters",
          "",
          "  ↑ / k       previous post",
          "  ↓ / j       next post",
          "  PgUp PgDn   five posts up or down",
          "  Home / End  first or last post",
          "  u           upvote the selected post, or take your upvote back",
          "  p           post a picture: type its file path, then a caption",
          "  s           sort by HOT (votes and age), NEW, or TOP (votes)",
          "  n           network view: neighbours, tree links, counters",
          "  i           your name, shown with your posts and in others' network view",
          "  ?           this help",
          "  q           quit (leaves the network cleanly)",
          "",
          "Esc cancels a prompt. Press any key to go back.");

  void paint(TextGraphics area) {
    for (int row = 0; row < LINES.size() && row < area.getSize().getRows(); row++) {
      TextGraphics line = FeedPainter.fresh(area);
      if (row == 0) {
        line.enableModifiers(SGR.BOLD);
      }
      line.putString(2, row, SafeText.fit(LINES.get(row), area.getSize().getColumns() - 3));
    }
  }
}
