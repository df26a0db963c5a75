package org.catdit.ui.feed;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.catdit.feed.FeedPost;
import org.catdit.ui.common.Ages;
import org.catdit.ui.common.Session;

/** The full picture of a post in a window of its own; Escape closes it. */
final class PictureViewer {
  private PictureViewer() {}

  static void show(Window owner, FeedPost post, Session session) {
    Label status = new Label("Loading the picture…");
    ImageView view = new ImageView();
    view.setPreserveRatio(true);
    StackPane centre = new StackPane(status, view);
    centre.setAlignment(Pos.CENTER);
    ScrollPane scroll = new ScrollPane(centre);
    scroll.setFitToWidth(true);
    scroll.setFitToHeight(true);
    Label details =
        new Label(
            post.caption()
                + "  —  "
                + post.authorName()
                + ", "
                + post.width()
                + "×"
                + post.height()
                + ", "
                + Ages.bytes(post.byteSize()));
    details.getStyleClass().add("picture-details");
    BorderPane root = new BorderPane(scroll);
    root.setBottom(details);
    root.getStyleClass().add("picture-viewer");

    Stage stage = new Stage();
    stage.initOwner(owner);
    stage.setTitle(post.caption().isEmpty() ? "Picture" : post.caption());
    double width = Math.min(Math.max(post.width(), 320), 1200);
    double height = Math.min(Math.max(post.height(), 240), 800) + 40;
    Scene scene = new Scene(root, width, height);
    scene.getStylesheets().addAll(owner.getScene().getStylesheets());
    scene.setOnKeyPressed(
        event -> {
          if (event.getCode() == KeyCode.ESCAPE) {
            stage.close();
          }
        });
    stage.setScene(scene);
    view.fitWidthProperty().bind(scene.widthProperty());
    view.fitHeightProperty().bind(scene.heightProperty().subtract(40));
    stage.show();

    session
        .peer()
        .picture(post.pictureHash())
        .thenApplyAsync(
            bytes -> bytes.map(b -> new Image(new ByteArrayInputStream(b))),
            session.threads().background())
        .whenCompleteAsync(
            (Optional<Image> image, Throwable failure) -> {
              if (failure != null) {
                status.setText(
                    "Could not load the picture: " + FeedController.rootMessage(failure));
              } else if (image.isEmpty()) {
                status.setText(
                    "The full picture has not arrived yet; it is being fetched from other peers.");
              } else if (image.get().isError()) {
                status.setText("This picture cannot be shown.");
              } else {
                status.setText("");
                view.setImage(image.get());
              }
            },
            session.threads().fx());
  }
}
