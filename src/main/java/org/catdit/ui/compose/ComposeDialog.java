package org.catdit.ui.compose;

import atlantafx.base.theme.Styles;
import java.io.ByteArrayInputStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.catdit.feed.PictureRejectedException;
import org.catdit.ui.common.Ages;
import org.catdit.ui.common.Session;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The compose window: a preview, the caption, and Post; errors are shown in it, in words. */
final class ComposeDialog {
  private static final double PREVIEW_WIDTH = 420;
  private static final double PREVIEW_HEIGHT = 300;

  private final Session session;
  private final byte[] bytes;
  private final Consumer<String> onPosted;
  private final Stage stage = new Stage();
  private final Label error = new Label();
  private final TextField caption = new TextField();
  private final Button post = new Button("Post", new FontIcon(Material2MZ.SEND));
  private final Label status = new Label();
  private boolean isRejected;
  private boolean isPosting;

  ComposeDialog(
      Session session, Window owner, byte[] bytes, String name, Consumer<String> onPosted) {
    this.session = session;
    this.bytes = bytes;
    this.onPosted = onPosted;

    ImageView preview = new ImageView();
    preview.setId("compose-preview");
    preview.setFitWidth(PREVIEW_WIDTH);
    preview.setFitHeight(PREVIEW_HEIGHT);
    preview.setPreserveRatio(true);
    FontIcon noPreview = new FontIcon(Material2AL.BROKEN_IMAGE);
    noPreview.getStyleClass().add("thumbnail-placeholder");
    StackPane frame = new StackPane(noPreview, preview);
    frame.getStyleClass().add("thumbnail-frame");
    frame.setPrefSize(PREVIEW_WIDTH, PREVIEW_HEIGHT);

    Label source = new Label(bytes == null ? name : name + " · " + Ages.bytes(bytes.length));
    source.getStyleClass().add(Styles.TEXT_MUTED);

    error.setId("compose-error");
    error.getStyleClass().addAll(Styles.DANGER, "compose-error");
    error.setGraphic(new FontIcon(Material2AL.ERROR_OUTLINE));
    error.setWrapText(true);
    error.setMaxWidth(PREVIEW_WIDTH);
    error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    error.setVisible(false);
    error.managedProperty().bind(error.visibleProperty());

    caption.setId("compose-caption");
    caption.setPromptText("Say something about this cat (optional)");
    caption.setTextFormatter(
        new TextFormatter<String>(
            change ->
                change.getControlNewText().length() <= ComposeController.MAX_CAPTION_CHARS
                    ? change
                    : null));
    Label remaining = new Label();
    remaining.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    remaining
        .textProperty()
        .bind(
            caption
                .textProperty()
                .length()
                .negate()
                .add(ComposeController.MAX_CAPTION_CHARS)
                .asString());
    HBox captionRow = new HBox(8, caption, remaining);
    captionRow.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(caption, Priority.ALWAYS);

    post.setId("compose-post");
    post.getStyleClass().add(Styles.ACCENT);
    post.setDefaultButton(true);
    post.setOnAction(event -> post());
    Button cancel = new Button("Cancel");
    cancel.setId("compose-cancel");
    cancel.setCancelButton(true);
    cancel.setOnAction(event -> stage.close());
    status.getStyleClass().add(Styles.TEXT_MUTED);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox buttons = new HBox(8, status, spacer, cancel, post);
    buttons.setAlignment(Pos.CENTER_RIGHT);

    VBox root = new VBox(10, frame, source, error, captionRow, buttons);
    root.setPadding(new Insets(16));
    root.getStyleClass().add("compose");

    Scene scene = new Scene(root);
    if (owner != null && owner.getScene() != null) {
      scene.getStylesheets().addAll(owner.getScene().getStylesheets());
      stage.initOwner(owner);
      stage.initModality(Modality.WINDOW_MODAL);
    }
    scene
        .getAccelerators()
        .put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), this::post);
    stage.setScene(scene);
    stage.setTitle("Post a cat picture");

    if (bytes == null) {
      isRejected = true;
      post.setDisable(true);
      caption.setDisable(true);
      return;
    }
    status.setText("Checking the picture…");
    post.setDisable(true);
    CompletableFuture.supplyAsync(
            () ->
                new Image(
                    new ByteArrayInputStream(bytes), PREVIEW_WIDTH, PREVIEW_HEIGHT, true, true),
            session.threads().background())
        .thenAcceptAsync(
            image -> {
              if (!image.isError()) {
                preview.setImage(image);
              }
            },
            session.threads().fx());
    session
        .peer()
        .checkPicture(bytes)
        .whenCompleteAsync(
            (ok, failure) -> {
              status.setText("");
              Throwable cause = unwrap(failure);
              if (cause instanceof PictureRejectedException rejected) {
                showError(rejected.getMessage());
              } else if (cause != null) {
                // The check itself failed; posting will check again and say why.
                status.setText("Could not check the picture in advance.");
              }
              if (!isRejected) {
                post.setDisable(false);
              }
            },
            session.threads().fx());
  }

  void show() {
    stage.show();
    caption.requestFocus();
  }

  void close() {
    stage.close();
  }

  void showError(String message) {
    isRejected = true;
    error.setText(message);
    error.setVisible(true);
    post.setDisable(true);
    caption.setDisable(true);
    stage.sizeToScene();
  }

  private void post() {
    if (isRejected || isPosting || bytes == null) {
      return;
    }
    isPosting = true;
    post.setDisable(true);
    status.setText("Posting…");
    session
        .peer()
        .post(bytes, caption.getText().strip())
        .whenCompleteAsync(
            (postId, failure) -> {
              isPosting = false;
              status.setText("");
              if (failure == null) {
                stage.close();
                onPosted.accept(postId);
                return;
              }
              Throwable cause = unwrap(failure);
              if (cause instanceof PictureRejectedException rejected) {
                showError(rejected.getMessage());
              } else {
                error.setText("Could not post: " + ComposeController.rootMessage(cause));
                error.setVisible(true);
                stage.sizeToScene();
                post.setDisable(false);
              }
            },
            session.threads().fx());
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
