package org.catdit.ui.shell;

import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.catdit.feed.NetworkView;
import org.catdit.feed.SyncProgress;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The line at the bottom: catching-up progress, neighbours, a network-size guess, messages. */
final class StatusBar {
  private static final Duration MESSAGE_SHOWN = Duration.seconds(8);

  private final Label progressText = new Label("Starting…");
  private final ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
  private final Label neighbours = new Label();
  private final Label message = new Label();
  private final PauseTransition messageTimer = new PauseTransition(MESSAGE_SHOWN);
  private final HBox root;

  StatusBar() {
    progressText.setId("status-progress");
    progressText.setGraphic(new FontIcon(Material2MZ.SYNC));
    progress.setPrefWidth(120);
    progress.getStyleClass().add(Styles.SMALL);
    neighbours.setId("status-neighbours");
    neighbours.setGraphic(new FontIcon(Material2AL.DEVICE_HUB));
    message.setId("status-message");
    message.getStyleClass().add("status-message");
    messageTimer.setOnFinished(event -> message.setText(""));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    root = new HBox(12, progressText, progress, message, spacer, neighbours);
    root.setAlignment(Pos.CENTER_LEFT);
    root.setPadding(new Insets(4, 12, 4, 12));
    root.getStyleClass().add("status-bar");
  }

  HBox root() {
    return root;
  }

  void showProgress(SyncProgress sync) {
    if (sync.isCaughtUp()) {
      progressText.setText(String.format("Up to date · %,d transitions", sync.have()));
      progressText.setGraphic(new FontIcon(Material2AL.CHECK_CIRCLE));
      progress.setVisible(false);
      progress.setManaged(false);
    } else {
      progressText.setText(String.format("Catching up %,d / %,d", sync.have(), sync.total()));
      progressText.setGraphic(new FontIcon(Material2MZ.SYNC));
      progress.setVisible(true);
      progress.setManaged(true);
      progress.setProgress(
          sync.total() == 0
              ? ProgressBar.INDETERMINATE_PROGRESS
              : (double) sync.have() / sync.total());
    }
  }

  void showStarting(String text) {
    progressText.setText(text);
    progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
  }

  void showNetwork(NetworkView view) {
    int count = view.neighbours().size();
    neighbours.setText(
        (count == 1 ? "1 neighbour" : count + " neighbours")
            + String.format(" · ≈ %,d peers", view.networkSizeEstimate()));
  }

  void say(String text) {
    message.setText(text);
    messageTimer.playFromStart();
  }

  String message() {
    return message.getText();
  }
}
