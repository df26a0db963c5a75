package org.catdit.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class PictureCheckTest {
  private final PictureCheck check = new PictureCheck();

  @Test
  void acceptsTheThreeChelseaFilesWithTypeAndSizeFromTheirContent() throws Exception {
    CheckedPicture png = check.check(TestPictures.bytes("chelsea.png"));
    assertEquals("image/png", png.mediaType());
    assertEquals(451, png.width());
    assertEquals(300, png.height());
    assertEquals(451, png.image().getWidth());

    CheckedPicture jpeg = check.check(TestPictures.bytes("chelsea.jpg"));
    assertEquals("image/jpeg", jpeg.mediaType());
    assertEquals(451, jpeg.width());

    CheckedPicture large = check.check(TestPictures.bytes("chelsea-large.jpg"));
    assertEquals("image/jpeg", large.mediaType());
    assertEquals(3608, large.width());
    assertEquals(2400, large.height());
  }

  @Test
  void acceptsGif() throws Exception {
    byte[] gif = TestPictures.encode(TestPictures.image("chelsea.png"), "gif");
    CheckedPicture picture = check.check(gif);
    assertEquals("image/gif", picture.mediaType());
    assertEquals(300, picture.height());
  }

  @Test
  void refusesTheTruncatedSample() {
    PictureRejectedException refused =
        assertThrows(
            PictureRejectedException.class, () -> check.check(TestPictures.bytes("truncated.jpg")));
    assertEquals(PictureCheck.DAMAGED, refused.getMessage());
  }

  @Test
  void refusesEachFormatCutOffHalfWay() {
    byte[] jpeg = TestPictures.bytes("chelsea.jpg");
    byte[] png = TestPictures.bytes("chelsea.png");
    byte[] gif = TestPictures.encode(TestPictures.image("chelsea.png"), "gif");
    for (byte[] whole : new byte[][] {jpeg, png, gif}) {
      for (int cut : new int[] {whole.length / 2, whole.length - 1}) {
        byte[] cutOff = TestPictures.firstBytes(whole, cut);
        PictureRejectedException refused =
            assertThrows(PictureRejectedException.class, () -> check.check(cutOff));
        assertEquals(PictureCheck.DAMAGED, refused.getMessage());
      }
    }
  }

  @Test
  void refusesAJpegCutOffWithAForgedEndMarker() {
    // The structure walk sees an EOI, so it is libjpeg's warning that catches the missing data.
    byte[] jpeg = TestPictures.bytes("chelsea.jpg");
    byte[] forged = TestPictures.firstBytes(jpeg, jpeg.length / 2 + 2);
    forged[forged.length - 2] = (byte) 0xff;
    forged[forged.length - 1] = (byte) 0xd9;
    assertThrows(PictureRejectedException.class, () -> check.check(forged));
  }

  @Test
  void refusesWhatIsNotAPictureOrNotOurFormat() {
    byte[] text = "just some text, named cat.jpg".getBytes(StandardCharsets.UTF_8);
    byte[] bmp = TestPictures.encode(TestPictures.image("chelsea.png"), "bmp");
    for (byte[] bytes : new byte[][] {text, bmp, new byte[] {(byte) 0xff, (byte) 0xd8}}) {
      PictureRejectedException refused =
          assertThrows(PictureRejectedException.class, () -> check.check(bytes));
      assertEquals(PictureCheck.NOT_A_PICTURE, refused.getMessage());
    }
    PictureRejectedException empty =
        assertThrows(PictureRejectedException.class, () -> check.check(new byte[0]));
    assertEquals("The file is empty.", empty.getMessage());
  }

  @Test
  void refusesAFileOverTheByteCapInMegabytes() {
    PictureCheck small = new PictureCheck(new PictureLimits(200_000, 8192, 40_000_000));
    PictureRejectedException refused =
        assertThrows(
            PictureRejectedException.class, () -> small.check(TestPictures.bytes("chelsea.png")));
    assertEquals("The picture is 0.3 MB; the limit is 0.2 MB.", refused.getMessage());
    assertEquals("10.1 MB", PictureCheck.megabytes((10L << 20) + 1));
    assertEquals("10 MB", PictureCheck.megabytes(10L << 20));
  }

  @Test
  void refusesAPictureOverTheDimensionCaps() throws Exception {
    byte[] png = TestPictures.bytes("chelsea.png");
    PictureCheck narrow = new PictureCheck(new PictureLimits(10 << 20, 450, 40_000_000));
    PictureRejectedException refused =
        assertThrows(PictureRejectedException.class, () -> narrow.check(png));
    assertEquals(
        "The picture is 451 × 300 pixels; the limit is 450 pixels a side and 40.0 megapixels.",
        refused.getMessage());
    PictureCheck fewPixels = new PictureCheck(new PictureLimits(10 << 20, 8192, 135_299));
    assertThrows(PictureRejectedException.class, () -> fewPixels.check(png));
    new PictureCheck(new PictureLimits(10 << 20, 451, 135_300)).check(png);
  }

  @Test
  void refusesADecompressionBombFromItsHeaderWithoutDecodingIt() {
    // 60,000 × 60,000 pixels (14 GB decoded) in a file of a few kilobytes. Decoding it would
    // exhaust the test's 2 GB heap; the header check refuses it first.
    byte[] bomb = pngClaiming(60_000, 60_000);
    assertTrue(bomb.length < 100_000, "bomb is " + bomb.length + " bytes");
    PictureRejectedException refused =
        assertThrows(PictureRejectedException.class, () -> check.check(bomb));
    assertTrue(refused.getMessage().startsWith("The picture is 60000 × 60000 pixels"));
  }

  /** A well-formed greyscale PNG of the given size whose rows are all zero. */
  private static byte[] pngClaiming(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer header = ByteBuffer.allocate(13);
    header.putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0);
    header.put((byte) 0).put((byte) 0);
    writeChunk(out, "IHDR", header.array());
    Deflater deflater = new Deflater(9);
    byte[] row = new byte[width + 1];
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    for (int y = 0; y < 200; y++) { // a few rows are enough to look real; the rest never matter
      deflater.setInput(row);
      int n;
      while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH)) > 0) {
        compressed.write(buffer, 0, n);
      }
    }
    deflater.finish();
    int n;
    while ((n = deflater.deflate(buffer)) > 0) {
      compressed.write(buffer, 0, n);
    }
    writeChunk(out, "IDAT", compressed.toByteArray());
    writeChunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  @Test
  void decodedImageIsUsable() throws Exception {
    BufferedImage image = check.check(TestPictures.bytes("chelsea.jpg")).image();
    assertTrue(image.getRGB(200, 150) != 0);
  }
}
