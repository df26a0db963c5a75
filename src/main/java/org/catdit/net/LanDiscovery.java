package org.catdit.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.catdit.overlay.core.PeerId;

/**
 * LAN discovery (issue 5, item 5): a multicast beacon so that peers on one LAN find a contact with
 * no configuration. Every {@code beaconIntervalMillis} (±20 % jitter) a {@link DiscoveryBeacon}
 * goes to an IPv4 multicast group on every suitable interface (up, multicast-capable, not
 * point-to-point, with an IPv4 address; loopback only when asked for); beacons heard from others
 * fill a bounded {@link DiscoveredPeers} table with expiry. A beacon from a peer not heard before
 * is answered early (at most one beacon per second), so a new peer learns its neighbours within
 * about a second instead of a whole interval.
 *
 * <p>Every input is bounded and checked: datagrams over {@link DiscoveryBeacon#MAX_BYTES} or
 * malformed are dropped and counted, so are beacons of another network, this peer's own, and any
 * beyond {@value #MAX_BEACONS_PER_SECOND} per second. One daemon thread owns the socket and the
 * table; {@link #discovered()} and {@link #counters()} may be called from any thread.
 *
 * <p>IPv4 only: on this kernel loopback carries IPv4 multicast (although {@code lo} lacks the
 * MULTICAST flag) but refuses IPv6 multicast sends, and an IPv4 group reaches every LAN peer.
 */
public final class LanDiscovery implements AutoCloseable {
  /** Administratively scoped (RFC 2365), stays on the site. */
  public static final String DEFAULT_GROUP = "239.255.67.84";

  public static final int DEFAULT_PORT = 41_999;
  public static final String DEFAULT_NETWORK = "catdit";
  static final int MAX_BEACONS_PER_SECOND = 100;
  static final long MIN_BEACON_SPACING_MILLIS = 1000;

