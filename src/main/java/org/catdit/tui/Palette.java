package org.catdit.tui;

import com.googlecode.lanterna.TextColor;
import org.catdit.feed.AnsiPalette;
import org.catdit.feed.ColorMode;

/** Lanterna colours for a {@link ColorMode}: the terminal's default colour when it has none. */
final class Palette {
  private final ColorMode mode;

  Palette(ColorMode mode) {
    this.mode = mode;
  }

  ColorMode mode() {
    return mode;
  }

  boolean hasColour() {
    return mode != ColorMode.NONE;
  }

  /** {@code rgb} as the terminal can show it. */
  TextColor of(int rgb) {
    return switch (mode) {
      case NONE -> TextColor.ANSI.DEFAULT;
      case ANSI_256 -> new TextColor.Indexed(AnsiPalette.index256(rgb));
      case TRUE_COLOR -> new TextColor.RGB(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff);
    };
  }

  /**
   * One of the eight basic colours, which even an 8-colour terminal has; default without colour.
   */
  TextColor basic(TextColor.ANSI colour) {
    return hasColour() ? colour : TextColor.ANSI.DEFAULT;
  }
}
