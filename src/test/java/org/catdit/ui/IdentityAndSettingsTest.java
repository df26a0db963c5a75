package org.catdit.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.controls.ToggleSwitch;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.catdit.feed.InMemoryPeerHandle;
import org.catdit.feed.PeerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The You and Settings screens change the peer, and say what they did. */
@ExtendWith(ApplicationExtension.class)
class IdentityAndSettingsTest {
  private InMemoryPeerHandle peer;
  private CatditWindowFixture ui;

  @Start
  void start(Stage stage) {
    peer = new InMemoryPeerHandle(13, "Ada");
    ui = CatditWindowFixture.open(stage, peer);
  }

  @AfterEach
  void closeAll() {
    ui.close();
    peer.close();
  }

  @Test
  void shouldRenameJoinAndSaveSettings() throws Exception {
    ui.showScreen(2);
    assertEquals(
        peer.identity().invite(),
        ui.robot().lookup("#identity-invite").queryAs(TextField.class).getText());
    ui.robot()
        .interact(
            () ->
                ui.robot()
                    .lookup("#identity-name-field")
                    .queryAs(TextField.class)
                    .setText("Ada L."));
    ui.robot().clickOn("#identity-save-name");
    ui.waitUntil("the new name", () -> "Ada L.".equals(peer.identity().displayName()));
    ui.waitUntil("the title", () -> ui.window().stage().getTitle().equals("catdit — Ada L."));

    ui.robot()
        .interact(
            () ->
                ui.robot()
                    .lookup("#identity-join-field")
                    .queryAs(TextField.class)
                    .setText("not an invite"));
    ui.robot().clickOn("#identity-join");
    ui.waitUntil(
        "the refusal",
        () ->
            ui.robot()
                .lookup("#identity-status")
                .queryAs(Label.class)
                .getText()
                .contains("not an invite"));
    assertTrue(peer.joinedInvites().isEmpty());

    ui.showScreen(3);
    ui.waitUntil(
        "settings loaded", () -> !ui.robot().lookup("#settings-save").queryButton().isDisabled());
    assertTrue(ui.robot().lookup("#settings-lan").queryAs(ToggleSwitch.class).isSelected());
    ui.robot()
        .interact(
            () ->
                ui.robot().lookup("#settings-lan").queryAs(ToggleSwitch.class).setSelected(false));
    ui.robot().clickOn("#settings-save");
    ui.waitUntil("saved", () -> !peer.settings().get().isLanDiscoveryOn());
    assertEquals(new PeerSettings(4100, false), peer.settings().get());
    assertFalse(ui.robot().lookup("#settings-status").queryAs(Label.class).getText().isEmpty());
  }
}
