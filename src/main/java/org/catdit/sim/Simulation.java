package org.catdit.sim;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.catdit.overlay.core.Environment;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.core.TimerTask;
import org.catdit.overlay.link.LinkConfig;
import org.catdit.overlay.link.SimAuthenticator;
import org.catdit.overlay.membership.JoinRecords;
import org.catdit.overlay.node.Node;
import org.catdit.overlay.node.NodeConfig;
import org.catdit.overlay.wire.Limits;
import org.catdit.overlay.wire.MalformedMessageException;
import org.catdit.overlay.wire.Message;
import org.catdit.overlay.wire.MessageCodec;
import org.catdit.overlay.wire.MessageType;

/**
 * The discrete-event runtime: many peers, each running the real protocol classes, on one virtual
 * clock (microseconds) and one thread. Events run in (time, sequence) order; every source of
 * randomness derives from one seed, so a run is replayable bit for bit, and {@link #traceHash()}
 * fingerprints the whole order of deliveries.
 */
public final class Simulation {
  static final byte DELIVER = 1;
  static final byte TIMER = 2;
  static final byte ACTION = 3;
  static final byte DATAGRAM = 4;

  private final SimSettings settings;
  private final long seed;
  private final NetworkModel network;
  private final EventQueue queue;
  private final MessageCodec strictCodec;
  private final ByteBuffer strictBuffer;
  private final List<DeliveryListener> deliveryListeners = new ArrayList<>();
  private LinkConfig linkConfig;
  private MessageCodec linkCodec;
  private long linkDatagramsSent;
  private long linkDatagramsDelivered;
  private long linkDatagramBytes;
  private long uplinkBitsPerSecond;
  private long uplinkQueueMicros;
  private long[] uplinkFreeAtMicros = new long[0];
  private long datagramsDroppedAtUplink;

  private SimPeer[] peers;
  private int peerCount;
  private long nowMicros;
  private long eventsRun;
  private long traceHash = 0x243F6A8885A308D3L;

  private long datagramsSent;
  private long datagramsDelivered;
  private long datagramsLost;
  private long datagramsToDeadPeers;
  private long datagramsCutByPartition;
  private long datagramsMalformed;
  private final long[] receivedByType = new long[MessageType.maxCode() + 1];
  private final int[][] receivedByTypePerPeer = new int[MessageType.maxCode() + 1][];

  public Simulation(SimSettings settings) {
    this.settings = settings;
    this.seed = settings.seed();
    SplittableRandom networkRandom = new SplittableRandom(SimIds.mix(seed ^ 0x4E4554L));
    this.network =
        new NetworkModel(
            seed,
            settings.delayMeanMicros(),
            settings.delaySdMicros(),
            settings.jitterSdMicros(),
            settings.lossProbability(),
            networkRandom);
    this.queue = new EventQueue(Math.max(1024, settings.expectedPeers() * 4));
    this.peers = new SimPeer[Math.max(16, settings.expectedPeers())];
    this.strictCodec = settings.isStrictCodec() ? MessageCodec.standard() : null;
    this.strictBuffer =
        settings.isStrictCodec() ? ByteBuffer.allocate(Limits.MAX_MESSAGE_BYTES) : null;
  }

  /** Creates a peer (not yet joined) and starts its protocols; returns its index. */
  public int addPeer(NodeConfig config) {
    return addPeer(config, (env, node) -> {});
  }

  /** Attaches protocols beyond membership and broadcast to a new peer, before it starts. */
  @FunctionalInterface
  public interface PeerSetup {
    void attach(Environment env, Node node);
  }

  /**
   * Creates a peer as {@link #addPeer(NodeConfig)} does, letting {@code setup} attach further
   * protocols (ledger sync, blob transfer) through the peer's environment before it starts.
   */
  public int addPeer(NodeConfig config, PeerSetup setup) {
    if (peerCount == peers.length) {
      peers = Arrays.copyOf(peers, peers.length * 2);
    }
    int index = peerCount++;
    SimPeer peer =
        new SimPeer(
            this,
            index,
            SimIds.of(index),
            new SplittableRandom(SimIds.mix(seed + 0x9E3779B97F4A7C15L * (index + 1L))));
    peers[index] = peer;
    if (linkConfig != null) {
      peer.transport =
          new LinkedTransport(
              this,
              index,
              peer.id,
              linkConfig,
              linkCodec,
              new SplittableRandom(peer.random.nextLong()));
    }
    peer.node = new Node(peer, config);
    // Joins are signed as on the real network, with the cheap stand-in for Ed25519.
    peer.node
        .membership()
        .requireSignedJoins(new JoinRecords(new SimAuthenticator(peer.id), new byte[0], 0));
    if (peer.transport != null) {
      peer.transport.attach(peer.node);
    }
    setup.attach(peer, peer.node);
    peer.node.start(nowMicros);
    return index;
  }

  /**
   * {@code --links full}: from now on, peers added exchange their messages over link sessions in
   * simulated datagrams (see {@link LinkedTransport}). Call before adding peers.
   */
  public void useLinks(LinkConfig config) {
    if (peerCount > 0) {
      throw new IllegalStateException("links must be chosen before peers are added");
    }
    this.linkConfig = config;
    this.linkCodec = MessageCodec.standard();
  }

