package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoriesTest {
  private static Path forUser(String os, Map<String, String> environment, String home) {
    return DataDirectories.forUser(os, environment::get, home);
  }

  @Test
  void linuxFollowsXdgDataHome() {
    assertEquals(
        Path.of("/data/tom", "catdit"),
        forUser("Linux", Map.of("XDG_DATA_HOME", "/data/tom"), "/home/tom"));
  }

  @Test
  void linuxFallsBackToLocalShareWhenXdgIsUnsetEmptyOrRelative() {
    Path expected = Path.of("/home/tom", ".local", "share", "catdit");
    assertEquals(expected, forUser("Linux", Map.of(), "/home/tom"));
    assertEquals(expected, forUser("Linux", Map.of("XDG_DATA_HOME", ""), "/home/tom"));
    assertEquals(expected, forUser("Linux", Map.of("XDG_DATA_HOME", "rel/dir"), "/home/tom"));
    assertEquals(expected, forUser("FreeBSD", Map.of(), "/home/tom"));
  }

  @Test
  void macOsUsesApplicationSupport() {
    assertEquals(
        Path.of("/Users/tom", "Library", "Application Support", "catdit"),
        forUser("Mac OS X", Map.of("XDG_DATA_HOME", "/ignored"), "/Users/tom"));
  }

  @Test
  void windowsUsesAppData() {
    String appData = "C:\\Users\\tom\\AppData\\Roaming";
    assertEquals(
        Path.of(appData, "catdit"),
        forUser("Windows 11", Map.of("APPDATA", appData), "C:\\Users\\tom"));
    assertEquals(
        Path.of("C:\\Users\\tom", "AppData", "Roaming", "catdit"),
        forUser("Windows 10", Map.of(), "C:\\Users\\tom"));
  }

  @Test
  void theCurrentUsersDirectoryIsNamedCatdit() {
    assertEquals("catdit", DataDirectories.forCurrentUser().getFileName().toString());
  }
}
