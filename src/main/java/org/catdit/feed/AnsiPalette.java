package org.catdit.feed;

/** Maps 24-bit colours to the xterm 256-colour palette and writes the ANSI escapes. */
public final class AnsiPalette {
  private static final int[] CUBE_LEVELS = {0, 95, 135, 175, 215, 255};

  private AnsiPalette() {}

  /**
   * The nearest entry of the xterm palette above the 16 system colours (whose values each terminal
   * chooses): the 6×6×6 cube (16–231) or the 24-step grey ramp (232–255).
   */
  public static int index256(int rgb) {
    int red = rgb >> 16 & 0xff;
    int green = rgb >> 8 & 0xff;
    int blue = rgb & 0xff;
    int cubeRed = nearestCubeLevel(red);
    int cubeGreen = nearestCubeLevel(green);
    int cubeBlue = nearestCubeLevel(blue);
    int cubeIndex = 16 + 36 * cubeRed + 6 * cubeGreen + cubeBlue;
    int cubeDistance =
        distance(
            red, green, blue, CUBE_LEVELS[cubeRed], CUBE_LEVELS[cubeGreen], CUBE_LEVELS[cubeBlue]);
    int average = (red + green + blue) / 3;
    int greyStep = Math.max(0, Math.min(23, (average - 8 + 5) / 10));
    int grey = 8 + 10 * greyStep;
    int greyDistance = distance(red, green, blue, grey, grey, grey);
    return greyDistance < cubeDistance ? 232 + greyStep : cubeIndex;
  }

  /** The 24-bit colour of palette entry {@code index} (16–255). */
  public static int rgbOf256(int index) {
    if (index >= 232) {
      int grey = 8 + 10 * (index - 232);
      return grey << 16 | grey << 8 | grey;
    }
    int cube = index - 16;
    return CUBE_LEVELS[cube / 36] << 16 | CUBE_LEVELS[cube / 6 % 6] << 8 | CUBE_LEVELS[cube % 6];
  }

  /** The escape that sets the foreground to {@code rgb} in {@code mode}; empty for NONE. */
  public static String foreground(int rgb, ColorMode mode) {
    return switch (mode) {
      case NONE -> "";
      case ANSI_256 -> "\u001b[38;5;" + index256(rgb) + "m";
      case TRUE_COLOR ->
          "\u001b[38;2;" + (rgb >> 16 & 0xff) + ";" + (rgb >> 8 & 0xff) + ";" + (rgb & 0xff) + "m";
    };
  }

  public static final String RESET = "\u001b[0m";

  private static int nearestCubeLevel(int value) {
    return value < 48 ? 0 : value < 115 ? 1 : (value - 35) / 40;
  }

  private static int distance(int r1, int g1, int b1, int r2, int g2, int b2) {
    return (r1 - r2) * (r1 - r2) + (g1 - g2) * (g1 - g2) + (b1 - b2) * (b1 - b2);
  }
}
