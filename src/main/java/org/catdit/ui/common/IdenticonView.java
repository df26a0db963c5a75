package org.catdit.ui.common;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.catdit.feed.Identicon;

/** Draws a {@link Identicon}: filled cells in the key's colour on a pale ground of the same hue. */
public final class IdenticonView extends Canvas {

  private String shownKeyHex = "";

  public IdenticonView(double sizePixels) {
    super(sizePixels, sizePixels);
    getStyleClass().add("identicon");
  }

  public IdenticonView(String keyHex, double sizePixels) {
    this(sizePixels);
    show(keyHex);
  }

  /** Draws the identicon of {@code keyHex}, or clears the canvas if it is empty. */
  public void show(String keyHex) {
    String key = keyHex == null ? "" : keyHex;
    if (key.equals(shownKeyHex)) {
      return; // grid cells are reused while scrolling; most keep their author
    }
    shownKeyHex = key;
    GraphicsContext graphics = getGraphicsContext2D();
    graphics.clearRect(0, 0, getWidth(), getHeight());
    if (keyHex == null || keyHex.isEmpty()) {
      return;
    }
    Identicon identicon;
    try {
      identicon = Identicon.ofHex(keyHex);
    } catch (IllegalArgumentException notHex) {
      identicon = Identicon.of(keyHex.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Color colour =
        Color.rgb(
            identicon.rgb() >> 16 & 0xff, identicon.rgb() >> 8 & 0xff, identicon.rgb() & 0xff);
    graphics.setFill(colour.deriveColor(0, 0.25, 1.6, 1));
    graphics.fillRect(0, 0, getWidth(), getHeight());
    // A margin of half a cell keeps the pattern off the edge, as GitHub's identicons do.
    double cell = getWidth() / (Identicon.SIZE + 1);
    double margin = cell / 2;
    graphics.setFill(colour);
    for (int row = 0; row < Identicon.SIZE; row++) {
      for (int column = 0; column < Identicon.SIZE; column++) {
        if (identicon.isFilled(row, column)) {
          graphics.fillRect(margin + column * cell, margin + row * cell, cell + 0.5, cell + 0.5);
        }
      }
    }
  }
}
