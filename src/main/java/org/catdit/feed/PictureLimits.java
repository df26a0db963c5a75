package org.catdit.feed;

/**
 * The bounds a posted picture must stay within. The dimension caps are checked from the file's
 * header before any pixel is decoded, so a small file that claims a huge image (a decompression
 * bomb) is refused without allocating its pixels.
 *
 * @param maxBytes largest accepted file
 * @param maxSidePixels largest accepted width and height
 * @param maxPixels largest accepted width × height (a decoded picture takes 4 bytes per pixel)
 */
public record PictureLimits(long maxBytes, int maxSidePixels, long maxPixels) {
  /** 10 MiB, 8192 pixels a side, 40 megapixels (160 MB once decoded). */
  public static final PictureLimits DEFAULT = new PictureLimits(10L << 20, 8192, 40_000_000L);

  public PictureLimits {
    if (maxBytes <= 0 || maxSidePixels <= 0 || maxPixels <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
