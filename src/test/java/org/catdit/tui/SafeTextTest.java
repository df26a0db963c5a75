package org.catdit.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void controlAndFormatCharactersBecomeQuestionMarks() {
    assertEquals("a?[31mb", SafeText.clean("a\u001b[31mb"));
    assertEquals("x?y", SafeText.clean("x\u202ey")); // right-to-left override
    assertEquals("cat 🐈", SafeText.clean("cat 🐈"));
  }

  @Test
  void fitCutsWithAnEllipsis() {
    assertEquals("abc", SafeText.fit("abc", 3));
    assertEquals("ab…", SafeText.fit("abcd", 3));
    assertEquals("", SafeText.fit("abcd", 0));
  }
}
