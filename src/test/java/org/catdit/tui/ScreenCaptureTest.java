package org.catdit.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.catdit.feed.ColorMode;
import org.catdit.feed.TestPictures;
import org.junit.jupiter.api.Test;

/**
 * catascii at 80×24 with a small feed, as text. With {@code -Dcatascii.capture=FILE} the screen is
 * also written to FILE. (docs/images/catascii-80x24.txt now comes from a real terminal: see
 * scripts/catascii-screenshots.sh.)
 */
class ScreenCaptureTest {
  @Test
  void theFeedFitsAn80By24Terminal() throws Exception {
    AtomicLong clock = new AtomicLong(1_780_000_000_000L);
    try (InMemoryPeerHandle peer = new InMemoryPeerHandle("me", clock::get)) {
      String chelsea =
          peer.receivePost("alice", TestPictures.bytes("chelsea.png"), "Chelsea, unimpressed");
      clock.addAndGet(-3_600_000);
      peer.receivePost("bob", TestPictures.bytes("chelsea.jpg"), "Same cat, smaller file");
      clock.addAndGet(3_600_000 + 20 * 60_000);
      peer.receiveVote(chelsea, "bob");
      peer.receiveVote(chelsea, "carol");
      DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
      try (CatasciiApp app = Catascii.open(peer, terminal, ColorMode.NONE, clock::get)) {
        assertTrue(
            app.runUntil(
                () -> app.posts().size() == 2 && app.screenText().contains("@"),
                Duration.ofSeconds(20)),
            app.screenText());
        String screen = app.screenText();
        assertEquals(24, screen.lines().count());
        assertTrue(screen.lines().allMatch(line -> line.length() == 80));
        assertTrue(screen.contains("Chelsea, unimpressed"), screen);
        assertTrue(screen.contains("by alice  ▲ 2 votes"), screen);
        assertTrue(screen.contains("20 min ago"), screen);
        String capture = System.getProperty("catascii.capture");
        if (capture != null && !capture.isBlank()) {
          Files.writeString(Path.of(capture), screen);
        }
      }
    }
  }
}
