package org.catdit.tui;

/**
 * Text from the network (captions, names) made safe to put on a terminal: control and format
 * characters (escape sequences, bidirectional overrides) become {@code ?}, and the result is cut to
 * a number of columns with an ellipsis.
 */
final class SafeText {
  private SafeText() {}

  static String clean(String text) {
    StringBuilder clean = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            codePoint -> {
              int type = Character.getType(codePoint);
              boolean isUnsafe =
                  Character.isISOControl(codePoint)
                      || type == Character.FORMAT
                      || type == Character.SURROGATE
                      || type == Character.PRIVATE_USE
                      || type == Character.UNASSIGNED;
              clean.appendCodePoint(isUnsafe ? '?' : codePoint);
            });
    return clean.toString();
  }

  /** {@code text} cleaned and cut to at most {@code columns} characters ("…" marks a cut). */
  static String fit(String text, int columns) {
    String clean = clean(text);
    if (columns <= 0) {
      return "";
    }
    if (clean.codePointCount(0, clean.length()) <= columns) {
      return clean;
    }
    int end = clean.offsetByCodePoints(0, columns - 1);
    return clean.substring(0, end) + "…";
  }
}
