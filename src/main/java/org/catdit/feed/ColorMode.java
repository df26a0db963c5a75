package org.catdit.feed;

import java.util.Locale;
import java.util.Map;

/** How many colours a terminal can show, and so which escapes ASCII art is printed with. */
public enum ColorMode {
  /** Plain characters, no escapes: pipes, files, dumb terminals, {@code NO_COLOR}. */
  NONE,
  /** The xterm 256-colour palette ({@code ESC[38;5;Nm}). */
  ANSI_256,
  /** 24-bit colour ({@code ESC[38;2;R;G;Bm}). */
  TRUE_COLOR;

  /**
   * The best mode the environment says the terminal supports: none unless output goes to a
   * terminal, none with {@code NO_COLOR} (no-color.org) or {@code TERM=dumb}, true colour when
   * {@code COLORTERM} is {@code truecolor} or {@code 24bit}, 256 colours when {@code TERM} names a
   * 256-colour terminal, otherwise none (a terminal that announces nothing may have only 8).
   */
  public static ColorMode detect(Map<String, String> environment, boolean isTerminal) {
    String noColor = environment.get("NO_COLOR");
    String term = environment.getOrDefault("TERM", "").toLowerCase(Locale.ROOT);
    if (!isTerminal || (noColor != null && !noColor.isEmpty()) || term.isEmpty()) {
      return NONE;
    }
    if (term.equals("dumb")) {
      return NONE;
    }
    String colorTerm = environment.getOrDefault("COLORTERM", "").toLowerCase(Locale.ROOT);
    if (colorTerm.equals("truecolor") || colorTerm.equals("24bit")) {
      return TRUE_COLOR;
    }
    if (term.contains("256color") || term.contains("direct")) {
      return ANSI_256;
    }
    return NONE;
  }

  /** Parses {@code none}, {@code 256} or {@code truecolor}. */
  public static ColorMode parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "none" -> NONE;
      case "256" -> ANSI_256;
      case "truecolor", "24bit" -> TRUE_COLOR;
      default ->
          throw new IllegalArgumentException(
              "colour mode must be auto, none, 256 or truecolor, not " + text);
    };
  }
}
