package org.catdit.ui;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javax.imageio.ImageIO;
import org.catdit.app.EmbeddedPeer;
import org.catdit.app.PeerOptions;

/**
 * The desktop app's figures on the real {@link EmbeddedPeer} (SQLite store, ledger, node on
 * loopback, no LAN discovery), in two steps so the launch is measured on a peer that already holds
 * its posts, as after a restart:
 *
 * <pre>
 * CP=target/test-classes:target/classes:$(cat cp.txt)
 * java -cp $CP org.catdit.ui.RealPeerMeasurements fill /tmp/ten-thousand 10000
 * xvfb-run -a java -cp $CP org.catdit.ui.RealPeerMeasurements measure /tmp/ten-thousand 10000
 * </pre>
 *
 * {@code fill} posts generated pictures through {@link EmbeddedPeer#post} (Chelsea scaled to 240 ×
 * 160, tinted and numbered per post, so every picture and thumbnail is distinct). {@code measure}
 * opens the window on that data directory through {@link UiMeasurements#measure}, counting the
 * launch from the JVM's start.
 */
public final class RealPeerMeasurements {
  private static final int MAX_POSTS_IN_FLIGHT = 32;

  private RealPeerMeasurements() {}

  public static void main(String[] args) throws Exception {
    long jvmStartNanos =
        System.nanoTime()
            - TimeUnit.MILLISECONDS.toNanos(ManagementFactory.getRuntimeMXBean().getUptime());
    Path data = Path.of(args[1]);
    switch (args[0]) {
      case "fill" -> fill(data, Integer.parseInt(args[2]));
      case "measure" -> {
        int expected = Integer.parseInt(args[2]);
        UiMeasurements.measure(() -> timedOpen(data), expected, jvmStartNanos);
        Platform.exit();
        System.exit(0);
      }
      case "open" -> timedOpen(data).close(); // the peer alone, no window (for a profile)
      default ->
          throw new IllegalArgumentException("fill DIR COUNT | measure DIR COUNT | open DIR");
    }
  }

  private static PeerOptions options(Path data) {
    return PeerOptions.of(data)
        .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .withDiscovery(false);
  }

  /** Opens the peer (on the app's background thread) and says how long that took. */
  private static EmbeddedPeer timedOpen(Path data) throws Exception {
    long startNanos = System.nanoTime();
    EmbeddedPeer peer = EmbeddedPeer.open(options(data));
    System.out.printf(
        "EmbeddedPeer.open (store, ledger, node): %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    return peer;
  }

  private static void fill(Path data, int count) throws Exception {
    BufferedImage chelsea = ImageIO.read(CatditWindowFixture.resource("chelsea.jpg").toFile());
    long startNanos = System.nanoTime();
    try (EmbeddedPeer peer = EmbeddedPeer.open(options(data))) {
      peer.setDisplayName("Measurer").get(10, TimeUnit.SECONDS);
      Semaphore inFlight = new Semaphore(MAX_POSTS_IN_FLIGHT);
      List<CompletableFuture<String>> posted = new ArrayList<>();
      for (int index = 0; index < count; index++) {
        inFlight.acquire();
        CompletableFuture<String> post =
            peer.post(picture(chelsea, index), "Generated cat no. " + (index + 1));
        post.whenComplete((id, failure) -> inFlight.release());
        posted.add(post);
        if ((index + 1) % 1000 == 0) {
          System.out.printf(
              "%,d posted, %d s%n",
              index + 1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
        }
      }
      CompletableFuture.allOf(posted.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }
    System.out.printf(
        "filled %s with %,d posts in %d s (%,d bytes of pictures on disk)%n",
        data,
        count,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos),
        directoryBytes(data));
  }

  /** Chelsea at 240 × 160, tinted by the index and numbered, as a JPEG (about 8 KB). */
  static byte[] picture(BufferedImage chelsea, int index) throws IOException {
    BufferedImage image = new BufferedImage(240, 160, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    graphics.drawImage(chelsea, 0, 0, 240, 160, null);
    graphics.setColor(Color.getHSBColor((index * 0.061f) % 1f, 0.7f, 0.9f));
    graphics.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.3f));
    graphics.fillRect(0, 0, 240, 160);
    graphics.setComposite(AlphaComposite.SrcOver);
    graphics.setColor(Color.WHITE);
    graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
    graphics.drawString("#" + (index + 1), 8, 150);
    graphics.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  private static long directoryBytes(Path directory) throws IOException {
    try (var files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    }
  }
}
