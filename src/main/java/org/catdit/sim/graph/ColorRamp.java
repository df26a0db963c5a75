package org.catdit.sim.graph;

import java.awt.Color;

/**
 * Maps a value range onto the upper part of the viridis colour map (blue, teal, green, yellow).
 * Viridis is perceptually uniform and readable by colour-blind viewers; its darkest purple is left
 * out so low values stay visible on the dark picture background.
 */
final class ColorRamp {

  private static final int[] STOPS_RGB = {
    0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725
  };

  private final int minValue;
  private final int maxValue;

  ColorRamp(int minValue, int maxValue) {
    if (maxValue < minValue) {
      throw new IllegalArgumentException("maxValue < minValue");
    }
    this.minValue = minValue;
    this.maxValue = maxValue;
  }

  Color color(int value) {
    return color(fraction(value));
  }

  String hex(int value) {
    return "#%06x".formatted(color(value).getRGB() & 0xffffff);
  }

  /** Colour at position {@code fraction} in [0, 1] along the ramp. */
  static Color color(double fraction) {
    double clamped = Math.max(0.0, Math.min(1.0, fraction));
    double position = clamped * (STOPS_RGB.length - 1);
    int lower = Math.min((int) position, STOPS_RGB.length - 2);
    double mix = position - lower;
    int from = STOPS_RGB[lower];
    int to = STOPS_RGB[lower + 1];
    return new Color(
        blend(from >> 16, to >> 16, mix), blend(from >> 8, to >> 8, mix), blend(from, to, mix));
  }

  private double fraction(int value) {
    return maxValue == minValue ? 0.0 : (double) (value - minValue) / (maxValue - minValue);
  }

  private static int blend(int fromChannel, int toChannel, double mix) {
    int from = fromChannel & 0xff;
    int to = toChannel & 0xff;
    return (int) Math.round(from + (to - from) * mix);
  }
}
