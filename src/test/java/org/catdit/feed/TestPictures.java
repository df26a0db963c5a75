package org.catdit.feed;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** The test pictures in src/test/resources/cats (copies of ../shared/data/cats) and variants. */
public final class TestPictures {
  private TestPictures() {}

  /** The bytes of {@code cats/name} on the test class path. */
  public static byte[] bytes(String name) {
    try (InputStream in = TestPictures.class.getResourceAsStream("/cats/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test picture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BufferedImage image(String name) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code image} encoded by ImageIO as {@code format} ("png", "gif", "bmp", "jpeg"). */
  public static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalArgumentException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] firstBytes(byte[] bytes, int count) {
    return Arrays.copyOf(bytes, count);
  }

  /** A solid-colour picture, distinct per {@code seed}, for tests that need many pictures. */
  public static byte[] generatedPng(int seed, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int rgb = 0x102030 * (seed + 1) & 0xffffff;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb ^ (x * 7 + y * 13 & 0xff));
      }
    }
    return encode(image, "png");
  }
}