  /**
   * @param group IPv4 multicast group
   * @param port UDP port of the group
   * @param network only peers beaconing the same name are discovered
   * @param interfaceNames interfaces to use; empty for every suitable one
   * @param isLoopbackIncluded whether loopback counts as suitable (tests, one-host setups)
   */
  public record Settings(
      InetAddress group,
      int port,
      String network,
      long beaconIntervalMillis,
      long expiryMillis,
      int capacity,
      List<String> interfaceNames,
      boolean isLoopbackIncluded) {
    public Settings {
      if (!(group instanceof Inet4Address) || !group.isMulticastAddress()) {
        throw new IllegalArgumentException("not an IPv4 multicast group: " + group);
      }
      if (port < 1 || port > 0xFFFF) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      DiscoveryBeacon.checkNetworkName(network);
      if (beaconIntervalMillis < MIN_BEACON_SPACING_MILLIS
          || expiryMillis <= beaconIntervalMillis) {
        throw new IllegalArgumentException(
            "beacons at least 1 s apart, and expiry longer than the interval");
      }
      if (capacity < 1 || capacity > 65_536) {
        throw new IllegalArgumentException("capacity out of range: " + capacity);
      }
      interfaceNames = List.copyOf(interfaceNames);
    }

    /** Every 5 s, forgotten after 3 missed beacons, 256 peers, every suitable interface. */
    public static Settings defaults() {
      try {
        return new Settings(
            InetAddress.getByName(DEFAULT_GROUP),
            DEFAULT_PORT,
            DEFAULT_NETWORK,
            5_000,
            16_000,
            256,
            List.of(),
            false);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    public Settings withNetwork(String name) {
      return new Settings(
          group,
          port,
          name,
          beaconIntervalMillis,
          expiryMillis,
          capacity,
          interfaceNames,
          isLoopbackIncluded);
    }

    public Settings withGroup(InetAddress newGroup, int newPort) {
      return new Settings(
          newGroup,
          newPort,
          network,
          beaconIntervalMillis,
          expiryMillis,
          capacity,
          interfaceNames,
          isLoopbackIncluded);
    }

    public Settings withInterfaces(List<String> names, boolean includeLoopback) {
      return new Settings(
          group,
          port,
          network,
          beaconIntervalMillis,
          expiryMillis,
          capacity,
          names,
          includeLoopback);
    }
  }

  /** What happened to beacons, for status and tests. */
  public enum Counter {
    BEACONS_SENT,
    BEACON_SEND_FAILURES,
    BEACONS_ACCEPTED,
    BEACONS_MALFORMED,
    BEACONS_OWN,
    BEACONS_OTHER_NETWORK,
    BEACONS_RATE_LIMITED,
    PEERS_EVICTED,
    PEERS_EXPIRED
  }

  private final Settings settings;
  private final PeerId self;
  private final int nodePort;
  private final BooleanSupplier isMember;
  private final Consumer<DiscoveredPeer> listener;
  private final DatagramChannel channel;
  private final Selector selector;
  private final List<NetworkInterface> interfaces;
  private final DiscoveredPeers table;
  private final Map<Counter, AtomicLong> counters = new LinkedHashMap<>();
  private final SplittableRandom random = new SplittableRandom();
  private final Thread thread;
  private volatile List<DiscoveredPeer> snapshot = List.of();
  private volatile boolean isClosed;

  private long nextBeaconMillis;
  private long lastBeaconMillis = Long.MIN_VALUE / 2;
  private long bucketSecond;
  private int bucketUsed;

  private LanDiscovery(
      Settings settings,
      PeerId self,
      int nodePort,
      BooleanSupplier isMember,
      Consumer<DiscoveredPeer> listener,
      List<NetworkInterface> interfaces)
      throws IOException {
    this.settings = settings;
    this.self = self;
    this.nodePort = nodePort;
    this.isMember = isMember;
    this.listener = listener;
    this.interfaces = interfaces;
    this.table = new DiscoveredPeers(settings.capacity(), settings.expiryMillis());
    for (Counter counter : Counter.values()) {
      counters.put(counter, new AtomicLong());
    }
    DatagramChannel opened = DatagramChannel.open(StandardProtocolFamily.INET);
    try {
      opened.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      opened.bind(new InetSocketAddress(settings.port()));
      // Peers on this host (several nodes, tests) must hear each other too.
      opened.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
      opened.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
      List<NetworkInterface> joined = new ArrayList<>();
      for (NetworkInterface face : interfaces) {
        try {
          opened.join(settings.group(), face);
          joined.add(face);
        } catch (IOException | UnsupportedOperationException e) {
          // An interface that refuses the group is simply not used.
        }
      }
      if (joined.isEmpty()) {
        throw new IOException("could not join " + settings.group() + " on " + names(interfaces));
      }
      interfaces.retainAll(joined);
      opened.configureBlocking(false);
      this.selector = Selector.open();
      opened.register(selector, SelectionKey.OP_READ);
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
    this.channel = opened;
    this.nextBeaconMillis = nowMillis() + random.nextLong(250);
    this.thread = new Thread(this::run, "catdit-discovery-" + self.shortForm());
    thread.setDaemon(true);
  }

  /**
   * Starts beaconing that {@code self} listens on UDP {@code nodePort} (and whether it is a member,
   * asked of {@code isMember} before each beacon), and listening for others. {@code listener} is
   * called on the discovery thread for every accepted beacon (new or not; at most {@value
   * #MAX_BEACONS_PER_SECOND} per second), and must not block.
   *
   * @throws IOException if the socket cannot be bound or no interface joins the group
   */
  public static LanDiscovery start(
      Settings settings,
      PeerId self,
      int nodePort,
      BooleanSupplier isMember,
      Consumer<DiscoveredPeer> listener)
      throws IOException {
    List<NetworkInterface> faces = suitableInterfaces(settings);
    if (faces.isEmpty()) {
      throw new IOException("no suitable interface for LAN discovery");
    }
    LanDiscovery discovery = new LanDiscovery(settings, self, nodePort, isMember, listener, faces);
    discovery.thread.start();
    return discovery;
  }

  /**
   * The interfaces discovery would use: up, not point-to-point, with an IPv4 address, and
   * multicast-capable or (if asked for) loopback; restricted to {@code interfaceNames} if given.
   */
  public static List<NetworkInterface> suitableInterfaces(Settings settings)
      throws SocketException {
    List<NetworkInterface> out = new ArrayList<>();
    for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!settings.interfaceNames().isEmpty()
          && !settings.interfaceNames().contains(face.getName())) {
        continue;
      }
      if (!face.isUp() || face.isPointToPoint() || !hasIpv4(face)) {
        continue;
      }
      boolean isLoopback = face.isLoopback();
      if (isLoopback ? settings.isLoopbackIncluded() : face.supportsMulticast()) {
        out.add(face);
      }
    }
    return out;
  }

  /** The peers heard within the expiry, first heard first. */
  public List<DiscoveredPeer> discovered() {
    return snapshot;
  }

  /** The names of the interfaces that joined the group. */
  public List<String> interfaceNames() {
    return names(interfaces);
  }

  public long counter(Counter counter) {
    return counters.get(counter).get();
  }

  /** Every counter, in declaration order, with camel-case names. */
  public Map<String, Long> counters() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<Counter, AtomicLong> entry : counters.entrySet()) {
      out.put(LinkedNode.camelCase(entry.getKey().name()), entry.getValue().get());
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    isClosed = true;
    selector.wakeup();
    thread.join(2000);
    try {
      selector.close();
      channel.close();
    } catch (IOException e) {
      // Closing is best effort: nothing more to release.
    }
  }

