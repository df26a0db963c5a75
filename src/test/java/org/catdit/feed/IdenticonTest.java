package org.catdit.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class IdenticonTest {

  private static String pattern(Identicon icon) {
    StringBuilder out = new StringBuilder();
    for (int row = 0; row < Identicon.SIZE; row++) {
      for (int column = 0; column < Identicon.SIZE; column++) {
        out.append(icon.isFilled(row, column) ? '#' : '.');
      }
    }
    return out.toString();
  }

  @Test
  void isMirrorSymmetricAndStable() {
    Identicon icon = Identicon.of(new byte[] {1, 2, 3});
    for (int row = 0; row < Identicon.SIZE; row++) {
      for (int column = 0; column < Identicon.SIZE; column++) {
        assertEquals(icon.isFilled(row, column), icon.isFilled(row, Identicon.SIZE - 1 - column));
      }
    }
    assertEquals(pattern(icon), pattern(Identicon.of(new byte[] {1, 2, 3})));
    assertEquals(icon.rgb(), Identicon.ofHex("010203").rgb());
  }

  @Test
  void neighbouringKeysLookDifferent() {
    Identicon one = Identicon.of(new byte[] {1, 2, 3});
    Identicon two = Identicon.of(new byte[] {1, 2, 4});
    assertNotEquals(pattern(one) + one.webColour(), pattern(two) + two.webColour());
  }
}
