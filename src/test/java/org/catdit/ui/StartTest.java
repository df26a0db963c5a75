package org.catdit.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.catdit.feed.DataDirectoryInUseException;
import org.catdit.feed.InMemoryPeerHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/** The window is up before the peer, a first start asks for a name, a refused start says why. */
@ExtendWith(ApplicationExtension.class)
class StartTest {
  private InMemoryPeerHandle peer;
  private CatditWindowFixture ui;

  @AfterEach
  void closeAll() {
    if (ui != null) {
      ui.close();
    }
    if (peer != null) {
      peer.close();
    }
  }

  private CatditWindowFixture openConnecting(org.catdit.ui.shell.PeerFactory factory)
      throws Exception {
    Stage stage = FxToolkit.registerPrimaryStage();
    CatditWindowFixture[] opened = new CatditWindowFixture[1];
    FxToolkit.setupFixture(() -> opened[0] = CatditWindowFixture.openConnecting(stage, factory));
    return opened[0];
  }

  @Test
  void shouldShowTheWindowBeforeASlowPeerAndAskANameOnTheFirstStart(FxRobot robot)
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    peer = new InMemoryPeerHandle(3);
    ui =
        openConnecting(
            () -> {
              release.await(10, TimeUnit.SECONDS);
              return peer;
            });
    ui.waitUntil("the starting card", () -> robot.lookup("#starting").tryQuery().isPresent());
    peer.simulateProgress(0, 0);

    release.countDown();
    ui.waitUntil("the welcome card", () -> robot.lookup("#welcome-card").tryQuery().isPresent());
    robot.clickOn("#welcome-start");
    ui.waitUntil(
        "a name is asked",
        () -> !robot.lookup("#welcome-error").queryAs(Label.class).getText().isEmpty());
    robot.clickOn("#welcome-name").write("Ada");
    robot.clickOn("#welcome-invite").write("0123abcd@192.0.2.1:4100");
    robot.clickOn("#welcome-start");

    ui.waitUntil("the card is gone", () -> robot.lookup("#welcome-card").tryQuery().isEmpty());
    assertEquals("Ada", peer.identity().displayName());
    assertEquals(java.util.List.of("0123abcd@192.0.2.1:4100"), peer.joinedInvites());
    assertEquals("catdit — Ada", ui.onFx(() -> ui.window().stage().getTitle()));
  }

  @Test
  void shouldShowCatchingUpProgressAndCloseThePeerOnShutdown(FxRobot robot) throws Exception {
    peer = new InMemoryPeerHandle(4, "Ada");
    ui = openConnecting(() -> peer);
    ui.waitUntil("attached", () -> ui.window().session().isPresent());

    peer.simulateProgress(120, 400);
    ui.waitUntil(
        "catching up",
        () ->
            robot
                .lookup("#status-progress")
                .queryAs(Label.class)
                .getText()
                .equals("Catching up 120 / 400"));
    peer.simulateProgress(400, 400);
    ui.waitUntil(
        "up to date",
        () ->
            robot
                .lookup("#status-progress")
                .queryAs(Label.class)
                .getText()
                .startsWith("Up to date"));

    // Closing the window leaves the network: the peer is closed (in the real one, SCAMP leaves).
    ui.window().shutdown(5_000);
    assertTrue(peer.isClosed());
  }

  @Test
  void shouldSayClearlyThatTheDataDirectoryIsInUse(FxRobot robot) throws Exception {
    ui =
        openConnecting(
            () -> {
              throw new DataDirectoryInUseException(Path.of("/home/ada/.local/share/catdit"));
            });
    ui.waitUntil("the failure", () -> robot.lookup("#start-failure-title").tryQuery().isPresent());
    assertEquals(
        "catdit is already running",
        robot.lookup("#start-failure-title").queryAs(Label.class).getText());
    String detail = robot.lookup("#start-failure-detail").queryAs(Label.class).getText();
    assertTrue(detail.contains("/home/ada/.local/share/catdit"), detail);
    assertTrue(robot.lookup("#post-button").queryButton().isDisabled());
  }
}
