package org.catdit.ui;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.catdit.app.EmbeddedPeer;
import org.catdit.app.PeerOptions;

/**
 * A small real network for screenshots: several {@link EmbeddedPeer}s in one process on loopback
 * UDP (no LAN discovery), each with a display name, posting the given pictures with captions and
 * upvoting each other's posts. The first peer listens on {@code --port}; a desktop app joins with
 * {@code --contact 127.0.0.1:PORT}. Runs until killed (closing every peer on the way out).
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) org.catdit.ui.SampleNetwork \
 *     --data /tmp/net --port 7700 --names Mira,Jonas,Priya \
 *     --post 0:chelsea.jpg:"Caption" --post 1:... --vote 2:0 (voter:post index)
 * </pre>
 */
public final class SampleNetwork {
  private SampleNetwork() {}

  public static void main(String[] args) throws Exception {
    Path data = null;
    int port = 0;
    String[] names = {"Mira", "Jonas", "Priya"};
    List<String[]> posts = new ArrayList<>();
    List<int[]> votes = new ArrayList<>();
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[i + 1]);
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--names" -> names = args[i + 1].split(",");
        case "--post" -> posts.add(args[i + 1].split(":", 3));
        case "--vote" -> {
          String[] parts = args[i + 1].split(":");
          votes.add(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (data == null) {
      throw new IllegalArgumentException("--data DIR is required");
    }
    InetAddress loopback = InetAddress.getLoopbackAddress();
    List<EmbeddedPeer> peers = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      PeerOptions options =
          PeerOptions.of(data.resolve(names[i].toLowerCase()))
              .withBind(new InetSocketAddress(loopback, i == 0 ? port : 0))
              .withDiscovery(false);
      if (i > 0) {
        EmbeddedPeer first = peers.get(0);
        options = options.withContact(first.runtime().localAddress(), first.runtime().peerId());
      }
      EmbeddedPeer peer = EmbeddedPeer.open(options);
      peer.startJoin().get(15, TimeUnit.SECONDS);
      peer.setDisplayName(names[i]).get(10, TimeUnit.SECONDS);
      peers.add(peer);
      System.out.printf("%s listens on %s%n", names[i], peer.runtime().localAddress());
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (EmbeddedPeer peer : peers) {
                    peer.close();
                  }
                }));
    List<String> ids = new ArrayList<>();
    for (String[] post : posts) {
      EmbeddedPeer author = peers.get(Integer.parseInt(post[0]));
      byte[] picture = Files.readAllBytes(Path.of(post[1]));
      String id = author.post(picture, post[2]).get(30, TimeUnit.SECONDS);
      ids.add(id);
      System.out.printf("posted %s: %s%n", id.substring(0, 12), post[2]);
      Thread.sleep(1_500); // a few seconds apart, as people post
    }
    for (int[] vote : votes) {
      peers.get(vote[0]).setUpvote(ids.get(vote[1]), true).get(30, TimeUnit.SECONDS);
    }
    System.out.println("ready");
    new CountDownLatch(1).await();
  }
}
