package org.catdit.ui.identity;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.catdit.feed.Identity;
import org.catdit.ui.common.IdenticonView;
import org.catdit.ui.common.Session;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Who this peer is: display name, identicon, invite to hand to friends, joining through a friend's
 * invite, and backing up or restoring the key that is this identity.
 */
public final class IdentityController {
  public static final int MAX_DISPLAY_NAME_CHARS = 40;

  private final Session session;
  private final Runnable onIdentityChanged;
  private final IdenticonView identicon = new IdenticonView(96);
  private final Label name = new Label();
  private final Label peerId = new Label();
  private final TextField nameField = new TextField();
  private final TextField invite = new TextField();
  private final TextField publicKey = new TextField();
  private final TextField joinField = new TextField();
  private final Label status = new Label();
  private final ScrollPane root;

  /**
   * @param onIdentityChanged called on the FX thread after the display name changed
   */
  public IdentityController(Session session, Runnable onIdentityChanged) {
    this.session = session;
    this.onIdentityChanged = onIdentityChanged;

    name.getStyleClass().add(Styles.TITLE_2);
    name.setId("identity-name");
    peerId.getStyleClass().add(Styles.TEXT_MUTED);
    VBox who = new VBox(4, name, peerId);
    who.setAlignment(Pos.CENTER_LEFT);
    HBox header = new HBox(20, identicon, who);
    header.setAlignment(Pos.CENTER_LEFT);

    nameField.setId("identity-name-field");
    nameField.setPromptText("Your display name (1-40 characters)");
    Button saveName = new Button("Save name", new FontIcon(Material2MZ.SAVE));
    saveName.setId("identity-save-name");
    saveName.setOnAction(event -> saveName());
    nameField.setOnAction(event -> saveName());

    invite.setId("identity-invite");
    invite.setEditable(false);
    Button copyInvite = new Button("Copy", new FontIcon(Material2AL.CONTENT_COPY));
    copyInvite.setId("identity-copy-invite");
    copyInvite.setOnAction(event -> copy(invite.getText(), "Invite copied."));

    joinField.setId("identity-join-field");
    joinField.setPromptText("PEERID@HOST:PORT");
    Button join = new Button("Join", new FontIcon(Material2AL.DEVICE_HUB));
    join.setId("identity-join");
    join.setOnAction(event -> join());

    publicKey.setEditable(false);
    Button copyKey = new Button("Copy", new FontIcon(Material2AL.CONTENT_COPY));
    copyKey.setOnAction(event -> copy(publicKey.getText(), "Public key copied."));
    Button backup = new Button("Back up key…", new FontIcon(Material2AL.GET_APP));
    backup.setId("identity-backup");
    backup.setOnAction(event -> backup());
    Button restore = new Button("Restore key…", new FontIcon(Material2AL.FILE_UPLOAD));
    restore.setId("identity-restore");
    restore.setOnAction(event -> restore());

    status.setId("identity-status");
    status.setWrapText(true);

    VBox content =
        new VBox(
            18,
            header,
            section(
                "Display name",
                "Shown on your posts. Names are not unique; the picture beside"
                    + " it is drawn from your key and cannot be copied.",
                row(nameField, saveName)),
            section(
                "Your invite",
                "Give it to a friend: their catdit joins the network through"
                    + " yours. Peers on the same LAN find each other without one.",
                row(invite, copyInvite)),
            section(
                "Join through an invite",
                "Paste a friend's invite to join their network.",
                row(joinField, join)),
            section(
                "Key",
                "Your key is your identity. Keep a backup somewhere safe: whoever has it"
                    + " can post as you, and without it a lost disk means a lost identity. Run one"
                    + " catdit per key at a time.",
                row(publicKey, copyKey),
                row(backup, restore)),
            status);
    content.setPadding(new Insets(24));
    content.setMaxWidth(760);
    root = new ScrollPane(content);
    root.setFitToWidth(true);
    root.getStyleClass().add("identity");
    refresh();
  }

  public Node view() {
    return root;
  }

