package org.catdit.feed;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 5×5 mirror-symmetric pattern and a colour derived from a public key, so that a person can tell
 * authors apart at a glance; every front end draws the same one (the JavaFX app with rectangles,
 * catascii with coloured blocks). Derived from SHA-256 of the key, so similar keys look different.
 */
public final class Identicon {
  public static final int SIZE = 5;

  private final boolean[] cells;
  private final int rgb;

  private Identicon(boolean[] cells, int rgb) {
    this.cells = cells;
    this.rgb = rgb;
  }

  /** The identicon of a key (or of any id's bytes). */
  public static Identicon of(byte[] key) {
    byte[] digest = sha256(key);
    boolean[] cells = new boolean[SIZE * SIZE];
    int half = (SIZE + 1) / 2;
    for (int row = 0; row < SIZE; row++) {
      for (int column = 0; column < half; column++) {
        int bit = row * half + column;
        boolean isFilled = (digest[bit / 8] >> (bit % 8) & 1) == 1;
        cells[row * SIZE + column] = isFilled;
        cells[row * SIZE + SIZE - 1 - column] = isFilled;
      }
    }
    // Hue from the digest; saturation and lightness fixed so every colour reads on light and dark.
    float hue = ((digest[30] & 0xff) << 8 | digest[31] & 0xff) / 65536f;
    int rgb = java.awt.Color.HSBtoRGB(hue, 0.55f, 0.80f) & 0xffffff;
    return new Identicon(cells, rgb);
  }

  /** The identicon of a key given as hexadecimal digits. */
  public static Identicon ofHex(String keyHex) {
    return of(java.util.HexFormat.of().parseHex(keyHex));
  }

  public boolean isFilled(int row, int column) {
    return cells[row * SIZE + column];
  }

  /** The foreground colour as 0xRRGGBB. */
  public int rgb() {
    return rgb;
  }

  /** The foreground colour as {@code #rrggbb}. */
  public String webColour() {
    return String.format("#%06x", rgb);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
