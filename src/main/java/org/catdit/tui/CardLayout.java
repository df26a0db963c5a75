package org.catdit.tui;

import org.catdit.feed.AsciiArt;
import org.catdit.feed.FeedPost;
import org.catdit.feed.GridSize;

/**
 * The geometry of one post in the feed: the picture as large as the area allows (at most {@link
 * #MAX_PICTURE_COLUMNS} wide), then {@link #INFO_ROWS} rows of caption, author and score, then a
 * blank row. Computed from the post's recorded size, so a card keeps its place while its picture
 * loads.
 */
final class CardLayout {
  static final int GUTTER_COLUMNS = 2;
  static final int INFO_ROWS = 3;
  static final int MAX_PICTURE_COLUMNS = 76;
  private static final int PLACEHOLDER_ROWS = 3;

  private CardLayout() {}

  static GridSize pictureGrid(FeedPost post, int areaColumns, int areaRows) {
    int maxColumns = Math.max(1, Math.min(MAX_PICTURE_COLUMNS, areaColumns - GUTTER_COLUMNS - 1));
    int maxRows = Math.max(1, areaRows - INFO_ROWS - 1);
    if (post.width() <= 0 || post.height() <= 0) {
      return new GridSize(maxColumns, Math.min(PLACEHOLDER_ROWS, maxRows));
    }
    return AsciiArt.fit(post.width(), post.height(), maxColumns, maxRows);
  }

  static int cardRows(FeedPost post, int areaColumns, int areaRows) {
    return pictureGrid(post, areaColumns, areaRows).rows() + INFO_ROWS + 1;
  }
}