  // ============================================================ discovery thread

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(DiscoveryBeacon.MAX_BYTES + 1);
    while (!isClosed) {
      try {
        long now = nowMillis();
        if (now >= nextBeaconMillis) {
          sendBeacons(now);
          nextBeaconMillis = now + jittered(settings.beaconIntervalMillis());
        }
        selector.select(Math.max(1, nextBeaconMillis - now));
        selector.selectedKeys().clear();
        SocketAddress from;
        // Bounded per turn so beaconing keeps its pace under a flood.
        for (int read = 0; read < 256 && (from = receive(buffer)) != null; read++) {
          buffer.flip();
          onDatagram((InetSocketAddress) from, buffer, nowMillis());
        }
      } catch (IOException | RuntimeException e) {
        if (isClosed) {
          return;
        }
        counters.get(Counter.BEACON_SEND_FAILURES).incrementAndGet();
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private SocketAddress receive(ByteBuffer buffer) throws IOException {
    buffer.clear();
    return channel.receive(buffer);
  }

  /** One datagram: checked, counted, and if a beacon of our network from another peer, kept. */
  void onDatagram(InetSocketAddress from, ByteBuffer datagram, long now) {
    long second = now / 1000;
    if (second != bucketSecond) {
      bucketSecond = second;
      bucketUsed = 0;
    }
    if (++bucketUsed > MAX_BEACONS_PER_SECOND) {
      counters.get(Counter.BEACONS_RATE_LIMITED).incrementAndGet();
      return;
    }
    DiscoveryBeacon heard = DiscoveryBeacon.decode(datagram);
    if (heard == null) {
      counters.get(Counter.BEACONS_MALFORMED).incrementAndGet();
      return;
    }
    if (heard.peer().equals(self)) {
      counters.get(Counter.BEACONS_OWN).incrementAndGet();
      return;
    }
    if (!heard.network().equals(settings.network())) {
      counters.get(Counter.BEACONS_OTHER_NETWORK).incrementAndGet();
      return;
    }
    counters.get(Counter.BEACONS_ACCEPTED).incrementAndGet();
    InetSocketAddress node = new InetSocketAddress(from.getAddress(), heard.port());
    long evictionsBefore = table.evictions();
    long expirationsBefore = table.expirations();
    boolean isNew = table.heard(heard.peer(), node, heard.isMember(), now);
    refreshSnapshot(now);
    counters.get(Counter.PEERS_EVICTED).addAndGet(table.evictions() - evictionsBefore);
    counters.get(Counter.PEERS_EXPIRED).addAndGet(table.expirations() - expirationsBefore);
    if (isNew) {
      // Answer a newcomer early, jittered, but never more than one beacon a second.
      long answerAt =
          Math.max(now + random.nextLong(500), lastBeaconMillis + MIN_BEACON_SPACING_MILLIS);
      nextBeaconMillis = Math.min(nextBeaconMillis, answerAt);
    }
    try {
      listener.accept(new DiscoveredPeer(heard.peer(), node, heard.isMember()));
    } catch (RuntimeException e) {
      // The listener's failure is its own; discovery goes on.
    }
  }

  private void sendBeacons(long now) {
    lastBeaconMillis = now;
    byte[] beacon =
        new DiscoveryBeacon(self, nodePort, settings.network(), isMember.getAsBoolean()).encode();
    for (NetworkInterface face : interfaces) {
      try {
        channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, face);
        int sent =
            channel.send(
                ByteBuffer.wrap(beacon), new InetSocketAddress(settings.group(), settings.port()));
        counters
            .get(sent > 0 ? Counter.BEACONS_SENT : Counter.BEACON_SEND_FAILURES)
            .incrementAndGet();
      } catch (IOException e) {
        counters.get(Counter.BEACON_SEND_FAILURES).incrementAndGet();
      }
    }
    long expirationsBefore = table.expirations();
    refreshSnapshot(now);
    counters.get(Counter.PEERS_EXPIRED).addAndGet(table.expirations() - expirationsBefore);
  }

  private void refreshSnapshot(long now) {
    List<DiscoveredPeer> live = new ArrayList<>();
    for (DiscoveredPeers.Entry entry : table.live(now)) {
      live.add(new DiscoveredPeer(entry.peer(), entry.address(), entry.isMember()));
    }
    snapshot = List.copyOf(live);
  }

  private long jittered(long intervalMillis) {
    long jitter = intervalMillis / 5;
    return intervalMillis - jitter + random.nextLong(2 * jitter + 1);
  }

  private static boolean hasIpv4(NetworkInterface face) {
    for (InetAddress address : Collections.list(face.getInetAddresses())) {
      if (address instanceof Inet4Address) {
        return true;
      }
    }
    return false;
  }

  private static List<String> names(List<NetworkInterface> faces) {
    List<String> out = new ArrayList<>();
    for (NetworkInterface face : faces) {
      out.add(face.getName());
    }
    return out;
  }

  private static long nowMillis() {
    return System.nanoTime() / 1_000_000;
  }
}
