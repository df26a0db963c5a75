package org.catdit.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where catdit keeps a user's data when no {@code --data} directory is given: the place each
 * operating system sets aside for per-user application data.
 *
 * <ul>
 *   <li>Linux and other Unix: {@code $XDG_DATA_HOME/catdit}, or {@code ~/.local/share/catdit} when
 *       it is unset, empty or relative (XDG Base Directory Specification: "If an implementation
 *       encounters a relative path in any of these variables it should consider the path invalid
 *       and ignore it.")
 *   <li>macOS: {@code ~/Library/Application Support/catdit}
 *   <li>Windows: {@code %APPDATA%\catdit} (the roaming profile), or {@code
 *       ~\AppData\Roaming\catdit} when APPDATA is unset
 * </ul>
 */
public final class DataDirectories {
  public static final String APPLICATION = "catdit";

  private DataDirectories() {}

  /** The data directory of the user running this JVM. */
  public static Path forCurrentUser() {
    return forUser(
        System.getProperty("os.name", ""), System::getenv, System.getProperty("user.home"));
  }

  /**
   * The data directory for an operating system named {@code osName} (as {@code os.name} reads),
   * environment {@code environment} (a variable's value, or {@code null}) and home {@code
   * userHome}.
   */
  public static Path forUser(String osName, Function<String, String> environment, String userHome) {
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(userHome, "userHome");
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      String appData = environment.apply("APPDATA");
      if (appData != null && !appData.isBlank()) {
        return Path.of(appData, APPLICATION);
      }
      return Path.of(userHome, "AppData", "Roaming", APPLICATION);
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return Path.of(userHome, "Library", "Application Support", APPLICATION);
    }
    String xdgDataHome = environment.apply("XDG_DATA_HOME");
    if (xdgDataHome != null && !xdgDataHome.isEmpty() && Path.of(xdgDataHome).isAbsolute()) {
      return Path.of(xdgDataHome, APPLICATION);
    }
    return Path.of(userHome, ".local", "share", APPLICATION);
  }
}
