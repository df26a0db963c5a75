package org.catdit.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.shape.Line;
import javafx.stage.Stage;
import org.catdit.app.EmbeddedPeer;
import org.catdit.app.PeerOptions;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.ui.network.NeighbourRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Two windows on two real embedded peers (node, ledger, store, picture transfer) joined over
 * loopback: what one posts and votes, the other receives and shows.
 */
@ExtendWith(ApplicationExtension.class)
class RealPeersTest {
  private static final Path CHELSEA = CatditWindowFixture.resource("chelsea.jpg");

  /** Across the network, on a machine that may be busy. */
  private static final long NETWORK_SECONDS = 60;

  private static final Path TRUNCATED = CatditWindowFixture.resource("truncated.jpg");

  private Path data;
  private EmbeddedPeer alice;
  private EmbeddedPeer bob;
  private CatditWindowFixture aliceUi;
  private CatditWindowFixture bobUi;

  @Start
  void start(Stage stage) throws Exception {
    data = Files.createTempDirectory("catdit-real-peers");
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    alice =
        EmbeddedPeer.open(
            PeerOptions.of(data.resolve("alice")).withBind(loopback).withDiscovery(false));
    bob =
        EmbeddedPeer.open(
            PeerOptions.of(data.resolve("bob"))
                .withBind(loopback)
                .withDiscovery(false)
                .withContact(alice.runtime().localAddress(), alice.runtime().peerId()));
    bob.startJoin().get(15, TimeUnit.SECONDS);
    alice.setDisplayName("Alice").get(10, TimeUnit.SECONDS);
    bob.setDisplayName("Bob").get(10, TimeUnit.SECONDS);
    aliceUi = CatditWindowFixture.open(stage, alice);
    Stage second = new Stage();
    // Exactly over the first: Monocle's headless screen is small, and a window reaching past its
    // edge makes the software painter overflow (BufferOverflowException), after which the window
    // is never drawn again. toFront() before clicking picks the window.
    second.setX(stage.getX());
    second.setY(stage.getY());
    bobUi = CatditWindowFixture.open(second, bob);
  }

  @AfterEach
  void closeAll() throws Exception {
    aliceUi.close();
    bobUi.close();
    alice.close();
    bob.close();
  }

  /** A post from the network may wait behind the "new posts" button: the user clicks it. */
  private static void showCard(CatditWindowFixture ui, String caption) {
    ui.waitUntil(
        caption + " offered or shown",
        NETWORK_SECONDS,
        () ->
            ui.card(caption).isPresent()
                || ui.robot()
                    .lookup("#show-new-posts")
                    .tryQuery()
                    .map(n -> n.isVisible())
                    .orElse(false));
    if (ui.card(caption).isEmpty()) {
      ui.toFront();
      ui.robot().clickOn("#show-new-posts");
    }
    ui.waitUntil(caption + " shown", () -> ui.card(caption).isPresent());
  }

  @Test
  void aPostAndAVoteTravelBetweenTheTwoWindowsAndTheNetworkPanelShowsTheTree() throws Exception {
    aliceUi.post(CHELSEA, "Chelsea, from Alice's window");

    showCard(bobUi, "Chelsea, from Alice's window");
    FeedPost atBob = bobUi.feedPost("Chelsea, from Alice's window").orElseThrow();
    assertEquals("Alice", atBob.authorName());
    bobUi.waitUntil(
        "the thumbnail at Bob",
        NETWORK_SECONDS,
        () -> bobUi.window().session().orElseThrow().images().size() >= 1);

    bobUi.clickUpvote("Chelsea, from Alice's window");
    bobUi.waitUntil(
        "score 1 at Bob", () -> "1".equals(bobUi.shownScore("Chelsea, from Alice's window")));
    aliceUi.waitUntil(
        "score 1 at Alice",
        NETWORK_SECONDS,
        () -> "1".equals(aliceUi.shownScore("Chelsea, from Alice's window")));
    FeedPost atAlice = alice.feed(FeedSort.TOP, 1).get().get(0);
    assertEquals(1, atAlice.score());

    aliceUi.toFront();
    aliceUi.offerFile(TRUNCATED);
    aliceUi.waitUntil(
        "an error for the broken file",
        () ->
            aliceUi
                .robot()
                .lookup("#compose-error")
                .tryQuery()
                .map(n -> n.isVisible())
                .orElse(false));
    String message =
        aliceUi
            .robot()
            .lookup("#compose-error")
            .queryAs(javafx.scene.control.Label.class)
            .getText();
    assertTrue(message.contains("damaged or cut off"), message);
    aliceUi.robot().clickOn("#compose-cancel");
    assertEquals(1, alice.feed(FeedSort.NEW, 10).get().size());

    aliceUi.showScreen(1);
    aliceUi.waitUntil(
        "Bob listed as a neighbour",
        NETWORK_SECONDS,
        () -> !aliceUi.window().network().orElseThrow().rows().isEmpty());
    List<NeighbourRow> rows =
        aliceUi.onFx(() -> List.copyOf(aliceUi.window().network().orElseThrow().rows()));
    assertEquals("Bob", rows.get(0).name());
    TableView<?> table = aliceUi.lookupHere("#neighbour-table").queryAs(TableView.class);
    assertEquals(1, table.getItems().size());
    aliceUi.waitUntil(
        "an eager link drawn",
        NETWORK_SECONDS,
        () ->
            !aliceUi
                .lookupHere(".link-eager")
                .match(node -> node instanceof Line && node.getUserData() != null)
                .queryAll()
                .isEmpty());
    assertTrue(rows.get(0).link().equals("eager") || rows.get(0).link().equals("lazy"));
  }
}
