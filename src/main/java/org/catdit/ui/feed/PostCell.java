package org.catdit.ui.feed;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.catdit.feed.FeedPost;
import org.catdit.ui.common.Ages;
import org.catdit.ui.common.IdenticonView;
import org.catdit.ui.common.Session;
import org.controlsfx.control.GridCell;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** One card: thumbnail, caption, author with identicon, age, score and the upvote toggle. */
final class PostCell extends GridCell<FeedPost> {
  static final double THUMBNAIL_WIDTH = 220;
  static final double THUMBNAIL_HEIGHT = 180;

  private final FeedController controller;
  private final Session session;
  private final ImageView thumbnail = new ImageView();
  private final FontIcon placeholder = new FontIcon(Material2MZ.PETS);
  private final Label caption = new Label();
  private final IdenticonView identicon = new IdenticonView(18);
  private final Label author = new Label();
  private final Label age = new Label();
  private final Label score = new Label();
  private final ToggleButton upvote = new ToggleButton();
  private final VBox card;

  PostCell(FeedController controller, Session session) {
    this.controller = controller;
    this.session = session;
    thumbnail.setFitWidth(THUMBNAIL_WIDTH);
    thumbnail.setFitHeight(THUMBNAIL_HEIGHT);
    thumbnail.setPreserveRatio(true);
    thumbnail.setSmooth(true);
    placeholder.getStyleClass().add("thumbnail-placeholder");
    StackPane frame = new StackPane(placeholder, thumbnail);
    frame.getStyleClass().add("thumbnail-frame");
    frame.setPrefSize(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
    frame.setMinSize(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
    frame.setMaxSize(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
    frame.setCursor(Cursor.HAND);
    Tooltip.install(frame, new Tooltip("Click for the full picture"));
    frame.setOnMouseClicked(
        event -> {
          if (getItem() != null) {
            PictureViewer.show(getScene().getWindow(), getItem(), session);
          }
        });

    caption.getStyleClass().add("caption");
    caption.setWrapText(true);
    caption.setMaxHeight(38);
    caption.setMinHeight(38);
    caption.setAlignment(Pos.TOP_LEFT);
    author.getStyleClass().addAll("author", Styles.TEXT_SMALL);
    author.setMaxWidth(110);
    age.getStyleClass().addAll("age", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    score.getStyleClass().addAll("score", Styles.TEXT_BOLD);
    upvote.getStyleClass().addAll("upvote", Styles.BUTTON_ICON, Styles.FLAT);
    upvote.setGraphic(new FontIcon(Material2MZ.THUMB_UP));
    upvote.setTooltip(new Tooltip("Upvote (click again to take it back)"));
    upvote.setOnAction(
        event -> {
          if (getItem() != null) {
            controller.setUpvote(getItem(), upvote.isSelected());
          }
        });

    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox byline = new HBox(6, identicon, author, age);
    byline.setAlignment(Pos.CENTER_LEFT);
    HBox votes = new HBox(4, byline, spacer, score, upvote);
    votes.setAlignment(Pos.CENTER_LEFT);
    card = new VBox(6, frame, caption, votes);
    card.getStyleClass().add("post-card");
    setGraphic(null);
  }

  @Override
  protected void updateItem(FeedPost post, boolean isEmpty) {
    super.updateItem(post, isEmpty);
    if (isEmpty || post == null) {
      setGraphic(null);
      return;
    }
    caption.setText(post.caption());
    author.setText(post.authorName());
    identicon.show(post.authorKeyHex());
    age.setText("· " + Ages.since(post.createdAtMillis(), System.currentTimeMillis()));
    score.setText(Integer.toString(post.score()));
    upvote.setSelected(post.isUpvotedByMe());
    upvote.pseudoClassStateChanged(
        javafx.css.PseudoClass.getPseudoClass("voted"), post.isUpvotedByMe());
    showThumbnail(post);
    setGraphic(card);
  }

  private void showThumbnail(FeedPost post) {
    String hash = post.thumbnailHash();
    var cached = session.images().cached(hash);
    if (cached.isPresent()) {
      thumbnail.setImage(cached.get());
      return;
    }
    thumbnail.setImage(null);
    if (!post.isThumbnailHeld()) {
      return; // the bridge's onPictureAvailable brings the post back with it held
    }
    session
        .images()
        .load(
            hash,
            image -> {
              // The cell may show another post by now: cells are reused as the grid scrolls.
              if (getItem() != null && getItem().thumbnailHash().equals(hash)) {
                thumbnail.setImage(image);
              }
            });
  }
}
