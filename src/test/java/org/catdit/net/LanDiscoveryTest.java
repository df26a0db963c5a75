package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.Ed25519Authenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LAN discovery on this machine: on loopback where the kernel carries IPv4 multicast there (Linux
 * does, although {@code lo} lacks the MULTICAST flag), else on any interface that joins the group;
 * skipped, not failed, on a machine where none does. Each test picks its own group and port so
 * parallel runs do not hear each other.
 */
class LanDiscoveryTest {
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  /** Settings on a private group; loopback if it carries multicast here, else every interface. */
  private static LanDiscovery.Settings privateSettings() throws IOException {
    Random random = new Random();
    InetAddress group =
        InetAddress.getByName("239.255." + (100 + random.nextInt(100)) + "." + random.nextInt(250));
    int port = 42_000 + random.nextInt(10_000);
    LanDiscovery.Settings base =
        new LanDiscovery.Settings(
            group, port, "test-" + random.nextInt(1_000_000), 1000, 3500, 8, List.of(), true);
    LanDiscovery.Settings loopback = base.withInterfaces(List.of("lo"), true);
    if (carriesMulticast(loopback)) {
      return loopback;
    }
    Assumptions.assumeTrue(carriesMulticast(base), "no interface here carries IPv4 multicast");
    return base;
  }

  /** Whether a datagram sent to the group comes back on these interfaces. */
  private static boolean carriesMulticast(LanDiscovery.Settings settings) {
    try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(new InetSocketAddress(settings.port()));
      channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
      List<NetworkInterface> faces = LanDiscovery.suitableInterfaces(settings);
      if (faces.isEmpty()) {
        return false;
      }
      channel.join(settings.group(), faces.get(0));
      channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, faces.get(0));
      channel.send(
          ByteBuffer.wrap(new byte[] {1}),
          new InetSocketAddress(settings.group(), settings.port()));
      channel.configureBlocking(false);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
      while (System.nanoTime() < deadline) {
        if (channel.receive(ByteBuffer.allocate(8)) != null) {
          return true;
        }
        Thread.sleep(10);
      }
      return false;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static InetSocketAddress bindFor(LanDiscovery.Settings settings) {
    // Beacons from loopback come from 127.0.0.1; from another interface, from its address.
    return settings.interfaceNames().equals(List.of("lo"))
        ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)
        : new InetSocketAddress(0);
  }

  @Test
  @Timeout(value = 40, unit = TimeUnit.SECONDS)
  void twoRuntimesDiscoverEachOtherAndJoin() throws Exception {
    LanDiscovery.Settings settings = privateSettings();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    UdpRuntime[] runtimes = new UdpRuntime[2];
    DiscoveryJoiner[] joiners = new DiscoveryJoiner[2];
    for (int i = 0; i < 2; i++) {
      runtimes[i] =
          UdpRuntime.start(
              UdpRuntime.Settings.defaults(bindFor(settings), Ed25519Authenticator.generate()));
      closeables.add(runtimes[i]);
      joiners[i] =
          DiscoveryJoiner.start(
              runtimes[i],
              settings,
              true,
              (peer, failure) -> {
                if (failure != null) {
                  failures.add(failure);
                }
              });
      closeables.add(joiners[i]);
    }
    Await.until(
        Duration.ofSeconds(20),
        () ->
            inViews(runtimes[0], runtimes[1].peerId())
                && inViews(runtimes[1], runtimes[0].peerId()),
        () ->
            "not joined; failures " + failures + " counters " + joiners[0].discovery().counters());
    for (int i = 0; i < 2; i++) {
      LanDiscovery discovery = joiners[i].discovery();
      assertEquals(1, discovery.discovered().size(), "" + discovery.discovered());
      assertEquals(runtimes[1 - i].peerId(), discovery.discovered().get(0).peer());
      assertEquals(
          runtimes[1 - i].localAddress().getPort(),
          discovery.discovered().get(0).address().getPort());
      assertTrue(discovery.counter(LanDiscovery.Counter.BEACONS_SENT) > 0);
    }
    Await.until(
        Duration.ofSeconds(5), () -> joiners[0].isMember() && joiners[1].isMember(), () -> "");
  }

  private static boolean inViews(UdpRuntime runtime, PeerId peer) {
    try {
      NodeStatus status = runtime.status().get(5, TimeUnit.SECONDS);
      return status.partialView().contains(peer) || status.inView().contains(peer);
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void badBeaconsAreDroppedAndCounted() throws Exception {
    LanDiscovery.Settings settings = privateSettings();
    List<DiscoveredPeer> heard = new CopyOnWriteArrayList<>();
    PeerId self = PeerId.of(1, 1);
    LanDiscovery discovery = LanDiscovery.start(settings, self, 4100, () -> false, heard::add);
    closeables.add(discovery);
    NetworkInterface face = LanDiscovery.suitableInterfaces(settings).get(0);
    InetSocketAddress group = new InetSocketAddress(settings.group(), settings.port());
    try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
      sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, face);
      sender.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
      Random random = new Random(7);
      int malformed = 0;
      for (int i = 0; i < 40; i++) {
        byte[] junk = new byte[random.nextInt(100)];
        random.nextBytes(junk);
        sender.send(ByteBuffer.wrap(junk), group);
        malformed++;
      }
      byte[] good = new DiscoveryBeacon(PeerId.of(2, 2), 4200, settings.network(), false).encode();
      sender.send(ByteBuffer.wrap(java.util.Arrays.copyOf(good, good.length - 1)), group);
      sender.send(ByteBuffer.wrap(java.util.Arrays.copyOf(good, good.length + 5)), group);
      sender.send(ByteBuffer.allocate(1400), group); // oversized
      malformed += 3;
      sender.send(
          ByteBuffer.wrap(new DiscoveryBeacon(PeerId.of(3, 3), 4300, "other-net", false).encode()),
          group);
      sender.send(
          ByteBuffer.wrap(new DiscoveryBeacon(self, 4100, settings.network(), false).encode()),
          group);
      // More peers than the table holds (8): the oldest make room.
      for (int i = 0; i < 12; i++) {
        sender.send(
            ByteBuffer.wrap(
                new DiscoveryBeacon(PeerId.of(9, i), 5000 + i, settings.network(), false).encode()),
            group);
      }
      int expectedMalformed = malformed;
      Await.until(
          Duration.ofSeconds(10),
          () ->
              discovery.counter(LanDiscovery.Counter.BEACONS_MALFORMED) >= expectedMalformed
                  && discovery.counter(LanDiscovery.Counter.BEACONS_ACCEPTED) >= 12,
          () -> discovery.counters().toString());
    }
    assertEquals(40 + 3, discovery.counter(LanDiscovery.Counter.BEACONS_MALFORMED));
    assertEquals(1, discovery.counter(LanDiscovery.Counter.BEACONS_OTHER_NETWORK));
    assertTrue(discovery.counter(LanDiscovery.Counter.BEACONS_OWN) >= 1);
    assertEquals(12, discovery.counter(LanDiscovery.Counter.BEACONS_ACCEPTED));
    assertEquals(4, discovery.counter(LanDiscovery.Counter.PEERS_EVICTED));
    assertEquals(8, discovery.discovered().size());
    assertEquals(PeerId.of(9, 4), discovery.discovered().get(0).peer());
    assertEquals(12, heard.size());
    // Then they expire: 3.5 s without a beacon.
    Await.until(Duration.ofSeconds(10), () -> discovery.discovered().isEmpty(), () -> "");
    assertTrue(discovery.counter(LanDiscovery.Counter.PEERS_EXPIRED) >= 8);
  }
}
