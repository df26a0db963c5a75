package org.catdit.ui.identity;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.catdit.feed.Identity;
import org.catdit.ui.common.IdenticonView;
import org.catdit.ui.common.Session;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The first start: a card over the window asking for a display name (beside the identicon drawn
 * from the freshly made key) and, optionally, a friend's invite. The peer is already running and
 * looking for LAN peers behind it; "Later" dismisses the card and leaves the window usable.
 */
public final class WelcomeController {
  private final Session session;
  private final Runnable onDone;
  private final TextField name = new TextField();
  private final TextField invite = new TextField();
  private final Label error = new Label();
  private final Button start = new Button("Start", new FontIcon(Material2MZ.PETS));
  private final StackPane root;

  /** Whether this peer needs the welcome card: it has no display name yet. */
  public static boolean isNeeded(Identity identity) {
    return identity.displayName().isEmpty();
  }

  /**
   * @param onDone called on the FX thread when the card should go away
   */
  public WelcomeController(Session session, Runnable onDone) {
    this.session = session;
    this.onDone = onDone;
    Identity identity = session.peer().identity();

    Label title = new Label("Welcome to catdit");
    title.getStyleClass().add(Styles.TITLE_2);
    Label intro =
        new Label(
            "Cat pictures, shared peer to peer: no server, no account. This picture is drawn from"
                + " the key just made for you; it tells others your posts apart.");
    intro.setWrapText(true);
    intro.getStyleClass().add(Styles.TEXT_MUTED);
    IdenticonView identicon = new IdenticonView(identity.publicKeyHex(), 72);

    name.setId("welcome-name");
    name.setPromptText("Choose a display name");
    invite.setId("welcome-invite");
    invite.setPromptText("A friend's invite (optional): PEERID@HOST:PORT");
    Label lan = new Label("Peers on your local network are found automatically.");
    lan.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    error.setId("welcome-error");
    error.getStyleClass().add(Styles.DANGER);
    error.setWrapText(true);

    start.setId("welcome-start");
    start.getStyleClass().add(Styles.ACCENT);
    start.setDefaultButton(true);
    start.setOnAction(event -> start());
    Button later = new Button("Later");
    later.setId("welcome-later");
    later.getStyleClass().add(Styles.FLAT);
    later.setOnAction(event -> onDone.run());
    HBox buttons = new HBox(8, later, start);
    buttons.setAlignment(Pos.CENTER_RIGHT);

    HBox top = new HBox(16, identicon, new VBox(6, title, intro));
    top.setAlignment(Pos.CENTER_LEFT);
    VBox card = new VBox(12, top, name, invite, lan, error, buttons);
    card.setId("welcome-card");
    card.getStyleClass().add("welcome-card");
    card.setPadding(new Insets(24));
    card.setMaxSize(520, javafx.scene.layout.Region.USE_PREF_SIZE);
    root = new StackPane(card);
    root.getStyleClass().add("welcome-scrim");
    root.setAlignment(Pos.CENTER);
  }

  public Node view() {
    return root;
  }

  private void start() {
    Optional<String> problem = IdentityController.problemWithName(name.getText());
    if (problem.isPresent()) {
      error.setText(problem.get());
      return;
    }
    start.setDisable(true);
    error.setText("");
    String inviteText = invite.getText().strip();
    CompletableFuture<Void> work = session.peer().setDisplayName(name.getText().strip());
    if (!inviteText.isEmpty()) {
      work = work.thenCompose(done -> session.peer().join(inviteText));
    }
    work.whenCompleteAsync(
        (done, failure) -> {
          start.setDisable(false);
          if (failure != null) {
            error.setText(IdentityController.rootMessage(failure));
          } else {
            onDone.run();
          }
        },
        session.threads().fx());
  }
}
