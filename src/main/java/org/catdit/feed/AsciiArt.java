package org.catdit.feed;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Draws a picture with characters: each cell's pixels are averaged ({@link AreaAverage}), their
 * brightness picks a character from {@link #RAMP} (space for dark, {@code @} for bright, for the
 * usual dark terminal background), and the average colour is kept for terminals that show colour.
 *
 * <p>A terminal cell is about twice as tall as it is wide, so a picture {@code w} × {@code h}
 * pixels drawn {@code columns} wide takes {@code columns × h / w / 2} rows. Brightness is stretched
 * between the 2nd and 98th percentile of the picture's cells, so a dim photo still uses the whole
 * ramp.
 */
public final class AsciiArt {
  /** Characters from dark to bright (Paul Bourke's ten-level ramp). */
  public static final String RAMP = " .:-=+*#%@";

  /** Height of a character cell over its width. */
  public static final double CELL_ASPECT = 2.0;

  private static final double LOW_PERCENTILE = 0.02;
  private static final double HIGH_PERCENTILE = 0.98;

  private AsciiArt() {}

  /** {@code image} drawn {@code columns} wide, as many rows as its aspect ratio needs. */
  public static AsciiImage render(BufferedImage image, int columns) {
    return render(image, columns, Integer.MAX_VALUE);
  }

  /**
   * {@code image} drawn as large as fits in {@code maxColumns} × {@code maxRows} cells keeping its
   * aspect ratio.
   */
  public static AsciiImage render(BufferedImage image, int maxColumns, int maxRows) {
    return render(image, fit(image.getWidth(), image.getHeight(), maxColumns, maxRows));
  }

  /**
   * The largest grid within {@code maxColumns} × {@code maxRows} that keeps the aspect ratio of a
   * {@code width} × {@code height} picture, so a front end can lay out a picture it has not loaded.
   */
  public static GridSize fit(int width, int height, int maxColumns, int maxRows) {
    if (maxColumns <= 0 || maxRows <= 0 || width <= 0 || height <= 0) {
      throw new IllegalArgumentException("need a picture and at least one column and one row");
    }
    int columns = maxColumns;
    int rows = rowsFor(width, height, columns);
    if (rows > maxRows) {
      rows = maxRows;
      columns =
          (int) Math.max(1, Math.min(maxColumns, Math.round(rows * CELL_ASPECT * width / height)));
    }
    return new GridSize(columns, rows);
  }

  /** {@code image} drawn on exactly {@code grid}, stretched if the grid's aspect differs. */
  public static AsciiImage render(BufferedImage image, GridSize grid) {
    int columns = grid.columns();
    int rows = grid.rows();
    int[] pixels = AreaAverage.resample(image, columns, rows);
    double[] brightness = new double[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      // Transparent parts show the terminal's dark background.
      brightness[i] = brightness(pixels[i]) * (pixels[i] >>> 24) / 255.0;
    }
    double[] sorted = brightness.clone();
    Arrays.sort(sorted);
    double low = sorted[(int) (LOW_PERCENTILE * (sorted.length - 1))];
    double high = sorted[(int) Math.ceil(HIGH_PERCENTILE * (sorted.length - 1))];
    double range = high - low;
    char[] characters = new char[pixels.length];
    int[] colours = new int[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      double level = range < 1e-9 ? brightness[i] : (brightness[i] - low) / range;
      level = Math.max(0, Math.min(1, level));
      characters[i] = RAMP.charAt((int) Math.round(level * (RAMP.length() - 1)));
      colours[i] = pixels[i] & 0xffffff;
    }
    return new AsciiImage(columns, rows, characters, colours);
  }

  /** Rows for a {@code width} × {@code height} picture drawn {@code columns} wide; at least 1. */
  public static int rowsFor(int width, int height, int columns) {
    return (int) Math.max(1, Math.round(columns * (double) height / width / CELL_ASPECT));
  }

  /** Perceived brightness of 0xRRGGBB in [0, 1]: Rec. 709 luma of the gamma-encoded values. */
  public static double brightness(int rgb) {
    return (0.2126 * (rgb >> 16 & 0xff) + 0.7152 * (rgb >> 8 & 0xff) + 0.0722 * (rgb & 0xff)) / 255;
  }

  /** The brightness level a character of {@link #RAMP} stands for, in [0, 1]; -1 if not in it. */
  public static double levelOf(char character) {
    int index = RAMP.indexOf(character);
    return index < 0 ? -1 : (double) index / (RAMP.length() - 1);
  }
}
