package org.catdit.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.feed.InMemoryPeerHandle;
import org.catdit.feed.Neighbour;
import org.catdit.ui.common.UiThreads;
import org.catdit.ui.shell.MainWindow;

/**
 * The desktop app on the in-memory test double, with a make-believe network around it (posts,
 * votes, neighbours whose links are pruned and grafted, arrivals), for looking at the UI while the
 * real peer is built: {@code java -cp target/test-classes:target/classes:<deps>
 * org.catdit.ui.DevMain [--dark] [--first-start] [--screenshots DIR]}. With {@code --screenshots}
 * it saves a PNG of each screen (and of the compose window) and exits.
 */
public final class DevMain {
  private DevMain() {}

  public static void main(String[] args) throws Exception {
    List<String> options = List.of(args);
    boolean isDark = options.contains("--dark");
    boolean isFirstStart = options.contains("--first-start");
    int shotsAt = options.indexOf("--screenshots");
    Path shots = shotsAt >= 0 ? Path.of(options.get(shotsAt + 1)) : null;

    byte[] chelsea = Files.readAllBytes(CatditWindowFixture.resource("chelsea.jpg"));
    InMemoryPeerHandle peer = new InMemoryPeerHandle(42, isFirstStart ? "" : "Ada");
    seed(peer, chelsea);
    List<Neighbour> neighbours = neighbours();
    peer.simulateNeighbours(neighbours, 37, 1_204, 61);
    peer.simulateProgress(812, 1_930);

    AtomicReference<MainWindow> window = new AtomicReference<>();
    CountDownLatch closed = new CountDownLatch(1);
    Platform.startup(
        () -> {
          Stage stage = new Stage();
          MainWindow main = new MainWindow(stage, UiThreads.standard(), isDark, dark -> {});
          window.set(main);
          stage.setOnHidden(event -> closed.countDown());
          stage.show();
          main.connect(() -> peer);
        });
    Thread network = new Thread(() -> playNetwork(peer, neighbours, chelsea), "dev-network");
    network.setDaemon(true);
    network.start();

    if (shots != null) {
      Files.createDirectories(shots);
      while (window.get() == null || window.get().session().isEmpty()) {
        Thread.sleep(100);
      }
      Thread.sleep(2_000);
      String theme = isDark ? "-dark" : "";
      if (isFirstStart) {
        snapshot(window.get().scene(), shots.resolve("welcome" + theme + ".png"));
      } else {
        String[] names = {"feed", "network", "identity", "settings"};
        for (int screen = 0; screen < names.length; screen++) {
          int index = screen;
          Platform.runLater(() -> window.get().showScreen(index));
          Thread.sleep(1_500);
          snapshot(window.get().scene(), shots.resolve(names[screen] + theme + ".png"));
        }
        Platform.runLater(
            () -> {
              window.get().showScreen(0);
              window
                  .get()
                  .compose()
                  .orElseThrow()
                  .openFiles(List.of(CatditWindowFixture.resource("truncated.jpg").toFile()));
            });
        Thread.sleep(1_500);
        snapshotNewest(shots.resolve("compose-error" + theme + ".png"));
        Platform.runLater(
            () ->
                window
                    .get()
                    .compose()
                    .orElseThrow()
                    .openFiles(List.of(CatditWindowFixture.resource("chelsea.jpg").toFile())));
        Thread.sleep(1_500);
        snapshotNewest(shots.resolve("compose" + theme + ".png"));
      }
      System.out.println("screenshots in " + shots.toAbsolutePath());
      Platform.exit();
      System.exit(0);
    }
    closed.await();
    window.get().shutdown(5_000);
    Platform.exit();
  }

  private static void seed(InMemoryPeerHandle peer, byte[] chelsea) throws Exception {
    peer.addSyntheticPosts(60, chelsea);
    String[] captions = {
      "Chelsea, unimpressed", "Monday mood", "sun spot acquired", "who, me?", "box > bed"
    };
    String[] authors = {"Bob", "Cy", "Dee", "Eve", "Fay"};
    for (int index = 0; index < captions.length; index++) {
      String id =
          peer.receivePost(authors[index], chelsea, captions[index], index * 3_600_000L, true);
      for (int vote = 0; vote < 5 - index; vote++) {
        peer.receiveVote(id, "voter " + vote, true);
      }
    }
    peer.awaitIdle();
  }

  private static List<Neighbour> neighbours() {
    List<Neighbour> neighbours = new ArrayList<>();
    String[] names = {"bob", "cy", "dee", "eve", "fay", "gus", "hal"};
    for (int index = 0; index < names.length; index++) {
      neighbours.add(
          InMemoryPeerHandle.neighbour(
              names[index], index % 3 != 2, index % 2 == 0, index < 3, 4.0 + index * 6.5));
    }
    return neighbours;
  }

  /** Arrivals several times a second, a vote now and then, a prune or graft every few seconds. */
  private static void playNetwork(InMemoryPeerHandle peer, List<Neighbour> start, byte[] chelsea) {
    Random random = new Random(1);
    List<Neighbour> neighbours = new ArrayList<>(start);
    long delivered = 1_204;
    long duplicates = 61;
    try {
      for (int tick = 0; !peer.isClosed(); tick++) {
        Thread.sleep(150);
        Neighbour from = neighbours.get(random.nextInt(neighbours.size()));
        boolean isDuplicate = !from.isEager() && random.nextInt(4) == 0;
        peer.simulateArrival(from.peerId(), isDuplicate);
        if (isDuplicate) {
          duplicates++;
        } else {
          delivered++;
        }
        if (tick % 20 == 0) {
          List<FeedPost> feed = peer.feed(FeedSort.NEW, 20).get();
          peer.receiveVote(feed.get(random.nextInt(feed.size())).id(), "voter " + tick, true);
        }
        if (tick % 30 == 15) {
          int index = random.nextInt(neighbours.size());
          Neighbour old = neighbours.get(index);
          neighbours.set(
              index,
              new Neighbour(
                  old.peerId(),
                  old.displayName(),
                  old.isInPartialView(),
                  old.isInInView(),
                  !old.isEager(),
                  old.rttMillis(),
                  old.lossRate(),
                  old.cwndBytes(),
                  old.bytesSent() + 4_000,
                  old.bytesReceived() + 9_000,
                  old.ageSeconds() + 5));
        }
        if (tick % 7 == 0) {
          peer.simulateNeighbours(neighbours, 37, delivered, duplicates);
          peer.simulateProgress(Math.min(1_930, 812 + tick * 9L), 1_930);
        }
      }
    } catch (Exception stopped) {
      // The window closed and the peer with it.
    }
  }

  private static void snapshot(Scene scene, Path file) throws Exception {
    AtomicReference<javafx.scene.image.WritableImage> image = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Platform.runLater(
        () -> {
          image.set(scene.snapshot(null));
          done.countDown();
        });
    done.await();
    ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", file.toFile());
  }

  private static void snapshotNewest(Path file) throws Exception {
    AtomicReference<Scene> newest = new AtomicReference<>();
    CountDownLatch found = new CountDownLatch(1);
    Platform.runLater(
        () -> {
          List<Window> windows = Window.getWindows();
          newest.set(windows.get(windows.size() - 1).getScene());
          found.countDown();
        });
    found.await();
    snapshot(newest.get(), file);
  }
}
