package org.catdit.sim.graph;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Shared setup for the PNG pictures: an antialiased RGB image, the fonts, the palette. Everything
 * here works headless ({@code java.awt.headless=true}); nothing touches a display.
 */
final class Canvas {

  static final Color BACKGROUND = new Color(0x10131a);
  static final Color PANEL = new Color(0x181c26);
  static final Color TEXT = new Color(0xe8eaf0);
  static final Color MUTED_TEXT = new Color(0x9aa3b5);
  static final Color GRID = new Color(0x2a3040);
  static final Color ALERT = new Color(0xff5a5f);
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 26);
  static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

  private Canvas() {}

  static BufferedImage blank(int widthPixels, int heightPixels) {
    BufferedImage image = new BufferedImage(widthPixels, heightPixels, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setColor(BACKGROUND);
    graphics.fillRect(0, 0, widthPixels, heightPixels);
    graphics.dispose();
    return image;
  }

  static Graphics2D graphics(BufferedImage image) {
    Graphics2D graphics = image.createGraphics();
    graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    graphics.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    return graphics;
  }

  static void savePng(BufferedImage image, Path file) throws IOException {
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }

  /**
   * A round step (1, 2 or 5 times a power of ten) that splits {@code range} into at most about
   * {@code maxTicks} intervals, so axis labels read as 0, 50, 100 rather than 0, 47, 94.
   */
  static long niceStep(double range, int maxTicks) {
    if (range <= 0) {
      return 1;
    }
    double rough = range / maxTicks;
    long magnitude = 1;
    while (magnitude * 10 <= rough) {
      magnitude *= 10;
    }
    for (long multiple : new long[] {1, 2, 5, 10}) {
      if (magnitude * multiple >= rough) {
        return magnitude * multiple;
      }
    }
    return magnitude * 10;
  }
}
