package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.Ed25519Authenticator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A handshake flood from one local socket (well-formed INITs with fresh ids, each of which would
 * cost the target an Ed25519 signature) does not starve another peer's handshake: the flooding
 * source draws on its own small bucket, the genuine peer on its own, under the default shared cap.
 */
class HandshakeFloodTest {
  private static final int INIT = 0xC1;
  private static final int INIT_BYTES = 1200;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aGenuinePeerConnectsWhileAnotherSocketFloodsInits() throws Exception {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try (UdpRuntime target =
            UdpRuntime.start(
                UdpRuntime.Settings.defaults(loopback, Ed25519Authenticator.generate()));
        UdpRuntime genuine =
            UdpRuntime.start(
                UdpRuntime.Settings.defaults(loopback, Ed25519Authenticator.generate()));
        DatagramSocket flooder = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      InetSocketAddress to = target.localAddress();
      byte[] identityKey = Ed25519Authenticator.generate().publicKey();
      AtomicBoolean isFlooding = new AtomicBoolean(true);
      AtomicLong sent = new AtomicLong();
      Thread flood =
          new Thread(
              () -> {
                Random random = new Random(5);
                try {
                  while (isFlooding.get()) {
                    byte[] init = init(random, identityKey);
                    flooder.send(new DatagramPacket(init, init.length, to));
                    if (sent.incrementAndGet() % 64 == 0) {
                      Thread.sleep(1); // ~30,000 INITs a second: far above any bucket
                    }
                  }
                } catch (Exception e) {
                  // Closed: the flood is over.
                }
              },
              "init-flood");
      flood.setDaemon(true);
      long floodStartNanos = System.nanoTime();
      flood.start();
      // The flood is well under way: tens of thousands of INITs, far more than the shared bucket
      // (500 a second, default) could answer; with only that bucket a genuine INIT would find a
      // token by chance.
      Await.until(
          java.time.Duration.ofSeconds(30),
          () -> counters(target).get("handshakesSourceLimited") > 20_000,
          () -> counters(target).toString());

      long startNanos = System.nanoTime();
      PeerId joined = genuine.join(to).get(20, TimeUnit.SECONDS);
      long joinMillis = (System.nanoTime() - startNanos) / 1_000_000;
      Await.until(
          java.time.Duration.ofSeconds(10),
          () -> counters(target).get("sessionsEstablished") >= 1,
          () -> counters(target).toString());
      assertTrue(isFlooding.get() && flood.isAlive(), "the flood went on throughout");
      isFlooding.set(false);
      flood.join(2000);

      assertEquals(target.peerId(), joined);
      Map<String, Long> after = counters(target);
      String report = "sent " + sent + ", join took " + joinMillis + " ms, " + after;
      System.out.println("HandshakeFloodTest: " + report);
      assertTrue(after.get("sessionsEstablished") >= 1, report);
      // The flooding socket got its own bucket's worth of answers, not the shared budget.
      assertTrue(after.get("handshakesSourceLimited") > sent.get() / 2, report);
      long floodSeconds = (System.nanoTime() - floodStartNanos) / 1_000_000_000 + 1;
      assertTrue(after.get("initAcksSent") <= 8 + 4 * floodSeconds + 4, report);
    }
  }

  private static Map<String, Long> counters(UdpRuntime runtime) {
    try {
      return runtime.status().get(5, TimeUnit.SECONDS).linkCounters();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A well-formed INIT (layout in docs/transport.md) with a fresh connection id and nonce. */
  private static byte[] init(Random random, byte[] identityKey) {
    ByteBuffer out = ByteBuffer.allocate(INIT_BYTES);
    out.put((byte) INIT).put((byte) 1).putLong(random.nextLong());
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    out.put(nonce).putShort((short) 1452).put((byte) 1);
    out.put((byte) identityKey.length).put(identityKey);
    byte[] ephemeral = new byte[32];
    random.nextBytes(ephemeral);
    out.put(ephemeral);
    return out.array();
  }
}
