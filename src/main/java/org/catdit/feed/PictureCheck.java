package org.catdit.feed;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decides whether bytes are a picture catdit accepts, before anything is stored: a JPEG, PNG or GIF
 * (recognised by content), within {@link PictureLimits}, complete and decodable. Each refusal is a
 * {@link PictureRejectedException} whose message is written for the person who chose the file.
 *
 * <p>Order matters for cost: the byte cap first, then the format from the leading bytes, then the
 * dimensions from the header, and only then the pixels. Thread-safe.
 */
public final class PictureCheck {
  static final String NOT_A_PICTURE = "This file is not a picture we can read (JPEG, PNG or GIF).";
  static final String DAMAGED =
      "This picture is damaged or cut off (the file ends before the picture does).";

  private static final double BYTES_PER_MB = 1 << 20;

  private final PictureLimits limits;

  public PictureCheck(PictureLimits limits) {
    this.limits = limits;
  }

  /** A check with {@link PictureLimits#DEFAULT}. */
  public PictureCheck() {
    this(PictureLimits.DEFAULT);
  }

  public PictureLimits limits() {
    return limits;
  }

  /** The checked, decoded picture, or the reason it is refused. */
  public CheckedPicture check(byte[] bytes) throws PictureRejectedException {
    if (bytes.length == 0) {
      throw new PictureRejectedException("The file is empty.");
    }
    checkSize(bytes.length);
    PictureFormat format =
        PictureFormat.sniff(bytes).orElseThrow(() -> new PictureRejectedException(NOT_A_PICTURE));
    if (!format.isComplete(bytes)) {
      throw new PictureRejectedException(DAMAGED);
    }
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
    if (!readers.hasNext()) {
      throw new IllegalStateException("the Java runtime has no " + format + " reader");
    }
    ImageReader reader = readers.next();
    // A memory cache: ImageIO.createImageInputStream would spool the bytes to a temporary file.
    try (ImageInputStream input =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(input, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      checkDimensions(width, height);
      WarningCollector warnings = new WarningCollector();
      reader.addIIOReadWarningListener(warnings);
      BufferedImage image = reader.read(0);
      if (warnings.hasWarned) {
        // libjpeg's "Premature end of JPEG file", "Corrupt JPEG data": pixels were made up.
        throw new PictureRejectedException(DAMAGED);
      }
      if (image.getWidth() != width || image.getHeight() != height) {
        throw new PictureRejectedException(DAMAGED);
      }
      return new CheckedPicture(bytes, format.mediaType, width, height, image);
    } catch (IOException | RuntimeException e) {
      // ImageIO signals a bad file with IIOException and, for some damage, with runtime
      // exceptions from inside the decoders; either way the bytes are not a picture we can show.
      throw new PictureRejectedException(NOT_A_PICTURE);
    } finally {
      reader.dispose();
    }
  }

  /**
   * Refuses a file of {@code byteCount} bytes if it is over the byte cap; callers reading a file
   * call this with its size first, so an oversized file is never read into memory.
   */
  public void checkSize(long byteCount) throws PictureRejectedException {
    if (byteCount > limits.maxBytes()) {
      throw new PictureRejectedException(
          String.format(
              Locale.ROOT,
              "The picture is %s; the limit is %s.",
              megabytes(byteCount),
              megabytes(limits.maxBytes())));
    }
  }

  private void checkDimensions(int width, int height) throws PictureRejectedException {
    if (width <= 0 || height <= 0) {
      throw new PictureRejectedException(NOT_A_PICTURE);
    }
    if (width > limits.maxSidePixels()
        || height > limits.maxSidePixels()
        || (long) width * height > limits.maxPixels()) {
      throw new PictureRejectedException(
          String.format(
              Locale.ROOT,
              "The picture is %d × %d pixels; the limit is %d pixels a side and %.1f megapixels.",
              width,
              height,
              limits.maxSidePixels(),
              limits.maxPixels() / 1e6));
    }
  }

  /**
   * "12.3 MB", in units of 2^20 bytes as most file managers show them, rounded up so that a file
   * just over the limit never reads as equal to it.
   */
  static String megabytes(long bytes) {
    double value = Math.ceil(bytes / BYTES_PER_MB * 10) / 10;
    if (value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%d MB", (long) value);
    }
    return String.format(Locale.ROOT, "%.1f MB", value);
  }

  private static final class WarningCollector implements IIOReadWarningListener {
    boolean hasWarned;

    @Override
    public void warningOccurred(ImageReader source, String warning) {
      hasWarned = true;
    }
  }
}
