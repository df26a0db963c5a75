package org.catdit.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.shape.Line;
import javafx.stage.Stage;
import org.catdit.feed.InMemoryPeerHandle;
import org.catdit.feed.Neighbour;
import org.catdit.ui.network.NeighbourRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The network panel follows the overlay: neighbours, eager and lazy links, arrivals. */
@ExtendWith(ApplicationExtension.class)
class NetworkPanelTest {
  private InMemoryPeerHandle peer;
  private CatditWindowFixture ui;

  @Start
  void start(Stage stage) {
    peer = new InMemoryPeerHandle(11, "Ada");
    ui = CatditWindowFixture.open(stage, peer);
  }

  @AfterEach
  void closeAll() {
    ui.close();
    peer.close();
  }

  @Test
  void shouldListNeighboursAndDrawEagerLinksApartFromLazyOnes() {
    List<Neighbour> neighbours =
        List.of(
            InMemoryPeerHandle.neighbour("bob", true, true, true, 12.5),
            InMemoryPeerHandle.neighbour("cy", true, false, false, 30),
            InMemoryPeerHandle.neighbour("dee", false, true, false, 8));
    ui.showScreen(1);
    peer.simulateNeighbours(neighbours, 42, 100, 3);

    ui.waitUntil("three rows", () -> ui.window().network().orElseThrow().rows().size() == 3);
    TableView<?> table = ui.robot().lookup("#neighbour-table").queryAs(TableView.class);
    assertEquals(3, table.getItems().size());
    List<NeighbourRow> rows =
        ui.onFx(() -> List.copyOf(ui.window().network().orElseThrow().rows()));
    assertEquals("bob", rows.get(0).name());
    assertEquals("eager", rows.get(0).link());
    assertEquals("both", rows.get(0).direction());
    assertEquals("in", rows.get(2).direction());
    assertEquals(
        1,
        ui.robot()
            .lookup(".link-eager")
            .match(node -> node instanceof Line && node.getUserData() != null)
            .queryAll()
            .size());
    assertEquals(
        2,
        ui.robot()
            .lookup(".link-lazy")
            .match(node -> node instanceof Line && node.getUserData() != null)
            .queryAll()
            .size());
    assertTrue(ui.robot().lookup("#network-size").queryAs(Label.class).getText().contains("42"));
    assertTrue(
        ui.robot().lookup("#network-links").queryAs(Label.class).getText().contains("1 eager"));
  }

  @Test
  void shouldFollowAPruneAndCountArrivalsAndDuplicates() {
    Neighbour bob = InMemoryPeerHandle.neighbour("bob", true, true, true, 12.5);
    ui.showScreen(1);
    peer.simulateNeighbours(List.of(bob), 10, 0, 0);
    ui.waitUntil("bob eager", () -> ui.robot().lookup(".link-eager").tryQuery().isPresent());

    peer.simulateArrival(bob.peerId(), false);
    peer.simulateArrival(bob.peerId(), true);
    peer.simulateArrival(bob.peerId(), true);
    ui.waitUntil(
        "counted",
        () -> {
          List<NeighbourRow> rows = ui.window().network().orElseThrow().rows();
          return rows.size() == 1 && rows.get(0).arrivals() == 3 && rows.get(0).duplicates() == 2;
        });

    // Plumtree prunes a link that brings duplicates: it turns lazy in the next snapshot.
    Neighbour pruned = new Neighbour(bob.peerId(), "bob", true, true, false, 12.5, 0, 0, 0, 0, 60);
    peer.simulateNeighbours(List.of(pruned), 10, 1, 2);
    ui.waitUntil(
        "bob lazy",
        () ->
            ui.robot()
                .lookup(".link-eager")
                .match(node -> node.getUserData() != null)
                .tryQuery()
                .isEmpty());
    assertFalse(
        ui.robot()
            .lookup(".link-lazy")
            .match(node -> node.getUserData() != null)
            .queryAll()
            .isEmpty());
    assertEquals(3, ui.onFx(() -> ui.window().network().orElseThrow().rows().get(0).arrivals()));
  }
}
