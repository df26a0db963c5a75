package org.catdit.ui.network;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import org.catdit.feed.Neighbour;
import org.catdit.feed.NetworkView;
import org.catdit.ui.common.Ages;
import org.catdit.ui.common.EventBatch;
import org.catdit.ui.common.Session;

/**
 * The network panel (design card: "a live panel drawing the local broadcast-tree neighbours"): the
 * drawing of this peer's links beside a table of each neighbour's round-trip time, loss, traffic
 * and link age, and the SCAMP network-size estimate.
 */
public final class NetworkController {
  /** Neighbours whose arrival counts are kept; SCAMP views are O(log N), far below this. */
  static final int MAX_COUNTED_NEIGHBOURS = 1_024;

  private final Session session;
  private final NetworkGraph graph = new NetworkGraph();
  private final ObservableList<NeighbourRow> rows = FXCollections.observableArrayList();
  private final TableView<NeighbourRow> table = new TableView<>(rows);
  private final Label size = new Label();
  private final Label delivered = new Label();
  private final Label links = new Label();
  private final Map<String, long[]> arrivalCounts = new HashMap<>();
  private final BorderPane root = new BorderPane();
  private NetworkView latest;

  public NetworkController(Session session) {
    this.session = session;
    graph.setId("network-graph");
    table.setId("neighbour-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("No neighbours yet: joining the overlay…"));
    table
        .getColumns()
        .addAll(
            column("Peer", NeighbourRow::name, 95),
            column("Dir.", NeighbourRow::direction, 45),
            column("Link", NeighbourRow::link, 55),
            column(
                "RTT",
                row ->
                    row.neighbour().rttMillis() < 0
                        ? "—"
                        : String.format(
                            row.neighbour().rttMillis() < 100 ? "%.1f ms" : "%.0f ms",
                            row.neighbour().rttMillis()),
                70),
            column("Loss", row -> String.format("%.1f %%", 100 * row.neighbour().lossRate()), 55),
            column(
                "Sent / received",
                row ->
                    Ages.bytes(row.neighbour().bytesSent())
                        + " / "
                        + Ages.bytes(row.neighbour().bytesReceived()),
                150),
            column("Msgs (dup)", row -> row.arrivals() + " (" + row.duplicates() + ")", 110),
            column("Age", row -> Ages.duration(row.neighbour().ageSeconds()), 55));
    table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);

    size.setId("network-size");
    size.getStyleClass().add(Styles.TITLE_4);
    delivered.setId("network-delivered");
    links.setId("network-links");
    delivered.getStyleClass().add(Styles.TEXT_MUTED);
    links.getStyleClass().add(Styles.TEXT_MUTED);
    HBox header = new HBox(24, size, links, delivered);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(12, 16, 8, 16));

    VBox legend =
        new VBox(
            4,
            legendLine("link-eager", "eager: the broadcast tree pushes posts"),
            legendLine("link-lazy", "lazy: announces only; grafted on loss"),
            new Label("▶ arrow at the receiving end: out-link (partial view) / in-link (in-view)"),
            new Label("● a message arriving; red: a duplicate"));
    legend.getStyleClass().addAll("network-legend", Styles.TEXT_SMALL);
    legend.setPadding(new Insets(8, 16, 12, 16));
    BorderPane drawing = new BorderPane(graph);
    drawing.setBottom(legend);

    SplitPane split = new SplitPane(drawing, table);
    split.setOrientation(Orientation.HORIZONTAL);
    split.setDividerPositions(0.42);
    root.setTop(header);
    root.setCenter(split);
    root.getStyleClass().add("network");

    session.bridge().listen(this::onBatch);
    CompletableFuture.supplyAsync(() -> session.peer().network(), session.threads().background())
        .thenAcceptAsync(this::show, session.threads().fx());
  }

  public Node view() {
    return root;
  }

  /** The rows of the neighbour table (FX thread). */
  public ObservableList<NeighbourRow> rows() {
    return FXCollections.unmodifiableObservableList(rows);
  }

  private void onBatch(EventBatch batch) {
    for (EventBatch.Arrivals arrivals : batch.arrivals()) {
      long[] counts = arrivalCounts.get(arrivals.fromPeerId());
      if (counts == null && arrivalCounts.size() < MAX_COUNTED_NEIGHBOURS) {
        counts = new long[2];
        arrivalCounts.put(arrivals.fromPeerId(), counts);
      }
      if (counts != null) {
        counts[0] += arrivals.count();
        counts[1] += arrivals.duplicates();
      }
      boolean isAllDuplicates = arrivals.duplicates() == arrivals.count();
      graph.animateArrival(arrivals.fromPeerId(), isAllDuplicates);
    }
    if (batch.network().isPresent()) {
      show(batch.network().get());
    } else if (!batch.arrivals().isEmpty() && latest != null) {
      updateRows(latest);
    }
  }

  private void show(NetworkView view) {
    latest = view;
    // Forget counts of peers that left, so the map holds only the current neighbourhood.
    List<String> present = view.neighbours().stream().map(Neighbour::peerId).toList();
    arrivalCounts.keySet().retainAll(present);
    graph.show(view, session.peer().identity().publicKeyHex());
    updateRows(view);
    size.setText(String.format("≈ %,d peers in the network", view.networkSizeEstimate()));
    long out = view.neighbours().stream().filter(Neighbour::isInPartialView).count();
    long in = view.neighbours().stream().filter(Neighbour::isInInView).count();
    long eager = view.neighbours().stream().filter(Neighbour::isEager).count();
    links.setText(count(out, "out-link") + " · " + count(in, "in-link") + " · " + eager + " eager");
    double duplicateShare =
        view.messagesDelivered() + view.duplicatesReceived() == 0
            ? 0
            : 100.0
                * view.duplicatesReceived()
                / (view.messagesDelivered() + view.duplicatesReceived());
    delivered.setText(
        String.format(
            "%,d delivered · %s (%.1f %%)",
            view.messagesDelivered(),
            count(view.duplicatesReceived(), "duplicate"),
            duplicateShare));
  }

  private void updateRows(NetworkView view) {
    List<NeighbourRow> updated = new ArrayList<>(view.neighbours().size());
    for (Neighbour neighbour : view.neighbours()) {
      long[] counts = arrivalCounts.getOrDefault(neighbour.peerId(), new long[2]);
      updated.add(new NeighbourRow(neighbour, counts[0], counts[1]));
    }
    rows.setAll(updated);
  }

  private static String count(long count, String noun) {
    return String.format("%,d", count) + " " + noun + (count == 1 ? "" : "s");
  }

  private static TableColumn<NeighbourRow, String> column(
      String title, Function<NeighbourRow, String> value, double width) {
    TableColumn<NeighbourRow, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    // Never squeezed below what its figures need (a narrow window scrolls the table instead).
    column.setMinWidth(width);
    return column;
  }

  private static HBox legendLine(String styleClass, String text) {
    Line line = new Line(0, 0, 28, 0);
    line.getStyleClass().addAll("link", styleClass);
    HBox box = new HBox(8, line, new Label(text));
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }
}
