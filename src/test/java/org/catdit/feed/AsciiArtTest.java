package org.catdit.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Image;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AsciiArtTest {
  /**
   * The rendering of chelsea.png at 80 columns must correlate with a downscaled copy of the photo
   * at least this well (Pearson, brightness per cell). Measured: 0.985 for the photo; -0.026 for
   * the photo flipped upside down, which must stay below it. Stated in docs/catascii.md.
   */
  static final double MIN_CORRELATION = 0.90;

  private static final BufferedImage CHELSEA = TestPictures.image("chelsea.png");

  @Test
  void chelseaAt80ColumnsIsRecognisablyTheCat() {
    AsciiImage art = AsciiArt.render(CHELSEA, 80);
    assertEquals(80, art.columns());
    assertEquals(27, art.rows()); // 80 × 300 / 451 / 2 = 26.6
    double correlation = correlation(art, referenceBrightness(CHELSEA, 80, art.rows()));
    System.out.printf("ascii correlation chelsea.png at 80 columns: %.3f%n", correlation);
    assertTrue(correlation > MIN_CORRELATION, "correlation " + correlation);
  }

  @Test
  void aDifferentPictureDoesNotPassTheSameComparison() {
    AsciiImage flippedArt = AsciiArt.render(flipUpsideDown(CHELSEA), 80);
    double correlation = correlation(flippedArt, referenceBrightness(CHELSEA, 80, 27));
    System.out.printf("ascii correlation of the flipped photo: %.3f%n", correlation);
    assertTrue(correlation < MIN_CORRELATION, "correlation " + correlation);
  }

  @Test
  void fitsInABoxKeepingTheAspect() {
    AsciiImage art = AsciiArt.render(CHELSEA, 80, 10);
    assertEquals(10, art.rows());
    assertEquals(30, art.columns()); // 10 rows × 2 × 451 / 300 = 30.07
    AsciiImage wide = AsciiArt.render(new BufferedImage(1000, 10, BufferedImage.TYPE_INT_RGB), 40);
    assertEquals(1, wide.rows());
  }

  @Test
  void darkIsBlankAndBrightIsDense() {
    BufferedImage halves = new BufferedImage(100, 50, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 50; y++) {
      for (int x = 50; x < 100; x++) {
        halves.setRGB(x, y, 0xffffff);
      }
    }
    AsciiImage art = AsciiArt.render(halves, 10);
    assertEquals("     @@@@@", art.lines().get(0));
    assertEquals(0xffffff, art.rgb(0, 9));
    assertEquals(0, art.rgb(0, 0));
  }

  @Test
  void colourEscapesOnlyWhereTheColourChangesAndResetAtLineEnds() {
    // Black, red, green pairs: a blank, then two colours (red is darker than green).
    BufferedImage image = new BufferedImage(6, 2, BufferedImage.TYPE_INT_RGB);
    int[] colours = {0x000000, 0x000000, 0xff0000, 0xff0000, 0x00ff00, 0x00ff00};
    for (int x = 0; x < 6; x++) {
      image.setRGB(x, 0, colours[x]);
      image.setRGB(x, 1, colours[x]);
    }
    AsciiImage art = AsciiArt.render(image, 6);
    assertEquals(1, art.rows());
    assertEquals("  --@@", art.lines().get(0));
    String plain = art.toText(ColorMode.NONE);
    assertFalse(plain.contains("\u001b"));
    String trueColour = art.toText(ColorMode.TRUE_COLOR);
    assertTrue(trueColour.startsWith("  \u001b[38;2;255;0;0m--\u001b[38;2;0;255;0m@@"), trueColour);
    assertEquals(2, trueColour.split("\u001b\\[38;2;", -1).length - 1);
    assertTrue(trueColour.endsWith("\u001b[0m\n"));
    String palette = art.toText(ColorMode.ANSI_256);
    assertTrue(
        palette.startsWith("  \u001b[38;5;196m--\u001b[38;5;46m"), palette); // cube red, green
  }

  @Test
  void paletteMapsToTheNearestCubeOrGreyEntry() {
    assertEquals(16, AnsiPalette.index256(0x000000));
    assertEquals(231, AnsiPalette.index256(0xffffff));
    assertEquals(21, AnsiPalette.index256(0x0000ff));
    assertEquals(244, AnsiPalette.index256(0x808080));
    for (int index = 16; index < 256; index++) {
      int rgb = AnsiPalette.rgbOf256(index);
      assertEquals(rgb, AnsiPalette.rgbOf256(AnsiPalette.index256(rgb)), "entry " + index);
    }
  }

  @Test
  void colourModeFromTheEnvironment() {
    assertEquals(
        ColorMode.TRUE_COLOR,
        ColorMode.detect(Map.of("TERM", "xterm-256color", "COLORTERM", "truecolor"), true));
    assertEquals(ColorMode.ANSI_256, ColorMode.detect(Map.of("TERM", "xterm-256color"), true));
    assertEquals(ColorMode.NONE, ColorMode.detect(Map.of("TERM", "xterm-256color"), false));
    assertEquals(
        ColorMode.NONE, ColorMode.detect(Map.of("TERM", "xterm-256color", "NO_COLOR", "1"), true));
    assertEquals(ColorMode.NONE, ColorMode.detect(Map.of("TERM", "dumb"), true));
    assertEquals(ColorMode.NONE, ColorMode.detect(Map.of(), true));
  }

  /**
   * Rec. 709 brightness of each cell of a Java2D area-averaged copy (independent of AreaAverage).
   */
  static double[] referenceBrightness(BufferedImage image, int columns, int rows) {
    Image scaled = image.getScaledInstance(columns, rows, Image.SCALE_AREA_AVERAGING);
    BufferedImage small = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
    small.getGraphics().drawImage(scaled, 0, 0, null);
    double[] brightness = new double[columns * rows];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        brightness[y * columns + x] = AsciiArt.brightness(small.getRGB(x, y));
      }
    }
    return brightness;
  }

  /** Pearson correlation of the levels the characters stand for with {@code reference}. */
  static double correlation(AsciiImage art, double[] reference) {
    int count = art.columns() * art.rows();
    assertEquals(reference.length, count, "same grid");
    double[] implied = new double[count];
    for (int row = 0; row < art.rows(); row++) {
      for (int column = 0; column < art.columns(); column++) {
        implied[row * art.columns() + column] = AsciiArt.levelOf(art.character(row, column));
      }
    }
    return pearson(implied, reference);
  }

  static double pearson(double[] a, double[] b) {
    double meanA = 0;
    double meanB = 0;
    for (int i = 0; i < a.length; i++) {
      meanA += a[i] / a.length;
      meanB += b[i] / b.length;
    }
    double covariance = 0;
    double varianceA = 0;
    double varianceB = 0;
    for (int i = 0; i < a.length; i++) {
      covariance += (a[i] - meanA) * (b[i] - meanB);
      varianceA += (a[i] - meanA) * (a[i] - meanA);
      varianceB += (b[i] - meanB) * (b[i] - meanB);
    }
    return covariance / Math.sqrt(varianceA * varianceB);
  }

  private static BufferedImage flipUpsideDown(BufferedImage image) {
    AffineTransform flip = AffineTransform.getScaleInstance(1, -1);
    flip.translate(0, -image.getHeight());
    return new AffineTransformOp(flip, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, null);
  }
}
