package org.catdit.ui.feed;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.catdit.feed.FeedSort;
import org.catdit.ui.common.Session;
import org.controlsfx.control.GridView;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The feed's layout: sort buttons and the new-posts button above a virtualised grid of cards. */
final class FeedView {
  static final double CELL_WIDTH = 236;
  static final double CELL_HEIGHT = 292;

  private final BorderPane root = new BorderPane();
  private final GridView<org.catdit.feed.FeedPost> grid;

  FeedView(FeedController controller, Session session) {
    grid = new GridView<>(controller.posts());
    grid.setId("feed-grid");
    grid.setCellWidth(CELL_WIDTH);
    grid.setCellHeight(CELL_HEIGHT);
    grid.setHorizontalCellSpacing(8);
    grid.setVerticalCellSpacing(8);
    grid.setCellFactory(unused -> new PostCell(controller, session));

    ToggleGroup sorts = new ToggleGroup();
    HBox sortButtons = new HBox();
    sortButtons
        .getChildren()
        .addAll(
            sortButton(
                controller,
                sorts,
                FeedSort.HOT,
                "Hot",
                Material2AL.LOCAL_FIRE_DEPARTMENT,
                "Score weighed against age (Ctrl+1)",
                Styles.LEFT_PILL),
            sortButton(
                controller,
                sorts,
                FeedSort.NEW,
                "New",
                Material2MZ.NEW_RELEASES,
                "Newest first (Ctrl+2)",
                Styles.CENTER_PILL),
            sortButton(
                controller,
                sorts,
                FeedSort.TOP,
                "Top",
                Material2MZ.STAR,
                "Most upvoted first (Ctrl+3)",
                Styles.RIGHT_PILL));
    controller
        .sortProperty()
        .addListener(
            (observable, old, now) ->
                sorts.getToggles().stream()
                    .filter(toggle -> toggle.getUserData() == now)
                    .findFirst()
                    .ifPresent(toggle -> toggle.setSelected(true)));

    Button showNew = new Button();
    showNew.setId("show-new-posts");
    showNew.getStyleClass().addAll(Styles.ACCENT, Styles.ROUNDED);
    showNew.setGraphic(new FontIcon(Material2AL.ARROW_UPWARD));
    showNew
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> {
                  int waiting = controller.waitingCountProperty().get();
                  if (controller.isStaleProperty().get()) {
                    return "New posts";
                  }
                  return waiting == 1 ? "1 new post" : waiting + " new posts";
                },
                controller.waitingCountProperty(),
                controller.isStaleProperty()));
    showNew
        .visibleProperty()
        .bind(controller.waitingCountProperty().greaterThan(0).or(controller.isStaleProperty()));
    showNew.managedProperty().bind(showNew.visibleProperty());
    showNew.setOnAction(event -> controller.reload());

    Label count = new Label();
    count.getStyleClass().add(Styles.TEXT_MUTED);
    count
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> pictures(controller.posts().size()), controller.posts()));

    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox header = new HBox(12, sortButtons, showNew, spacer, count);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(12, 16, 8, 16));

    Label emptyTitle = new Label("No cat pictures yet");
    emptyTitle.getStyleClass().add(Styles.TITLE_3);
    Label emptyHint =
        new Label("Post one with the Post button (Ctrl+N), drop a picture here, or paste one.");
    emptyHint.getStyleClass().add(Styles.TEXT_MUTED);
    FontIcon emptyIcon = new FontIcon(Material2MZ.PETS);
    emptyIcon.getStyleClass().add("empty-icon");
    VBox empty = new VBox(8, emptyIcon, emptyTitle, emptyHint);
    empty.setId("feed-empty");
    empty.setAlignment(Pos.CENTER);
    empty.visibleProperty().bind(Bindings.isEmpty(controller.posts()));
    empty.setMouseTransparent(true);

    root.setTop(header);
    root.setCenter(new StackPane(grid, empty));
    root.getStyleClass().add("feed");
  }

  private static String pictures(int count) {
    return count == 1 ? "1 picture" : String.format("%,d pictures", count);
  }

  private static ToggleButton sortButton(
      FeedController controller,
      ToggleGroup group,
      FeedSort sort,
      String text,
      org.kordamp.ikonli.Ikon icon,
      String tip,
      String pill) {
    ToggleButton button = new ToggleButton(text, new FontIcon(icon));
    button.setId("sort-" + sort.name().toLowerCase(java.util.Locale.ROOT));
    button.setUserData(sort);
    button.setToggleGroup(group);
    button.getStyleClass().add(pill);
    button.setTooltip(new Tooltip(tip));
    button.setSelected(controller.sortProperty().get() == sort);
    button.setOnAction(
        event -> {
          button.setSelected(true); // a sort stays chosen when clicked again
          controller.sortBy(sort);
        });
    return button;
  }

  Node root() {
    return root;
  }

  GridView<org.catdit.feed.FeedPost> grid() {
    return grid;
  }

  void scrollToTop() {
    if (grid.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getCellCount() > 0) {
      flow.scrollTo(0);
    }
  }
}
