package org.catdit.ui.network;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.TranslateTransition;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.util.Duration;
import org.catdit.feed.Neighbour;
import org.catdit.feed.NetworkView;
import org.catdit.ui.common.IdenticonView;

/**
 * The drawing: this peer in the centre, its neighbours on a circle around it in the node's stable
 * order, a line per link (solid and thick for eager tree links, dashed for lazy ones), an arrowhead
 * at the receiving end of each direction (out-links point outwards, in-links inwards), and a dot
 * running along a link for each broadcast message that arrives over it (red for duplicates).
 */
final class NetworkGraph extends Pane {
  /** Dots animated at once; more arrivals are counted but not drawn (CPU, apps.md §0.10). */
  static final int MAX_DOTS_IN_FLIGHT = 24;

  private static final double SELF_RADIUS = 26;
  private static final double NEIGHBOUR_RADIUS = 16;
  private static final double ARRIVAL_MILLIS = 600;

  private final Group links = new Group();
  private final Group nodes = new Group();
  private final Group dots = new Group();
  private final IdenticonView selfIcon = new IdenticonView(2 * SELF_RADIUS);
  private final Map<String, Point2D> positions = new HashMap<>();
  private NetworkView view;
  private int dotsInFlight;
  private long dotsSkipped;

  NetworkGraph() {
    getStyleClass().add("network-graph");
    setMinSize(300, 300);
    getChildren().addAll(links, nodes, dots);
    widthProperty().addListener((observable, old, now) -> redraw());
    heightProperty().addListener((observable, old, now) -> redraw());
    Circle clip = new Circle(SELF_RADIUS, SELF_RADIUS, SELF_RADIUS);
    selfIcon.setClip(clip);
  }

  void show(NetworkView newView, String selfKeyHex) {
    this.view = newView;
    selfIcon.show(selfKeyHex);
    redraw();
  }

  long dotsSkipped() {
    return dotsSkipped;
  }

  private void redraw() {
    links.getChildren().clear();
    nodes.getChildren().clear();
    positions.clear();
    if (view == null) {
      return;
    }
    double width = getWidth();
    double height = getHeight();
    Point2D centre = new Point2D(width / 2, height / 2);
    double radius = Math.max(60, Math.min(width, height) / 2 - 56);
    List<Neighbour> neighbours = view.neighbours();
    for (int index = 0; index < neighbours.size(); index++) {
      Neighbour neighbour = neighbours.get(index);
      double angle = 2 * Math.PI * index / neighbours.size() - Math.PI / 2;
      Point2D at = centre.add(radius * Math.cos(angle), radius * Math.sin(angle));
      positions.put(neighbour.peerId(), at);
      drawLink(centre, at, neighbour);
      drawNeighbour(at, neighbour);
    }
    selfIcon.setLayoutX(centre.getX() - SELF_RADIUS);
    selfIcon.setLayoutY(centre.getY() - SELF_RADIUS);
    Circle ring = new Circle(centre.getX(), centre.getY(), SELF_RADIUS + 2);
    ring.getStyleClass().add("self-ring");
    Label you = new Label("you");
    you.getStyleClass().add("node-label");
    // Beside the ring on the lower right, not under it: the link from a neighbour straight below
    // ends there and its arrowhead would cross the word.
    you.setLayoutX(centre.getX() + SELF_RADIUS * 0.75 + 4);
    you.setLayoutY(centre.getY() + SELF_RADIUS * 0.75);
    nodes.getChildren().addAll(ring, selfIcon, you);
  }

  private void drawLink(Point2D centre, Point2D at, Neighbour neighbour) {
    Line line = new Line(centre.getX(), centre.getY(), at.getX(), at.getY());
    line.getStyleClass().addAll("link", neighbour.isEager() ? "link-eager" : "link-lazy");
    line.setUserData(neighbour.peerId());
    links.getChildren().add(line);
    Point2D direction = at.subtract(centre).normalize();
    if (neighbour.isInPartialView()) {
      links
          .getChildren()
          .add(arrow(at.subtract(direction.multiply(NEIGHBOUR_RADIUS + 3)), direction, neighbour));
    }
    if (neighbour.isInInView()) {
      Point2D inward = direction.multiply(-1);
      links
          .getChildren()
          .add(arrow(centre.add(direction.multiply(SELF_RADIUS + 5)), inward, neighbour));
    }
  }

  private static Polygon arrow(Point2D tip, Point2D direction, Neighbour neighbour) {
    Point2D back = tip.subtract(direction.multiply(10));
    Point2D side = new Point2D(-direction.getY(), direction.getX()).multiply(5);
    Point2D left = back.add(side);
    Point2D right = back.subtract(side);
    Polygon arrow =
        new Polygon(tip.getX(), tip.getY(), left.getX(), left.getY(), right.getX(), right.getY());
    arrow
        .getStyleClass()
        .addAll("link-arrow", neighbour.isEager() ? "link-eager-arrow" : "link-lazy-arrow");
    return arrow;
  }

  private void drawNeighbour(Point2D at, Neighbour neighbour) {
    IdenticonView icon = new IdenticonView(neighbour.peerId(), 2 * NEIGHBOUR_RADIUS);
    icon.setClip(new Circle(NEIGHBOUR_RADIUS, NEIGHBOUR_RADIUS, NEIGHBOUR_RADIUS));
    StackPane glyph = new StackPane(icon);
    glyph.getStyleClass().add("neighbour-node");
    glyph.setLayoutX(at.getX() - NEIGHBOUR_RADIUS);
    glyph.setLayoutY(at.getY() - NEIGHBOUR_RADIUS);
    NeighbourRow row = new NeighbourRow(neighbour, 0, 0);
    Tooltip.install(
        glyph,
        new Tooltip(
            row.name()
                + "\n"
                + row.direction()
                + ", "
                + row.link()
                + (neighbour.rttMillis() >= 0
                    ? String.format(", RTT %.1f ms", neighbour.rttMillis())
                    : "")));
    Label label = new Label(row.name());
    label.getStyleClass().add("node-label");
    label.setLayoutX(at.getX() - 30);
    label.setLayoutY(at.getY() + NEIGHBOUR_RADIUS + 2);
    label.setMaxWidth(80);
    nodes.getChildren().addAll(glyph, label);
  }

  /** Animates {@code count} arrivals from {@code fromPeerId} (one dot stands for the burst). */
  void animateArrival(String fromPeerId, boolean isDuplicate) {
    Point2D from = positions.get(fromPeerId);
    if (from == null || getScene() == null || getWidth() <= 0) {
      return; // not on screen: counted in the table, not drawn
    }
    if (dotsInFlight >= MAX_DOTS_IN_FLIGHT) {
      dotsSkipped++;
      return;
    }
    Point2D to = new Point2D(getWidth() / 2, getHeight() / 2);
    Circle dot = new Circle(4);
    dot.getStyleClass().add(isDuplicate ? "arrival-duplicate" : "arrival");
    dot.setTranslateX(from.getX());
    dot.setTranslateY(from.getY());
    dots.getChildren().add(dot);
    dotsInFlight++;
    TranslateTransition move = new TranslateTransition(Duration.millis(ARRIVAL_MILLIS), dot);
    move.setToX(to.getX());
    move.setToY(to.getY());
    move.setOnFinished(
        event -> {
          dots.getChildren().remove(dot);
          dotsInFlight--;
        });
    move.play();
  }
}
