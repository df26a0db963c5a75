package org.catdit.feed;

import java.util.ArrayList;
import java.util.List;

/**
 * A picture as rows of {@link AsciiCell}s: what {@code ascii --print} writes to stdout and what
 * catascii draws on a Lanterna screen. Immutable.
 */
public final class AsciiImage {
  private final int columns;
  private final int rows;
  private final char[] characters;
  private final int[] colours;

  AsciiImage(int columns, int rows, char[] characters, int[] colours) {
    this.columns = columns;
    this.rows = rows;
    this.characters = characters;
    this.colours = colours;
  }

  public int columns() {
    return columns;
  }

  public int rows() {
    return rows;
  }

  public AsciiCell cell(int row, int column) {
    return new AsciiCell(character(row, column), rgb(row, column));
  }

  public char character(int row, int column) {
    return characters[index(row, column)];
  }

  /** The cell's colour, 0xRRGGBB. */
  public int rgb(int row, int column) {
    return colours[index(row, column)];
  }

  /** The characters of each row, without colour. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      lines.add(new String(characters, row * columns, columns));
    }
    return lines;
  }

  /**
   * The picture as text lines ending in {@code \n}, with a foreground escape wherever the colour
   * changes and a reset at the end of each line, so a cut-off or interleaved output never leaves
   * the terminal coloured. Blank cells carry no escape.
   */
  public String toText(ColorMode mode) {
    StringBuilder text = new StringBuilder(rows * (columns + 1));
    for (int row = 0; row < rows; row++) {
      String current = "";
      for (int column = 0; column < columns; column++) {
        char character = character(row, column);
        if (mode != ColorMode.NONE && character != ' ') {
          String escape = AnsiPalette.foreground(rgb(row, column), mode);
          if (!escape.equals(current)) {
            text.append(escape);
            current = escape;
          }
        }
        text.append(character);
      }
      if (!current.isEmpty()) {
        text.append(AnsiPalette.RESET);
      }
      text.append('\n');
    }
    return text.toString();
  }

  private int index(int row, int column) {
    if (row < 0 || row >= rows || column < 0 || column >= columns) {
      throw new IndexOutOfBoundsException(row + "," + column + " outside " + rows + "×" + columns);
    }
    return row * columns + column;
  }
}
