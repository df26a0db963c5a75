package org.catdit.ui.settings;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.catdit.feed.PeerSettings;
import org.catdit.ui.common.Ages;
import org.catdit.ui.common.EventBatch;
import org.catdit.ui.common.Session;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** Port, LAN discovery, the theme, and how much disk the pictures take. */
public final class SettingsController {
  private final Session session;
  private final Spinner<Integer> port = new Spinner<>(0, 65_535, 0);
  private final ToggleSwitch lanDiscovery = new ToggleSwitch("Find peers on the local network");
  private final ToggleSwitch darkTheme = new ToggleSwitch("Dark theme (Ctrl+L)");
  private final Label storage = new Label("…");
  private final Label status = new Label();
  private final ScrollPane root;
  private boolean isStorageRefreshing;

  /**
   * @param isDarkTheme the shell's theme switch, bound both ways
   */
  public SettingsController(Session session, BooleanProperty isDarkTheme) {
    this.session = session;
    port.setId("settings-port");
    port.setEditable(true);
    port.setPrefWidth(120);
    lanDiscovery.setId("settings-lan");
    darkTheme.setId("settings-dark");
    darkTheme.selectedProperty().bindBidirectional(isDarkTheme);
    storage.setId("settings-storage");
    storage.getStyleClass().add(Styles.TITLE_4);
    status.setId("settings-status");
    status.setWrapText(true);

    Button save = new Button("Save", new FontIcon(Material2MZ.SAVE));
    save.setId("settings-save");
    save.getStyleClass().add(Styles.ACCENT);
    save.setOnAction(event -> save());
    save.setDisable(true);

    Label portNote =
        new Label("UDP port this peer listens on; 0 picks a free one. Used from the next start.");
    portNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
    HBox portRow = new HBox(8, new Label("Port"), port);
    portRow.setAlignment(Pos.CENTER_LEFT);
    Label storageNote =
        new Label("Every peer keeps every picture, so this grows with the network.");
    storageNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

    VBox content =
        new VBox(
            14,
            heading("Network"),
            portRow,
            portNote,
            lanDiscovery,
            new HBox(8, save),
            status,
            heading("Look"),
            darkTheme,
            heading("Storage used by pictures"),
            storage,
            storageNote);
    content.setPadding(new Insets(24));
    content.setMaxWidth(640);
    root = new ScrollPane(content);
    root.setFitToWidth(true);

    session
        .peer()
        .settings()
        .whenCompleteAsync(
            (settings, failure) -> {
              if (failure != null) {
                status.setText("This peer cannot show its settings: " + rootMessage(failure));
                return;
              }
              port.getValueFactory().setValue(settings.port());
              lanDiscovery.setSelected(settings.isLanDiscoveryOn());
              save.setDisable(false);
            },
            session.threads().fx());
    session.bridge().listen(this::onBatch);
    refreshStorage();
  }

  public Node view() {
    return root;
  }

  private void onBatch(EventBatch batch) {
    if (!batch.availablePictureHashes().isEmpty() || !batch.changedPostIds().isEmpty()) {
      refreshStorage();
    }
  }

  /** Re-reads the storage figure off the FX thread; one read at a time however often asked. */
  public void refreshStorage() {
    if (isStorageRefreshing) {
      return;
    }
    isStorageRefreshing = true;
    CompletableFuture.supplyAsync(
            () -> session.peer().pictureStorageBytes(), session.threads().background())
        .whenCompleteAsync(
            (bytes, failure) -> {
              isStorageRefreshing = false;
              storage.setText(failure == null ? Ages.bytes(bytes) : "unknown");
            },
            session.threads().fx());
  }

  private void save() {
    PeerSettings settings;
    try {
      port.increment(0); // commits a value typed into the spinner
      settings = new PeerSettings(port.getValue(), lanDiscovery.isSelected());
    } catch (IllegalArgumentException bad) {
      status.setText(bad.getMessage());
      return;
    }
    session
        .peer()
        .applySettings(settings)
        .whenCompleteAsync(
            (done, failure) ->
                status.setText(
                    failure == null
                        ? "Saved. LAN discovery is "
                            + (settings.isLanDiscoveryOn() ? "on" : "off")
                            + "; the port applies from the next start."
                        : "Not saved: " + rootMessage(failure)),
            session.threads().fx());
  }

  private static Label heading(String text) {
    Label label = new Label(text);
    label.getStyleClass().add(Styles.TITLE_4);
    return label;
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
