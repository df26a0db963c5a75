package org.catdit.feed;

import java.awt.image.BufferedImage;

/**
 * Shrinks a picture by averaging, for each target pixel, the source pixels whose area it covers (a
 * box filter). Plain integer arithmetic in a fixed order, so the result is the same on every
 * machine and Java version, unlike Java2D's scaling, whose output depends on the rendering
 * pipeline. Used for thumbnails and for the cells of ASCII art.
 */
final class AreaAverage {
  private AreaAverage() {}

  /**
   * The averaged pixels of {@code image} on a {@code targetWidth} × {@code targetHeight} grid, as
   * 0xAARRGGBB (non-premultiplied) in row-major order. Colour channels are weighted by alpha, so
   * transparent pixels do not darken their neighbours. Enlarging repeats source pixels.
   */
  static int[] resample(BufferedImage image, int targetWidth, int targetHeight) {
    if (targetWidth <= 0 || targetHeight <= 0) {
      throw new IllegalArgumentException("target must be at least 1 × 1");
    }
    int sourceWidth = image.getWidth();
    int sourceHeight = image.getHeight();
    int[][] columns = spans(sourceWidth, targetWidth);
    long[] alphaSum = new long[targetWidth];
    long[] redSum = new long[targetWidth];
    long[] greenSum = new long[targetWidth];
    long[] blueSum = new long[targetWidth];
    long[] count = new long[targetWidth];
    int[] sourceRow = new int[sourceWidth];
    int[] result = new int[targetWidth * targetHeight];
    int[][] rows = spans(sourceHeight, targetHeight);
    for (int targetY = 0; targetY < targetHeight; targetY++) {
      java.util.Arrays.fill(alphaSum, 0);
      java.util.Arrays.fill(redSum, 0);
      java.util.Arrays.fill(greenSum, 0);
      java.util.Arrays.fill(blueSum, 0);
      java.util.Arrays.fill(count, 0);
      for (int y = rows[0][targetY]; y < rows[1][targetY]; y++) {
        image.getRGB(0, y, sourceWidth, 1, sourceRow, 0, sourceWidth);
        for (int targetX = 0; targetX < targetWidth; targetX++) {
          for (int x = columns[0][targetX]; x < columns[1][targetX]; x++) {
            int argb = sourceRow[x];
            int alpha = argb >>> 24;
            alphaSum[targetX] += alpha;
            redSum[targetX] += (long) (argb >> 16 & 0xff) * alpha;
            greenSum[targetX] += (long) (argb >> 8 & 0xff) * alpha;
            blueSum[targetX] += (long) (argb & 0xff) * alpha;
            count[targetX]++;
          }
        }
      }
      for (int targetX = 0; targetX < targetWidth; targetX++) {
        int alpha = (int) ((alphaSum[targetX] + count[targetX] / 2) / count[targetX]);
        int red = 0;
        int green = 0;
        int blue = 0;
        if (alphaSum[targetX] > 0) {
          long half = alphaSum[targetX] / 2;
          red = (int) ((redSum[targetX] + half) / alphaSum[targetX]);
          green = (int) ((greenSum[targetX] + half) / alphaSum[targetX]);
          blue = (int) ((blueSum[targetX] + half) / alphaSum[targetX]);
        }
        result[targetY * targetWidth + targetX] = alpha << 24 | red << 16 | green << 8 | blue;
      }
    }
    return result;
  }

  /**
   * The source span {@code [starts[i], ends[i])} of each target cell: at least one source pixel, so
   * enlarging repeats pixels.
   */
  private static int[][] spans(int sourceLength, int targetLength) {
    int[] starts = new int[targetLength];
    int[] ends = new int[targetLength];
    for (int i = 0; i < targetLength; i++) {
      starts[i] = (int) ((long) i * sourceLength / targetLength);
      ends[i] = Math.max(starts[i] + 1, (int) ((long) (i + 1) * sourceLength / targetLength));
    }
    return new int[][] {starts, ends};
  }
}
