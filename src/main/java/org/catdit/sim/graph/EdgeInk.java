package org.catdit.sim.graph;

import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * Thin antialiased lines accumulated as ink density, then laid over the picture in one pass. Java2D
 * rasterises each translucent antialiased line separately, which took seconds for the ~20,000 long
 * links of a 2,000-peer overlay; splatting coverage into a float buffer (Xiaolin Wu style) takes
 * milliseconds. The exponential tone map also keeps crowded areas from saturating to a flat blot.
 */
final class EdgeInk {

  private final int widthPixels;
  private final int heightPixels;
  private final float[] coverage;

  EdgeInk(int widthPixels, int heightPixels) {
    this.widthPixels = widthPixels;
    this.heightPixels = heightPixels;
    this.coverage = new float[widthPixels * heightPixels];
  }

  /** Adds a one-pixel-wide line; coordinates in pixels, pixel centres at {@code +0.5}. */
  void addLine(double fromX, double fromY, double toX, double toY) {
    double deltaX = toX - fromX;
    double deltaY = toY - fromY;
    int steps = (int) Math.ceil(Math.max(Math.abs(deltaX), Math.abs(deltaY)));
    if (steps == 0) {
      return;
    }
    // Ink per step equals the length walked, so diagonal lines are as bright as straight ones.
    float inkPerStep = (float) (Math.hypot(deltaX, deltaY) / steps);
    boolean isMostlyHorizontal = Math.abs(deltaX) >= Math.abs(deltaY);
    for (int step = 0; step <= steps; step++) {
      double t = (double) step / steps;
      double x = fromX + deltaX * t - 0.5;
      double y = fromY + deltaY * t - 0.5;
      if (isMostlyHorizontal) {
        int column = (int) Math.round(x);
        int row = (int) Math.floor(y);
        float below = (float) (y - row);
        add(column, row, inkPerStep * (1 - below));
        add(column, row + 1, inkPerStep * below);
      } else {
        int row = (int) Math.round(y);
        int column = (int) Math.floor(x);
        float right = (float) (x - column);
        add(column, row, inkPerStep * (1 - right));
        add(column + 1, row, inkPerStep * right);
      }
    }
  }

  /**
   * Blends {@code ink} over {@code image}: a pixel covered once by a line gets {@code
   * singleLineOpacity}, n overlapping lines {@code 1 - (1 - singleLineOpacity)^n}.
   */
  void paintOnto(BufferedImage image, Color ink, double singleLineOpacity) {
    double gain = -Math.log(1 - singleLineOpacity);
    for (int row = 0; row < heightPixels; row++) {
      for (int column = 0; column < widthPixels; column++) {
        float ink01 = coverage[row * widthPixels + column];
        if (ink01 <= 0) {
          continue;
        }
        double opacity = 1 - Math.exp(-gain * ink01);
        int under = image.getRGB(column, row);
        image.setRGB(
            column,
            row,
            (blend(under >> 16, ink.getRed(), opacity) << 16)
                | (blend(under >> 8, ink.getGreen(), opacity) << 8)
                | blend(under, ink.getBlue(), opacity));
      }
    }
  }

  private void add(int column, int row, float ink) {
    if (column >= 0 && column < widthPixels && row >= 0 && row < heightPixels) {
      coverage[row * widthPixels + column] += ink;
    }
  }

  private static int blend(int underChannel, int inkChannel, double opacity) {
    int under = underChannel & 0xff;
    return (int) Math.round(under + (inkChannel - under) * opacity);
  }
}