  /** Re-reads the identity from the peer. */
  public void refresh() {
    Identity identity = session.peer().identity();
    identicon.show(identity.publicKeyHex());
    name.setText(identity.displayName().isEmpty() ? "(no name yet)" : identity.displayName());
    peerId.setText("peer " + identity.peerId() + " · " + identity.address());
    if (!nameField.isFocused()) {
      nameField.setText(identity.displayName());
    }
    invite.setText(identity.invite());
    publicKey.setText(identity.publicKeyHex());
  }

  /** Checks a display name; empty if it is acceptable, else what is wrong (for the user). */
  public static Optional<String> problemWithName(String candidate) {
    String stripped = candidate.strip();
    if (stripped.isEmpty()) {
      return Optional.of("Choose a name of at least one character.");
    }
    if (stripped.length() > MAX_DISPLAY_NAME_CHARS) {
      return Optional.of("A name has at most " + MAX_DISPLAY_NAME_CHARS + " characters.");
    }
    return Optional.empty();
  }

  private void saveName() {
    Optional<String> problem = problemWithName(nameField.getText());
    if (problem.isPresent()) {
      say(problem.get(), true);
      return;
    }
    String chosen = nameField.getText().strip();
    whenDone(session.peer().setDisplayName(chosen), "Your name is now " + chosen + ".");
  }

  private void join() {
    String text = joinField.getText().strip();
    if (text.isEmpty()) {
      say("Paste an invite first.", true);
      return;
    }
    whenDone(session.peer().join(text), "Joining through " + text + "…");
  }

  private void backup() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Back up your catdit key");
    chooser.setInitialFileName("catdit-key-backup.key");
    File file = chooser.showSaveDialog(root.getScene().getWindow());
    if (file != null) {
      whenDone(
          session.peer().backupKey(file.toPath()), "Key written to " + file + ". Keep it safe.");
    }
  }

  private void restore() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Restore a catdit key");
    File file = chooser.showOpenDialog(root.getScene().getWindow());
    if (file == null) {
      return;
    }
    Alert confirm =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            "Replace this peer's key with the one in "
                + file.getName()
                + "? The current key is lost unless you backed it up. The new key is used from the"
                + " next start.",
            ButtonType.CANCEL,
            ButtonType.OK);
    confirm.initOwner(root.getScene().getWindow());
    if (confirm.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
      return;
    }
    session
        .peer()
        .restoreKey(file.toPath())
        .whenCompleteAsync(
            (identity, failure) -> {
              if (failure != null) {
                say("Could not restore the key: " + rootMessage(failure), true);
              } else {
                say(
                    "Key of peer " + identity.peerId() + " restored; restart catdit to use it.",
                    false);
              }
            },
            session.threads().fx());
  }

  private void whenDone(CompletableFuture<?> work, String success) {
    work.whenCompleteAsync(
        (done, failure) -> {
          if (failure != null) {
            say(rootMessage(failure), true);
          } else {
            say(success, false);
            refresh();
            onIdentityChanged.run();
          }
        },
        session.threads().fx());
  }

  private void copy(String text, String confirmation) {
    ClipboardContent content = new ClipboardContent();
    content.putString(text);
    javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    say(confirmation, false);
  }

  private void say(String message, boolean isError) {
    status.setText(message);
    status.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
    status.getStyleClass().add(isError ? Styles.DANGER : Styles.SUCCESS);
  }

  static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  static HBox row(Node... nodes) {
    HBox row = new HBox(8, nodes);
    row.setAlignment(Pos.CENTER_LEFT);
    if (nodes[0] instanceof TextField field) {
      HBox.setHgrow(field, Priority.ALWAYS);
    }
    return row;
  }

  static VBox section(String title, String explanation, Node... rows) {
    Label heading = new Label(title);
    heading.getStyleClass().add(Styles.TITLE_4);
    Label text = new Label(explanation);
    text.setWrapText(true);
    text.getStyleClass().add(Styles.TEXT_MUTED);
    VBox box = new VBox(6, heading, text);
    box.getChildren().addAll(rows);
    return box;
  }
}
