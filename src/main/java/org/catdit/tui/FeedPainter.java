package org.catdit.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.catdit.feed.AsciiImage;
import org.catdit.feed.FeedPost;
import org.catdit.feed.GridSize;
import org.catdit.feed.Identicon;

/** Draws the feed: one card per post from {@code topIndex} down, the selected one marked. */
final class FeedPainter {
  private final Palette palette;
  private final PictureCache pictures;

  FeedPainter(Palette palette, PictureCache pictures) {
    this.palette = palette;
    this.pictures = pictures;
  }

  /** The first index to draw so that {@code selected} is fully in view, moving as little as can. */
  static int scrollTo(List<FeedPost> posts, int topIndex, int selected, int columns, int rows) {
    int top = Math.max(0, Math.min(topIndex, selected));
    while (top < selected) {
      int used = 0;
      for (int i = top; i <= selected; i++) {
        used += CardLayout.cardRows(posts.get(i), columns, rows);
      }
      if (used <= rows) {
        break;
      }
      top++;
    }
    return top;
  }

  void paint(TextGraphics area, List<FeedPost> posts, int topIndex, int selected, long nowMillis) {
    int columns = area.getSize().getColumns();
    int rows = area.getSize().getRows();
    if (posts.isEmpty()) {
      area.putString(2, 1, "No posts yet. Press p to post a picture, ? for help.");
      return;
    }
    int y = 0;
    for (int index = topIndex; index < posts.size() && y < rows; index++) {
      FeedPost post = posts.get(index);
      GridSize grid = CardLayout.pictureGrid(post, columns, rows);
      paintCard(area, post, grid, y, index == selected, nowMillis);
      y += grid.rows() + CardLayout.INFO_ROWS + 1;
    }
  }

  private void paintCard(
      TextGraphics area,
      FeedPost post,
      GridSize grid,
      int top,
      boolean isSelected,
      long nowMillis) {
    int x = CardLayout.GUTTER_COLUMNS;
    if (isSelected) {
      TextGraphics marker = fresh(area);
      marker.setForegroundColor(palette.basic(TextColor.ANSI.YELLOW_BRIGHT));
      for (int row = 0; row < grid.rows() + CardLayout.INFO_ROWS; row++) {
        marker.setCharacter(0, top + row, '▌');
      }
    }
    paintPicture(area, post, grid, x, top);
    int infoTop = top + grid.rows();
    paintIdenticon(area, post.authorKeyHex(), x, infoTop);
    int textX = x + Identicon.SIZE + 2;
    int textColumns = area.getSize().getColumns() - textX;
    TextGraphics text = fresh(area);
    if (isSelected) {
      text.enableModifiers(SGR.BOLD);
    }
    String caption = post.caption().isBlank() ? "(no caption)" : post.caption();
    text.putString(textX, infoTop, SafeText.fit(caption, textColumns));
    text.disableModifiers(SGR.BOLD);
    String votes = post.score() == 1 ? "1 vote" : post.score() + " votes";
    String byLine =
        "by "
            + SafeText.clean(post.authorName())
            + "  ▲ "
            + votes
            + (post.isUpvotedByMe() ? " (yours included)" : "");
    text.putString(textX, infoTop + 1, SafeText.fit(byLine, textColumns));
    String details =
        Age.describe(post.createdAtMillis(), nowMillis)
            + "  "
            + post.width()
            + "x"
            + post.height()
            + " "
            + post.mediaType()
            + "  "
            + Bytes.describe(post.byteSize());
    text.setForegroundColor(palette.basic(TextColor.ANSI.WHITE));
    text.putString(textX, infoTop + 2, SafeText.fit(details, textColumns));
  }

  private void paintPicture(TextGraphics area, FeedPost post, GridSize grid, int x, int top) {
    String hash =
        post.isThumbnailHeld() || !post.isPictureHeld() ? post.thumbnailHash() : post.pictureHash();
    Optional<AsciiImage> art = pictures.art(hash, grid);
    if (art.isPresent()) {
      AsciiImage image = art.get();
      TextGraphics cells = fresh(area);
      for (int row = 0; row < image.rows(); row++) {
        for (int column = 0; column < image.columns(); column++) {
          char character = image.character(row, column);
          if (character == ' ') {
            continue;
          }
          cells.setForegroundColor(palette.of(image.rgb(row, column)));
          cells.setCharacter(x + column, top + row, character);
        }
      }
      return;
    }
    String message =
        pictures
            .failure(hash)
            .map(reason -> "picture cannot be shown: " + reason)
            .orElse(pictures.isAwaited(hash) ? "fetching the picture from peers…" : "loading…");
    TextGraphics frame = fresh(area);
    frame.setForegroundColor(palette.basic(TextColor.ANSI.WHITE));
    frame.drawRectangle(
        new TerminalPosition(x, top), new TerminalSize(grid.columns(), grid.rows()), '·');
    int messageRow = top + grid.rows() / 2;
    int width = Math.max(0, grid.columns() - 4);
    String fitted = SafeText.fit(message, width);
    frame.putString(x + Math.max(2, (grid.columns() - fitted.length()) / 2), messageRow, fitted);
  }

  /** The 5×5 identicon in 5 columns × 3 rows of half blocks: upper half one row, lower the next. */
  private void paintIdenticon(TextGraphics area, String keyHex, int x, int top) {
    Identicon identicon;
    try {
      identicon = Identicon.ofHex(keyHex);
    } catch (IllegalArgumentException e) {
      identicon = Identicon.of(keyHex.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    TextGraphics blocks = fresh(area);
    blocks.setForegroundColor(palette.of(identicon.rgb()));
    for (int textRow = 0; textRow < 3; textRow++) {
      int upper = textRow * 2;
      int lower = upper + 1;
      for (int column = 0; column < Identicon.SIZE; column++) {
        boolean isUpper = identicon.isFilled(upper, column);
        boolean isLower = lower < Identicon.SIZE && identicon.isFilled(lower, column);
        char block = isUpper ? (isLower ? '█' : '▀') : (isLower ? '▄' : ' ');
        blocks.setCharacter(x + column, top + textRow, block);
      }
    }
  }

  /** A graphics on the same area with its own colours, so settings never leak between parts. */
  static TextGraphics fresh(TextGraphics area) {
    return area.newTextGraphics(TerminalPosition.TOP_LEFT_CORNER, area.getSize());
  }

  /** "just now", "5 min ago", "3 h ago", "2 d ago". */
  static final class Age {
    private Age() {}

    static String describe(long createdAtMillis, long nowMillis) {
      long seconds = Math.max(0, (nowMillis - createdAtMillis) / 1000);
      if (seconds < 60) {
        return "just now";
      }
      if (seconds < 3600) {
        return seconds / 60 + " min ago";
      }
      if (seconds < 86_400) {
        return seconds / 3600 + " h ago";
      }
      return seconds / 86_400 + " d ago";
    }
  }

  /** "512 B", "20 KB", "1.0 MB". */
  static final class Bytes {
    private Bytes() {}

    static String describe(long bytes) {
      if (bytes < 1024) {
        return bytes + " B";
      }
      if (bytes < 1024 * 1024) {
        return (bytes + 512) / 1024 + " KB";
      }
      return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
  }
}
