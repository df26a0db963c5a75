package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.catdit.feed.ColorMode;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.tui.Catascii;
import org.catdit.tui.CatasciiApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * catascii on Lanterna's virtual terminal over a real {@link EmbeddedPeer}, with a second real peer
 * on loopback posting, voting and counting: the post, its name and its picture travel through the
 * overlay, the ledger sync and the picture transfer, not through a test double.
 */
class CatasciiOnRealPeersTest {
  /** A deadline for each wait, not an expected duration: on loopback each takes well under 1 s. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir Path temp;
  private final List<EmbeddedPeer> running = new ArrayList<>();
  private final DefaultVirtualTerminal terminal =
      new DefaultVirtualTerminal(new TerminalSize(80, 24));
  private CatasciiApp app;

  @AfterEach
  void closeAll() throws Exception {
    if (app != null) {
      app.close();
    }
    // Each close lingers so the link can hand over what it holds: close them side by side.
    CompletableFuture.allOf(
            running.stream()
                .map(peer -> CompletableFuture.runAsync(peer::close))
                .toArray(CompletableFuture[]::new))
        .get(30, TimeUnit.SECONDS);
  }

  private EmbeddedPeer start(String name, EmbeddedPeer contact) throws Exception {
    PeerOptions options =
        PeerOptions.of(temp.resolve(name))
            .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .withDiscovery(false);
    if (contact != null) {
      options = options.withContact(contact.runtime().localAddress(), contact.runtime().peerId());
    }
    EmbeddedPeer peer = EmbeddedPeer.open(options);
    running.add(peer);
    peer.startJoin().get(15, TimeUnit.SECONDS);
    return peer;
  }

  private void await(String what, BooleanSupplier condition) throws Exception {
    assertTrue(app.runUntil(condition, PATIENCE), what + "; screen:\n" + app.screenText());
  }

  private void awaitText(String text) throws Exception {
    await("shows \"" + text + "\"", () -> terminalText().contains(text));
  }

  /** Waits for a peer's own view, while the UI keeps running. */
  private void awaitPeer(String what, BooleanSupplier condition) throws Exception {
    await(what, condition);
  }

  private void type(String text) {
    for (char character : text.toCharArray()) {
      terminal.addInput(new KeyStroke(character, false, false));
    }
  }

  /** What the terminal itself shows (not the screen's buffer), row by row. */
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

  /** Cells of the picture area drawn in one of the denser characters, in true colour. */
  private int colouredPictureCells() {
    int count = 0;
    for (int row = 1; row < 21; row++) {
      for (int column = 2; column < 80; column++) {
        TextCharacter cell = terminal.getCharacter(column, row);
        if ("@%#*".contains(cell.getCharacterString())
            && cell.getForegroundColor() instanceof TextColor.RGB) {
          count++;
        }
      }
    }
    return count;
  }

  private static int scoreAt(EmbeddedPeer peer, String postId) {
    List<FeedPost> feed = peer.feed(FeedSort.NEW, 100).join();
    return feed.stream()
        .filter(post -> post.id().equals(postId))
        .mapToInt(FeedPost::score)
        .findFirst()
        .orElse(-1);
  }

  @Test
  void aPostFromAnotherRealPeerIsShownVotedOnAndABrokenFileChangesNothing() throws Exception {
    EmbeddedPeer me = start("me", null);
    EmbeddedPeer alice = start("alice", me);
    app = Catascii.open(me, terminal, ColorMode.TRUE_COLOR);
    awaitText("No posts yet");

    alice.setDisplayName("Alice").get(10, TimeUnit.SECONDS);
    String postId =
        alice
            .post(EmbeddedPeerTest.cat("chelsea.jpg"), "Chelsea, from the other peer")
            .get(30, TimeUnit.SECONDS);

    awaitText("Chelsea, from the other peer");
    awaitText("by Alice  ▲ 0 votes");
    await("the picture is drawn in colour", () -> colouredPictureCells() > 100);
    assertEquals(List.of(postId), app.posts().stream().map(FeedPost::id).toList());
    assertTrue(app.posts().get(0).isPictureHeld(), "the picture was fetched from alice");

    type("u");
    awaitText("1 vote (yours included)");
    awaitPeer("alice counts the upvote", () -> scoreAt(alice, postId) == 1);
    type("u");
    awaitText("▲ 0 votes");
    awaitPeer("alice counts the retraction", () -> scoreAt(alice, postId) == 0);

    String setHash = me.ledgerSummary().get(10, TimeUnit.SECONDS).setHash();
    awaitPeer(
        "both peers hold the same transitions",
        () -> setHash.equals(alice.ledgerSummary().join().setHash()));
    long transitionsBefore = me.ledgerSummary().get(10, TimeUnit.SECONDS).transitions();
    Path truncated = temp.resolve("truncated.jpg");
    Files.write(truncated, EmbeddedPeerTest.cat("truncated.jpg"));
    String pictureRows = String.join("\n", terminalText().lines().skip(1).limit(17).toList());
    type("p");
    awaitText("Picture file:");
    type(truncated.toString());
    terminal.addInput(new KeyStroke(KeyType.Enter));
    await("an error line", app::isStatusError);
    awaitText("Error: This picture is damaged or cut off");
    assertFalse(terminalText().contains("Picture file:"), "back to the feed");
    assertEquals(transitionsBefore, me.ledgerSummary().get(10, TimeUnit.SECONDS).transitions());
    assertEquals(setHash, me.ledgerSummary().get(10, TimeUnit.SECONDS).setHash());
    assertEquals(List.of(postId), app.posts().stream().map(FeedPost::id).toList());
    assertEquals(pictureRows, String.join("\n", terminalText().lines().skip(1).limit(17).toList()));

    type("i");
    awaitText("Your name:");
    type("Mo");
    terminal.addInput(new KeyStroke(KeyType.Enter));
    awaitText("catascii · Mo");
    String myPeerId = me.identity().peerId();
    awaitPeer(
        "alice's network view names me",
        () ->
            alice.network().neighbours().stream()
                .anyMatch(n -> n.peerId().equals(myPeerId) && n.displayName().equals("Mo")));

    type("n");
    awaitText("Network around " + me.identity().peerId());
    String aliceId = alice.identity().peerId();
    // The PEER column shows the id's first 11 digits and an ellipsis.
    awaitText(aliceId.substring(0, 11) + "… Alice");
    awaitText("ledger.transitions");
  }
}
