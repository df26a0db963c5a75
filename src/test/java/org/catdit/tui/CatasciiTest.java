package org.catdit.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.catdit.feed.ColorMode;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.feed.Neighbour;
import org.catdit.feed.NetworkView;
import org.catdit.feed.TestPictures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** catascii driven through Lanterna's virtual terminal against {@link InMemoryPeerHandle}. */
class CatasciiTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final long START_MILLIS = 1_780_000_000_000L;

  private final AtomicLong clock = new AtomicLong(START_MILLIS);
  private final InMemoryPeerHandle peer = new InMemoryPeerHandle("me", clock::get);
  private final DefaultVirtualTerminal terminal =
      new DefaultVirtualTerminal(new TerminalSize(80, 24));
  private CatasciiApp app;

  @TempDir Path directory;

  @AfterEach
  void close() throws IOException {
    if (app != null) {
      app.close();
    }
    peer.close();
  }

  private CatasciiApp open(ColorMode mode) throws IOException {
    app = Catascii.open(peer, terminal, mode, clock::get);
    return app;
  }

  private void await(String what, BooleanSupplier condition) throws IOException {
    assertTrue(app.runUntil(condition, PATIENCE), what + "; screen:\n" + terminalText());
  }

  private void awaitText(String text) throws IOException {
    await("shows \"" + text + "\"", () -> terminalText().contains(text));
  }

  private void type(String text) {
    for (char character : text.toCharArray()) {
      terminal.addInput(new KeyStroke(character, false, false));
    }
  }

  private void press(KeyType key) {
    terminal.addInput(new KeyStroke(key));
  }

  /** What the terminal itself shows, row by row. */
  private String terminalText() {
    TerminalSize size = terminal.getTerminalSize();
    StringBuilder text = new StringBuilder();
    for (int row = 0; row < size.getRows(); row++) {
      for (int column = 0; column < size.getColumns(); column++) {
        text.append(terminal.getCharacter(column, row).getCharacterString());
      }
      text.append('\n');
    }
    return text.toString();
  }

  private Path copyToFile(String name) throws IOException {
    Path file = directory.resolve(name);
    Files.write(file, TestPictures.bytes(name));
    return file;
  }

  private int countInPicture(char character) {
    int count = 0;
    for (String line : terminalText().split("\n")) {
      count += line.chars().filter(c -> c == character).count();
    }
    return count;
  }

  @Test
  void feedShowsAPostFromAnotherPeerWithItsPictureInColour() throws Exception {
    peer.receivePost("alice", TestPictures.bytes("chelsea.png"), "Chelsea on the sofa");
    open(ColorMode.TRUE_COLOR);
    awaitText("Chelsea on the sofa");
    awaitText("by alice");
    await("the picture is drawn", () -> countInPicture('@') + countInPicture('%') > 20);
    assertTrue(terminalText().contains("0 votes"));
    boolean hasTrueColourCell = false;
    for (int row = 1; row < 20 && !hasTrueColourCell; row++) {
      for (int column = 2; column < 78; column++) {
        TextCharacter cell = terminal.getCharacter(column, row);
        if (cell.getCharacterString().equals("@")
            && cell.getForegroundColor() instanceof TextColor.RGB) {
          hasTrueColourCell = true;
        }
      }
    }
    assertTrue(hasTrueColourCell, "picture cells carry their colour");
  }

  @Test
  void withoutColourSupportThePictureIsPlainCharacters() throws Exception {
    peer.receivePost("alice", TestPictures.bytes("chelsea.jpg"), "plain");
    open(ColorMode.NONE);
    await("the picture is drawn", () -> countInPicture('@') > 10);
    for (int row = 0; row < 24; row++) {
      for (int column = 0; column < 80; column++) {
        assertEquals(
            TextColor.ANSI.DEFAULT, terminal.getCharacter(column, row).getForegroundColor());
      }
    }
  }

  @Test
  void uUpvotesAndUTakesItBack() throws Exception {
    String postId = peer.receivePost("alice", TestPictures.bytes("chelsea.jpg"), "vote me");
    open(ColorMode.ANSI_256);
    awaitText("vote me");
    type("u");
    await("score 1", () -> score(postId) == 1);
    awaitText("1 vote (yours included)");
    assertEquals("Upvoted.", app.status());
    type("u");
    await("score 0", () -> score(postId) == 0);
    awaitText("0 votes");
  }

  private int score(String postId) {
    return app.posts().stream()
        .filter(post -> post.id().equals(postId))
        .mapToInt(FeedPost::score)
        .findFirst()
        .orElse(-1);
  }

  @Test
  void postingATruncatedFileShowsAnErrorLineAndChangesNothing() throws Exception {
    String postId = peer.receivePost("alice", TestPictures.bytes("chelsea.jpg"), "existing");
    open(ColorMode.NONE);
    awaitText("existing");
    await("the picture is drawn", () -> countInPicture('@') > 10);
    String before = terminalText();
    type("p");
    awaitText("Picture file:");
    type(copyToFile("truncated.jpg").toString());
    press(KeyType.Enter);
    await("an error line", app::isStatusError);
    awaitText("Error: This picture is damaged or cut off");
    assertEquals(1, peer.postCount());
    assertEquals(List.of(postId), app.posts().stream().map(FeedPost::id).toList());
    assertFalse(terminalText().contains("Picture file:"), "back to the feed");
    assertEquals(
        before.lines().skip(1).limit(19).toList(),
        terminalText().lines().skip(1).limit(19).toList());
  }

  @Test
  void postingAMissingFileSaysSo() throws Exception {
    open(ColorMode.NONE);
    type("p" + directory.resolve("nothing-here.jpg"));
    press(KeyType.Enter);
    awaitText("Error: There is no file");
    assertEquals(0, peer.postCount());
  }

  @Test
  void postingAPictureAddsItAndSelectsIt() throws Exception {
    peer.receivePost("alice", TestPictures.bytes("chelsea.png"), "first");
    open(ColorMode.NONE);
    awaitText("first");
    type("p");
    type(copyToFile("chelsea.jpg").toString());
    press(KeyType.Enter);
    awaitText("Caption:");
    type("my own cat");
    press(KeyType.Backspace);
    type("t!");
    press(KeyType.Enter);
    await("two posts", () -> app.posts().size() == 2);
    awaitText("my own cat!");
    awaitText("by me");
    assertEquals(2, peer.postCount());
    String mine =
        app.posts().stream().filter(p -> p.caption().equals("my own cat!")).findFirst().get().id();
    await("the new post is selected", () -> app.selectedPostId().orElse("").equals(mine));
  }

  @Test
  void escapeCancelsThePrompt() throws Exception {
    open(ColorMode.NONE);
    type("p/some/path");
    press(KeyType.Escape);
    awaitText("Posting cancelled.");
    assertEquals(0, peer.postCount());
  }

  @Test
  void movingAndSortingKeepTheSelectedPost() throws Exception {
    String older = peer.receivePost("alice", TestPictures.generatedPng(1, 60, 40), "older");
    clock.addAndGet(60_000);
    String newer = peer.receivePost("bob", TestPictures.generatedPng(2, 60, 40), "newer");
    peer.receiveVote(older, "carol");
    peer.receiveVote(older, "dave");
    open(ColorMode.NONE);
    await("two posts", () -> app.posts().size() == 2);
    assertEquals(FeedSort.HOT, app.sort());
    assertEquals(older, app.selectedPostId().orElseThrow()); // 2 votes outweigh a minute
    type("j");
    await("second selected", () -> app.selectedPostId().orElse("").equals(newer));
    type("s");
    await(
        "sorted by NEW", () -> app.sort() == FeedSort.NEW && app.posts().get(0).id().equals(newer));
    assertEquals(newer, app.selectedPostId().orElseThrow());
    awaitText("1/2 posts");
    type("s");
    await(
        "sorted by TOP", () -> app.sort() == FeedSort.TOP && app.posts().get(0).id().equals(older));
    assertEquals(newer, app.selectedPostId().orElseThrow());
    awaitText("2/2 posts");
    press(KeyType.ArrowUp);
    await("first selected", () -> app.selectedPostId().orElse("").equals(older));
    // A post arriving above the selection does not move it.
    clock.addAndGet(60_000);
    peer.receivePost("erin", TestPictures.generatedPng(3, 60, 40), "newest");
    type("s");
    await("HOT with three posts", () -> app.sort() == FeedSort.HOT && app.posts().size() == 3);
    assertEquals(older, app.selectedPostId().orElseThrow());
  }

  @Test
  void aBurstOfEventsIsFoldedIntoFewReloads() throws Exception {
    String postId = peer.receivePost("alice", TestPictures.bytes("chelsea.jpg"), "popular");
    open(ColorMode.NONE);
    awaitText("popular");
    int loadsBefore = peer.feedLoads();
    for (int voter = 0; voter < 1000; voter++) {
      peer.receiveVote(postId, "voter" + voter);
    }
    await("1000 votes shown", () -> terminalText().contains("1000 votes"));
    int loads = peer.feedLoads() - loadsBefore;
    assertTrue(loads < 100, loads + " feed loads for 1000 events");
  }

  @Test
  void aPictureStillBeingFetchedIsDrawnWhenItArrives() throws Exception {
    String postId = peer.receivePost("alice", TestPictures.bytes("chelsea.png"), "patience");
    String thumbnail = peer.thumbnailHashOf(postId).orElseThrow();
    peer.withhold(thumbnail);
    peer.withhold(peer.pictureHashOf(postId).orElseThrow());
    open(ColorMode.NONE);
    awaitText("fetching the picture from peers");
    assertTrue(countInPicture('@') < 3);
    peer.release(thumbnail);
    await("the picture is drawn", () -> countInPicture('@') > 10);
    assertFalse(terminalText().contains("fetching the picture"));
  }

  @Test
  void networkViewShowsNeighboursLinksAndCounters() throws Exception {
    open(ColorMode.NONE);
    peer.setNetwork(
        new NetworkView(
            peer.identity().peerId(),
            List.of(
                new Neighbour(
                    "peer-aaaa",
                    "alice",
                    true,
                    true,
                    true,
                    12.5,
                    0.01,
                    14_600,
                    2_048_000,
                    1_000,
                    30),
                new Neighbour("peer-bbbb", "", true, false, false, -1, 0, 0, 0, 0, 5)),
            42,
            17,
            3,
            Map.of("scamp.subscriptionsForwarded", 9L, "plumtree.prunes", 4L, "link.failures", 0L),
            START_MILLIS));
    type("n");
    awaitText("About 42 peers");
    String screen = terminalText();
    assertTrue(screen.contains("About 42 peers (SCAMP estimate) · 2 neighbours"), screen);
    assertTrue(screen.contains("Broadcast tree: 1 eager (tree) / 1 lazy (announce only)"), screen);
    assertTrue(screen.contains("peer-aaaa"), screen);
    assertTrue(screen.contains("out+in"), screen);
    assertTrue(screen.contains("lazy"), screen);
    assertTrue(screen.contains("plumtree.prunes 4"), screen);
    assertTrue(screen.contains("scamp.subscriptionsForwarded 9"), screen);
    assertTrue(screen.contains("Counters (1 more at 0 not shown)"), screen);
    assertFalse(screen.contains("link.failures"), screen);
    type("n");
    awaitText("No posts yet");
  }

  @Test
  void redrawsChangeOnlyCellsAndNeverEraseTheTerminal() throws Exception {
    AtomicLong erases = new AtomicLong();
    DefaultVirtualTerminal counting =
        new DefaultVirtualTerminal(new TerminalSize(80, 24)) {
          @Override
          public synchronized void clearScreen() {
            erases.incrementAndGet();
            super.clearScreen();
          }
        };
    peer.receivePost("alice", TestPictures.bytes("chelsea.jpg"), "one");
    peer.receivePost("bob", TestPictures.bytes("chelsea.png"), "two");
    app = Catascii.open(peer, counting, ColorMode.NONE, clock::get);
    assertTrue(app.runUntil(() -> app.posts().size() == 2, PATIENCE));
    long atStart = erases.get();
    for (String keys : List.of("j", "k", "s", "?", "x", "n", "n")) {
      for (char character : keys.toCharArray()) {
        counting.addInput(new KeyStroke(character, false, false));
      }
      app.runUntil(() -> false, Duration.ofMillis(100));
    }
    assertEquals(atStart, erases.get(), "a frame is drawn over the last, not after an erase");
  }

  @Test
  void helpListsTheKeysAndAnyKeyGoesBack() throws Exception {
    open(ColorMode.NONE);
    type("?");
    awaitText("take your upvote back");
    type("x");
    awaitText("No posts yet");
  }

  @Test
  void followsResizesAndSaysWhenTooSmall() throws Exception {
    peer.receivePost("alice", TestPictures.bytes("chelsea.png"), "resizable");
    open(ColorMode.NONE);
    awaitText("resizable");
    terminal.setTerminalSize(new TerminalSize(120, 40));
    await(
        "drawn at 120 columns",
        () ->
            terminalText().lines().findFirst().orElse("").length() == 120
                && terminalText().contains("resizable"));
    terminal.setTerminalSize(new TerminalSize(30, 8));
    awaitText("needs at least");
    terminal.setTerminalSize(new TerminalSize(80, 24));
    awaitText("resizable");
  }

  @Test
  void qQuitsAndRestoresTheTerminal() throws Exception {
    open(ColorMode.NONE);
    awaitText("No posts yet");
    type("q");
    assertFalse(app.runUntil(() -> false, PATIENCE));
    assertTrue(app.isQuit());
  }

  @Test
  void networkTextIsCleanedBeforeItReachesTheTerminal() throws Exception {
    peer.receivePost(
        "mallory\u001b[2J", TestPictures.bytes("chelsea.jpg"), "evil\u001b]0;pwned\u0007 caption");
    open(ColorMode.NONE);
    awaitText("evil?]0;pwned? caption");
    awaitText("by mallory?[2J");
  }
}
