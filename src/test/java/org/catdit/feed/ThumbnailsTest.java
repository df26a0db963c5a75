package org.catdit.feed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {
  private final PictureCheck check = new PictureCheck();
  private static CheckedPicture large;

  /** chelsea-large.jpg decoded once: decoding 8.7 megapixels is the slow part of these tests. */
  private synchronized CheckedPicture large() throws PictureRejectedException {
    if (large == null) {
      large = check.check(TestPictures.bytes("chelsea-large.jpg"));
    }
    return large;
  }

  @Test
  void largePictureShrinksToFitKeepingItsAspect() throws Exception {
    Thumbnail thumbnail = Thumbnails.of(large());
    assertEquals(400, thumbnail.width());
    assertEquals(266, thumbnail.height()); // 2400 × 400 / 3608 = 266.1
    assertEquals("image/jpeg", thumbnail.mediaType());
    CheckedPicture decoded = check.check(thumbnail.bytes());
    assertEquals(400, decoded.width());
    assertTrue(thumbnail.bytes().length < 60_000, thumbnail.bytes().length + " bytes");
  }

  @Test
  void tallPictureFitsByItsHeightAndSmallOnesAreNotEnlarged() {
    BufferedImage tall = new BufferedImage(300, 1200, BufferedImage.TYPE_INT_RGB);
    Thumbnail fromTall = Thumbnails.of(tall);
    assertEquals(100, fromTall.width());
    assertEquals(400, fromTall.height());
    Thumbnail fromSmall = Thumbnails.of(new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB));
    assertEquals(30, fromSmall.width());
    assertEquals(20, fromSmall.height());
  }

  @Test
  void sameInputGivesTheSameBytes() throws Exception {
    Thumbnail first = Thumbnails.of(large());
    Thumbnail second = Thumbnails.of(check.check(TestPictures.bytes("chelsea-large.jpg")));
    assertArrayEquals(first.bytes(), second.bytes());
  }

  @Test
  void transparencyIsKeptAsPng() throws Exception {
    BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 600; y++) {
      for (int x = 0; x < 400; x++) {
        image.setRGB(x, y, 0xffff0000); // left half opaque red, right half transparent
      }
    }
    Thumbnail thumbnail = Thumbnails.of(check.check(TestPictures.encode(image, "png")));
    assertEquals("image/png", thumbnail.mediaType());
    BufferedImage decoded = check.check(thumbnail.bytes()).image();
    assertEquals(400, decoded.getWidth());
    assertEquals(0xffff0000, decoded.getRGB(10, 10));
    assertEquals(0, decoded.getRGB(390, 10) >>> 24);
  }

  @Test
  void averagingKeepsTheColourOfAnEvenPicture() {
    BufferedImage grey = new BufferedImage(1000, 500, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 500; y++) {
      for (int x = 0; x < 1000; x++) {
        grey.setRGB(x, y, (x + y) % 2 == 0 ? 0x000000 : 0xc8c8c8); // a fine checkerboard
      }
    }
    int[] pixels = AreaAverage.resample(grey, 100, 50);
    for (int argb : pixels) {
      assertEquals(100, argb >> 8 & 0xff, 1); // the mean, not one of the two
    }
  }
}
