package org.catdit.feed;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

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
    return encode(image, "png", writer -> null);
  }

  private static byte[] jpeg(BufferedImage image) {
    return encode(
        image,
        "jpeg",
        writer -> {
          ImageWriteParam parameters = writer.getDefaultWriteParam();
          parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
          parameters.setCompressionQuality(JPEG_QUALITY);
          return parameters;
        });
  }

  /** Encodes in memory (ImageIO's own streams would spool to a temporary file). */
  private static byte[] encode(
      BufferedImage image, String format, Function<ImageWriter, ImageWriteParam> parameters) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), parameters.apply(writer));
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory does not fail", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
