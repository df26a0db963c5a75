package org.catdit.feed;

/** A size in character cells. */
public record GridSize(int columns, int rows) {
  public GridSize {
    if (columns <= 0 || rows <= 0) {
      throw new IllegalArgumentException("a grid has at least one column and one row");
    }
  }
}
