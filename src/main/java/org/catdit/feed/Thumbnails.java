package org.catdit.feed;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes the thumbnail every peer derives from a checked picture: fits within {@link #MAX_SIDE} ×
 * {@link #MAX_SIDE} keeping the aspect ratio (never enlarged), averaged by {@link AreaAverage},
 * encoded as JPEG at quality {@link #JPEG_QUALITY}, or as PNG when the picture has transparency
 * (JPEG has none). The same picture gives the same bytes on every run: the scaling is integer
 * arithmetic and the encoders of the JDK are deterministic, so peers that make a thumbnail locally
 * agree on its hash.
 */
public final class Thumbnails {
  public static final int MAX_SIDE = 400;
  public static final float JPEG_QUALITY = 0.85f;

  private Thumbnails() {}

  public static Thumbnail of(CheckedPicture picture) {
    return of(picture.image());
  }

  public static Thumbnail of(BufferedImage image) {
    BufferedImage small = scaled(image);
    boolean hasAlpha = small.getColorModel().hasAlpha();
    byte[] bytes = hasAlpha ? png(small) : jpeg(small);
    return new Thumbnail(
        bytes, hasAlpha ? "image/png" : "image/jpeg", small.getWidth(), small.getHeight());
  }

  /** {@code image} scaled to fit {@link #MAX_SIDE}, unencoded (ARGB if it has alpha, else RGB). */
  public static BufferedImage scaled(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(width, height));
    int targetWidth = Math.max(1, (int) Math.round(width * scale));
    int targetHeight = Math.max(1, (int) Math.round(height * scale));
    boolean hasAlpha = image.getColorModel().hasAlpha();
    int[] pixels = AreaAverage.resample(image, targetWidth, targetHeight);
    BufferedImage small =
        new BufferedImage(
            targetWidth,
            targetHeight,
            hasAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    small.setRGB(0, 0, targetWidth, targetHeight, pixels, 0, targetWidth);
    return small;
  }

  private static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory does not fail", e);
    }
    return out.toByteArray();
  }

  private static byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam parameters = writer.getDefaultWriteParam();
      parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      parameters.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), parameters);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory does not fail", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
