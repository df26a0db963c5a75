package org.catdit.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.feed.InMemoryPeerHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Posting, voting and live changes, through the window as a user does them. */
@ExtendWith(ApplicationExtension.class)
class FeedFlowTest {
  private static final Path CHELSEA = CatditWindowFixture.resource("chelsea.jpg");
  private static final Path TRUNCATED = CatditWindowFixture.resource("truncated.jpg");

  private InMemoryPeerHandle peer;
  private CatditWindowFixture ui;

  @Start
  void start(Stage stage) {
    peer = new InMemoryPeerHandle(7, "Ada");
    ui = CatditWindowFixture.open(stage, peer);
  }

  @AfterEach
  void closeAll() {
    ui.close();
    peer.close();
  }

  @Test
  void shouldPutAPostedPictureInTheFeed() throws Exception {
    ui.waitUntil("the empty feed", () -> ui.robot().lookup("#feed-empty").query().isVisible());

    ui.post(CHELSEA, "Chelsea in the sun");

    FeedPost shown = ui.feedPost("Chelsea in the sun").orElseThrow();
    assertEquals("Ada", shown.authorName());
    assertEquals(451, shown.width());
    List<FeedPost> held = peer.feed(FeedSort.NEW, 10).get();
    assertEquals(1, held.size());
    assertEquals(shown.id(), held.get(0).id());
    ui.waitUntil("the thumbnail", () -> ui.window().session().orElseThrow().images().size() == 1);
  }

  @Test
  void shouldCountAnUpvoteAndRetractItOnTheSecondClick() throws Exception {
    peer.receivePost("Bob", Files.readAllBytes(CHELSEA), "Bob's cat", 60_000, true);
    ui.waitUntil("Bob's card", () -> ui.card("Bob's cat").isPresent());
    assertEquals("0", ui.shownScore("Bob's cat"));

    ui.clickUpvote("Bob's cat");
    ui.waitUntil("score 1", () -> "1".equals(ui.shownScore("Bob's cat")));
    assertTrue(ui.isUpvoteShownSelected("Bob's cat"));
    FeedPost voted = peer.feed(FeedSort.TOP, 1).get().get(0);
    assertEquals(1, voted.score());
    assertTrue(voted.isUpvotedByMe());

    ui.clickUpvote("Bob's cat");
    ui.waitUntil("score 0", () -> "0".equals(ui.shownScore("Bob's cat")));
    assertFalse(ui.isUpvoteShownSelected("Bob's cat"));
    assertEquals(0, peer.feed(FeedSort.TOP, 1).get().get(0).score());
  }

  @Test
  void shouldRefuseATruncatedPictureWithAClearMessageAndAddNothing() throws Exception {
    ui.offerFile(TRUNCATED);

    ui.waitUntil(
        "the error", () -> ui.robot().lookup("#compose-error").queryAs(Label.class).isVisible());
    String message = ui.robot().lookup("#compose-error").queryAs(Label.class).getText();
    assertTrue(message.contains("damaged or cut off"), message);
    assertTrue(ui.robot().lookup("#compose-post").queryAs(Button.class).isDisabled());
    ui.robot().clickOn("#compose-cancel");
    assertTrue(ui.feedPosts().isEmpty());
    assertTrue(peer.feed(FeedSort.NEW, 10).get().isEmpty());
  }

  @Test
  void shouldRefuseAFileThatIsNotAPicture() throws Exception {
    Path text = Files.createTempFile("catdit-not-a-picture", ".jpg");
    try {
      Files.writeString(text, "meow, but in words");
      ui.offerFile(text);
      ui.waitUntil(
          "the error", () -> ui.robot().lookup("#compose-error").queryAs(Label.class).isVisible());
      assertTrue(
          ui.robot()
              .lookup("#compose-error")
              .queryAs(Label.class)
              .getText()
              .contains("not a picture"));
      assertTrue(peer.feed(FeedSort.NEW, 10).get().isEmpty());
    } finally {
      Files.delete(text);
    }
  }

  @Test
  void shouldShowPostsArrivingInAnEmptyFeedAtOnce() throws Exception {
    ui.waitUntil("the empty feed", () -> ui.robot().lookup("#feed-empty").query().isVisible());
    byte[] picture = Files.readAllBytes(CHELSEA);

    peer.receivePost("Bob", picture, "caught up 1", 60_000, true);
    peer.receivePost("Cy", picture, "caught up 2", 30_000, true);

    ui.waitUntil("both cards", () -> ui.feedPosts().size() == 2);
    assertFalse(ui.robot().lookup("#show-new-posts").queryButton().isVisible());
    assertFalse(ui.robot().lookup("#feed-empty").query().isVisible());

    peer.receivePost("Dee", picture, "later", 0, true);
    ui.waitUntil(
        "1 new post", () -> ui.robot().lookup("#show-new-posts").queryButton().isVisible());
    assertEquals(2, ui.feedPosts().size(), "once something is shown, new posts wait");
  }

