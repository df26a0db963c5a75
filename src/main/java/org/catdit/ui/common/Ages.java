package org.catdit.ui.common;

/** "3 min", "2 h", "5 d": how long ago a post was made, short enough for a card. */
public final class Ages {
  private Ages() {}

  public static String since(long thenMillis, long nowMillis) {
    long seconds = Math.max(0, (nowMillis - thenMillis) / 1000);
    if (seconds < 60) {
      return "just now";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min ago";
    }
    if (seconds < 86_400) {
      return seconds / 3600 + " h ago";
    }
    if (seconds < 86_400L * 365) {
      return seconds / 86_400 + " d ago";
    }
    return seconds / (86_400L * 365) + " y ago";
  }

  /** A link age in seconds as "42 s", "3 min", "2 h". */
  public static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min";
    }
    return seconds / 3600 + " h";
  }

  /** Bytes as "512 B", "3.4 KB", "12.0 MB". */
  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format("%.1f KB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
    return String.format("%.2f GB", bytes / (1024.0 * 1024 * 1024));
  }
}