  public boolean usesLinks() {
    return linkConfig != null;
  }

  public void addDeliveryListener(DeliveryListener listener) {
    deliveryListeners.add(listener);
  }

  /**
   * Runs {@code action} at virtual time {@code timeMicros} (scenario steps: joins, crashes, ...).
   */
  public void at(long timeMicros, Runnable action) {
    queue.push(Math.max(timeMicros, nowMicros), ACTION, -1, -1, action);
  }

  /** Runs every event up to and including {@code timeMicros}; the clock then reads that time. */
  public void runUntil(long timeMicros) {
    while (!queue.isEmpty() && queue.peekTime() <= timeMicros) {
      step();
    }
    nowMicros = Math.max(nowMicros, timeMicros);
  }

  private void step() {
    int slot = queue.pop();
    long time = queue.time(slot);
    byte kind = queue.kind(slot);
    int target = queue.target(slot);
    int source = queue.source(slot);
    Object payload = queue.payload(slot);
    queue.release(slot);
    nowMicros = time;
    eventsRun++;
    switch (kind) {
      case DELIVER -> deliver(time, source, target, (Message) payload);
      case TIMER -> {
        SimPeer peer = peers[target];
        if (peer.isAlive) {
          ((TimerTask) payload).run(time);
        }
      }
      case ACTION -> ((Runnable) payload).run();
      case DATAGRAM -> {
        SimPeer peer = peers[target];
        if (peer.isAlive) {
          linkDatagramsDelivered++;
          peer.transport.onDatagram(time, source, (byte[]) payload);
        } else {
          datagramsToDeadPeers++;
        }
      }
      default -> throw new IllegalStateException("unknown event kind " + kind);
    }
  }

  private void deliver(long time, int from, int to, Message message) {
    SimPeer peer = peers[to];
    if (!peer.isAlive) {
      datagramsToDeadPeers++;
      return;
    }
    datagramsDelivered++;
    int code = message.type().code();
    receivedByType[code]++;
    int[] perPeer = receivedByTypePerPeer[code];
    if (perPeer == null || perPeer.length < peerCount) {
      perPeer = perPeer == null ? new int[peers.length] : Arrays.copyOf(perPeer, peers.length);
      receivedByTypePerPeer[code] = perPeer;
    }
    perPeer[to]++;
    traceHash =
        SimIds.mix(traceHash ^ time) + (((long) from << 32) | (to & 0xFFFF_FFFFL)) * 31 + code;
    for (int i = 0; i < deliveryListeners.size(); i++) {
      deliveryListeners.get(i).delivered(time, from, to, message);
    }
    peer.node.onMessage(time, peers[from].id, message);
  }

  void send(int from, PeerId toId, Message message) {
    datagramsSent++;
    int to = SimIds.indexOf(toId);
    if (to < 0 || to >= peerCount) {
      datagramsToDeadPeers++;
      return;
    }
    if (network.isCut(from, to)) {
      datagramsCutByPartition++;
      return;
    }
    if (network.isLost()) {
      datagramsLost++;
      return;
    }
    if (strictCodec != null) {
      message = roundTrip(message);
      if (message == null) {
        return;
      }
    }
    queue.push(nowMicros + network.sampleDelayMicros(from, to), DELIVER, to, from, message);
  }

  /** A link-layer datagram through the network model (loss, partitions, delay). */
  void sendDatagram(int from, int to, byte[] datagram) {
    linkDatagramsSent++;
    linkDatagramBytes += datagram.length;
    long departureMicros = nowMicros;
    if (uplinkBitsPerSecond > 0) {
      // The sender's uplink: datagrams leave one after another at its rate; one that would wait
      // longer than the queue holds is dropped (drop tail), which is how congestion shows.
      if (from >= uplinkFreeAtMicros.length) {
        uplinkFreeAtMicros = Arrays.copyOf(uplinkFreeAtMicros, Math.max(peers.length, from + 1));
      }
      long start = Math.max(nowMicros, uplinkFreeAtMicros[from]);
      if (start - nowMicros > uplinkQueueMicros) {
        datagramsDroppedAtUplink++;
        return;
      }
      departureMicros = start + datagram.length * 8L * 1_000_000L / uplinkBitsPerSecond;
      uplinkFreeAtMicros[from] = departureMicros;
    }
    if (to < 0 || to >= peerCount || network.isCut(from, to)) {
      datagramsCutByPartition++;
      return;
    }
    if (network.isLost()) {
      datagramsLost++;
      return;
    }
    queue.push(departureMicros + network.sampleDelayMicros(from, to), DATAGRAM, to, from, datagram);
  }

  /**
   * Gives every peer an uplink of {@code bitsPerSecond} with a drop-tail queue holding {@code
   * queueMicros} of traffic, for link datagrams ({@code --links full}); 0 means unlimited.
   */
  public void setUplink(long bitsPerSecond, long queueMicros) {
    if (bitsPerSecond < 0 || queueMicros < 0) {
      throw new IllegalArgumentException("uplink rate and queue must not be negative");
    }
    this.uplinkBitsPerSecond = bitsPerSecond;
    this.uplinkQueueMicros = queueMicros;
  }