  @Test
  void shouldUpdateScoresInPlaceAndHoldNewPostsBehindAButton() throws Exception {
    byte[] picture = Files.readAllBytes(CHELSEA);
    String first = peer.receivePost("Bob", picture, "first", 120_000, true);
    peer.receivePost("Cy", picture, "second", 60_000, true);
    ui.robot().interact(() -> ui.window().feed().orElseThrow().reload());
    ui.waitUntil("two cards", () -> ui.feedPosts().size() == 2);
    List<String> before = ui.feedPosts().stream().map(FeedPost::id).toList();

    peer.receiveVote(first, "Dee", true);
    peer.receiveVote(first, "Eve", true);
    peer.receivePost("Fay", picture, "third", 0, true);

    ui.waitUntil("score 2 in place", () -> "2".equals(ui.shownScore("first")));
    ui.waitUntil(
        "1 new post", () -> ui.robot().lookup("#show-new-posts").queryButton().isVisible());
    assertEquals("1 new post", ui.robot().lookup("#show-new-posts").queryButton().getText());
    assertEquals(before, ui.feedPosts().stream().map(FeedPost::id).toList(), "nothing moved");

    ui.robot().clickOn("#show-new-posts");
    ui.waitUntil("three cards", () -> ui.feedPosts().size() == 3);
  }

  @Test
  void shouldKeepTheScrollPositionWhileVotesAndPostsArrive() throws Exception {
    byte[] picture = Files.readAllBytes(CHELSEA);
    peer.addSyntheticPosts(80, picture);
    ui.robot().interact(() -> ui.window().feed().orElseThrow().reload());
    ui.waitUntil("80 cards", () -> ui.feedPosts().size() == 80);
    javafx.scene.control.skin.VirtualFlow<?> flow =
        ui.robot().lookup("#feed-grid").query().lookup(".virtual-flow")
                instanceof javafx.scene.control.skin.VirtualFlow<?> found
            ? found
            : null;
    ui.robot().interact(() -> flow.setPosition(0.5));
    double before = ui.onFx(flow::getPosition);
    int firstShown = ui.onFx(() -> flow.getFirstVisibleCell().getIndex());
    String shownId = ui.feedPosts().get(firstShown * 4).id();

    peer.receiveVote(shownId, "Dee", true);
    peer.receivePost("Fay", picture, "fresh", 0, true);
    ui.waitUntil(
        "1 new post", () -> ui.robot().lookup("#show-new-posts").queryButton().isVisible());
    ui.waitUntil(
        "the vote",
        () ->
            ui.window().feed().orElseThrow().posts().stream()
                .anyMatch(post -> post.id().equals(shownId) && post.score() > 0));

    assertEquals(before, ui.onFx(flow::getPosition), 1e-9, "the grid did not scroll");
    assertEquals(firstShown, (int) ui.onFx(() -> flow.getFirstVisibleCell().getIndex()));
  }

  @Test
  void shouldShowAThumbnailWhenItArrivesLater() throws Exception {
    peer.receivePost("Bob", Files.readAllBytes(CHELSEA), "slow cat", 0, false);
    ui.robot().interact(() -> ui.window().feed().orElseThrow().reload());
    ui.waitUntil("the card", () -> ui.card("slow cat").isPresent());
    assertFalse(ui.feedPost("slow cat").orElseThrow().isThumbnailHeld());

    peer.deliverPictures();

    ui.waitUntil("the thumbnail", () -> ui.feedPost("slow cat").orElseThrow().isThumbnailHeld());
    ui.waitUntil(
        "the decoded image", () -> ui.window().session().orElseThrow().images().size() == 1);
  }

  @Test
  void shouldSortByShortcut() throws Exception {
    byte[] picture = Files.readAllBytes(CHELSEA);
    String old = peer.receivePost("Bob", picture, "old but loved", 86_400_000L * 3, true);
    peer.receivePost("Cy", picture, "new", 0, true);
    peer.receiveVote(old, "Dee", true);
    ui.robot().interact(() -> ui.window().feed().orElseThrow().reload());
    ui.waitUntil("two cards", () -> ui.feedPosts().size() == 2);

    ui.robot()
        .clickOn("#feed-grid")
        .press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT3)
        .release(javafx.scene.input.KeyCode.DIGIT3, javafx.scene.input.KeyCode.CONTROL);
    ui.waitUntil("Top first", () -> ui.feedPosts().get(0).caption().equals("old but loved"));
    ui.robot()
        .press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT2)
        .release(javafx.scene.input.KeyCode.DIGIT2, javafx.scene.input.KeyCode.CONTROL);
    ui.waitUntil("New first", () -> ui.feedPosts().get(0).caption().equals("new"));
  }
}