  public long datagramsDroppedAtUplink() {
    return datagramsDroppedAtUplink;
  }

  /**
   * Messages handed from a node's protocols to its link sessions arrive through {@link
   * #deliverFromLink}, so the counters and listeners see them as if they were plain deliveries.
   */
  void deliverFromLink(int to, PeerId fromId, Message message) {
    int from = indexOf(fromId);
    deliver(nowMicros, from < 0 ? to : from, to, message);
  }

  public long linkDatagramsSent() {
    return linkDatagramsSent;
  }

  public long linkDatagramsDelivered() {
    return linkDatagramsDelivered;
  }

  public long linkDatagramBytes() {
    return linkDatagramBytes;
  }

  /** Strict mode: every message crosses the real codec, as it would cross a socket. */
  private Message roundTrip(Message message) {
    strictBuffer.clear();
    strictCodec.encode(message, strictBuffer);
    strictBuffer.flip();
    try {
      return strictCodec.decode(strictBuffer);
    } catch (MalformedMessageException e) {
      datagramsMalformed++;
      return null;
    }
  }

  long schedule(int peer, long delayMicros, TimerTask task) {
    return queue.push(nowMicros + Math.max(0, delayMicros), TIMER, peer, -1, task);
  }

  void cancel(long timerId) {
    queue.cancel(timerId);
  }

  /** Stops a peer at once, as a crash: no goodbye, its pending events are discarded. */
  public void crash(int index) {
    peers[index].isAlive = false;
  }

  /** Leaves gracefully (SCAMP unsubscription), then stops the peer. */
  public void leave(int index) {
    SimPeer peer = peers[index];
    if (peer.isAlive) {
      peer.node.leave(nowMicros);
      peer.isAlive = false;
    }
  }

  /** Splits the network: {@code groupOf[peer]} names each peer's side. */
  public void partition(int[] groupOf) {
    network.setPartition(groupOf.clone());
  }

  /**
   * Changes the datagram loss probability from now on, e.g. to build an overlay without loss and
   * then measure a protocol under loss.
   */
  public void setLossProbability(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("loss must be between 0 and 1");
    }
    network.setLossProbability(probability);
  }

  public void healPartition() {
    network.setPartition(null);
  }

  public long now() {
    return nowMicros;
  }

  public SimSettings settings() {
    return settings;
  }

  public long seed() {
    return seed;
  }

  public int peerCount() {
    return peerCount;
  }

  public boolean isAlive(int index) {
    return peers[index].isAlive;
  }

  public Node node(int index) {
    return peers[index].node;
  }

  public PeerId id(int index) {
    return peers[index].id;
  }

  /** The simulator index of a simulated peer id, or -1. */
  public int indexOf(PeerId id) {
    int index = SimIds.indexOf(id);
    return index >= 0 && index < peerCount ? index : -1;
  }

  public long eventsRun() {
    return eventsRun;
  }

  public int pendingEvents() {
    return queue.size();
  }

  public long traceHash() {
    return traceHash;
  }

  public long datagramsSent() {
    return datagramsSent;
  }

  public long datagramsDelivered() {
    return datagramsDelivered;
  }

  public long datagramsLost() {
    return datagramsLost;
  }

  public long datagramsToDeadPeers() {
    return datagramsToDeadPeers;
  }

  public long datagramsCutByPartition() {
    return datagramsCutByPartition;
  }

  public long datagramsMalformed() {
    return datagramsMalformed;
  }

  /** Messages of {@code type} delivered so far, over all peers. */
  public long received(MessageType type) {
    return receivedByType[type.code()];
  }

  /** Messages of {@code type} delivered to one peer so far. */
  public int received(MessageType type, int peer) {
    int[] perPeer = receivedByTypePerPeer[type.code()];
    return perPeer == null || peer >= perPeer.length ? 0 : perPeer[peer];
  }

  /** One simulated peer: its node, its random stream, and the environment the node acts through. */
  private static final class SimPeer implements Environment {
    private final Simulation simulation;
    private final int index;
    private final PeerId id;
    private final SplittableRandom random;
    private Node node;
    private LinkedTransport transport;
    private boolean isAlive = true;

    SimPeer(Simulation simulation, int index, PeerId id, SplittableRandom random) {
      this.simulation = simulation;
      this.index = index;
      this.id = id;
      this.random = random;
    }

    @Override
    public PeerId self() {
      return id;
    }

    @Override
    public void send(PeerId to, Message message) {
      if (!isAlive) {
        return;
      }
      if (transport != null) {
        simulation.datagramsSent++;
        transport.send(to, message);
      } else {
        simulation.send(index, to, message);
      }
    }

    @Override
    public long schedule(long delayMicros, TimerTask task) {
      return simulation.schedule(index, delayMicros, task);
    }

    @Override
    public void cancel(long timerId) {
      simulation.cancel(timerId);
    }

    @Override
    public SplittableRandom random() {
      return random;
    }
  }
}
