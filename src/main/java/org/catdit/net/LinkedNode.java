package org.catdit.net;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.catdit.overlay.broadcast.BroadcastCounters;
import org.catdit.overlay.core.Environment;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.core.TimerTask;
import org.catdit.overlay.link.LinkConfig;
import org.catdit.overlay.link.LinkCounters;
import org.catdit.overlay.link.LinkEndpoint;
import org.catdit.overlay.link.LinkIo;
import org.catdit.overlay.link.PeerAuthenticator;
import org.catdit.overlay.link.SessionStats;
import org.catdit.overlay.membership.JoinRecords;
import org.catdit.overlay.membership.MembershipCounters;
import org.catdit.overlay.node.Node;
import org.catdit.overlay.node.NodeConfig;
import org.catdit.overlay.wire.ForwardedSubscription;
import org.catdit.overlay.wire.MalformedMessageException;
import org.catdit.overlay.wire.Message;
import org.catdit.overlay.wire.MessageCodec;
import org.catdit.overlay.wire.ReplaceSubscription;
import org.catdit.overlay.wire.Subscription;

/**
 * One {@link Node} over one {@link LinkEndpoint}, owned by one loop thread: the node's environment
 * and the endpoint's I/O. Messages for a peer without a session wait, bounded, until it is up (as
 * the simulator's {@code LinkedTransport}); a peer's address comes from its session or from an
 * {@link AddressHint}. Link callbacks are queued and run after the endpoint call that raised them,
 * so nothing calls back into the endpoint from inside it. No input escapes as an exception.
 */
final class LinkedNode implements Environment, LinkIo<InetSocketAddress> {
  static final int CONTROL_STREAM = 0;
  static final int PAYLOAD_STREAM = 1;

  /** Picture chunks: lowest priority, so a transfer never delays membership or broadcast. */
  static final int BULK_STREAM = 2;

  static final int MAX_PENDING_PER_PEER = 256;
  static final int MAX_PENDING_PEERS = 1024;
  static final int ADDRESS_BOOK_CAPACITY = 4096;

  private final RuntimeLoop loop;
  private final PeerId self;
  private final RandomGenerator random;
  private final MessageCodec codec = MessageCodec.standard();
  private final LinkEndpoint<InetSocketAddress> endpoint;
  private final Node node;
  private final AddressBook addresses = new AddressBook(ADDRESS_BOOK_CAPACITY);
  private final long unresolvedTimeoutMicros;

  private final Map<PeerId, ArrayDeque<Message>> pending = new LinkedHashMap<>();
  private final Map<InetSocketAddress, PeerId> connectingTo = new HashMap<>();
  private final Map<InetSocketAddress, PendingJoin> joinsByContact = new HashMap<>();
  private final Map<Long, RuntimeLoop.Cancellable> timers = new HashMap<>();
  private final Set<PeerId> sessionPeers = new LinkedHashSet<>();
  private final ArrayDeque<Runnable> linkEvents = new ArrayDeque<>();
  private long nextTimerId;
  private RuntimeLoop.Cancellable wake;
  private boolean isDraining;
  private boolean isReading;

  private long messagesDropped;
  private long messagesMalformed;
  private long handlerFailures;

  LinkedNode(
      RuntimeLoop loop,
      PeerAuthenticator identity,
      NodeConfig nodeConfig,
      LinkConfig linkConfig,
      RandomGenerator random,
      Consumer<Delivery> deliveries) {
    this.loop = loop;
    this.self = identity.localPeer();
    this.random = random;
    this.unresolvedTimeoutMicros = linkConfig.handshakeTimeoutMicros();
    this.endpoint = new LinkEndpoint<>(linkConfig, identity, this, random);
    this.node = new Node(this, nodeConfig);
    node.setDeliveryListener(
        (now, id, payload, from, hops) -> deliveries.accept(new Delivery(id, payload, from, hops)));
  }

  // ============================================================ entry points (loop thread only)

  /**
   * Signs this node's subscriptions with its identity, naming {@code ownAddress} (null: none, e.g.
   * for a wildcard bind), and refuses subscriptions whose record does not verify. Before start.
   */
  void requireSignedJoins(PeerAuthenticator identity, InetSocketAddress ownAddress) {
    byte[] address = ownAddress == null ? new byte[0] : addressBytes(ownAddress);
    node.membership().requireSignedJoins(new JoinRecords(identity, address));
  }

  void start() {
    handle(() -> node.start(loop.nowMicros()));
  }

  /** One datagram from the socket; the write is flushed at the end of the read batch. */
  /** One datagram, {@code bytes[0..length)}; the array may be reused once this returns. */
  void onDatagram(InetSocketAddress from, byte[] bytes, int length) {
    isReading = true;
    try {
      handle(() -> endpoint.onDatagram(loop.nowMicros(), from, bytes, 0, length));
    } finally {
      isReading = false;
    }
  }

  void onReadComplete() {
    loop.flush();
  }

  /**
   * Connects to {@code contact} and joins through whoever answers; completes with its id. If {@code
   * expected} is not null, joins only if the peer that answers proves that id in the handshake;
   * otherwise the session is closed and the future fails with {@link UnexpectedPeerException}.
   */
  CompletableFuture<PeerId> join(InetSocketAddress contact, PeerId expected) {
    CompletableFuture<PeerId> joined = new CompletableFuture<>();
    handle(
        () -> {
          joinsByContact.put(contact, new PendingJoin(expected, joined));
          endpoint.connect(loop.nowMicros(), contact);
        });
    return joined;
  }

  private record PendingJoin(PeerId expected, CompletableFuture<PeerId> joined) {}

  Node node() {
    return node;
  }

  /** The address {@code peer} was last reached or announced at, or null. */
  InetSocketAddress addressOf(PeerId peer) {
    return addresses.lookup(peer);
  }

  LinkEndpoint<InetSocketAddress> endpoint() {
    return endpoint;
  }

  /** Runs {@code action} on this loop's state, then the link events it raised, then flushes. */
  void handle(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      handlerFailures++;
    }
    drainLinkEvents();
    if (!isReading) {
      loop.flush();
    }
  }

  NodeStatus status() {
    PeerId root = self;
    List<NodeStatus.Link> links = new ArrayList<>();
    for (PeerId peer : sessionPeers()) {
      SessionStats stats = endpoint.stats(peer);
      if (stats != null) {
        links.add(new NodeStatus.Link(peer, stats));
      }
    }
    Set<PeerId> known = new HashSet<>(node.membership().partialView());
    known.addAll(node.membership().inView());
    known.remove(self);
    return new NodeStatus(
        self,
        node.membership().partialView(),
        node.membership().inView(),
        node.broadcastTree().eagerPeers(root),
        node.broadcastTree().lazyPeers(root),
        endpoint.sessionCount(),
        node.broadcastTree().counters().delivered(),
        node.broadcastTree().counters().duplicates(),
        messagesDropped,
        links,
        NodeStatus.estimateNetworkSize(
            node.membership().partialView().size(), known.size(), node.membership().config().c()),
        membershipCounters(node.membership().counters()),
        broadcastCounters(node.broadcastTree().counters()),
        linkCounters());
  }

  private static Map<String, Long> membershipCounters(MembershipCounters counters) {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("subscriptionsHandledAsContact", counters.subscriptionsHandledAsContact());
    out.put("subscriptionsWalked", counters.subscriptionsWalked());
    out.put("subscriptionsKept", counters.subscriptionsKept());
    out.put("subscriptionsForwarded", counters.subscriptionsForwarded());
    out.put("subscriptionsKeptAtHopLimit", counters.subscriptionsKeptAtHopLimit());
    out.put("subscriptionsDropped", counters.subscriptionsDropped());
    out.put("rejoins", counters.rejoins());
    out.put("leaseResubscriptions", counters.leaseResubscriptions());
    out.put("partitionRejoins", counters.partitionRejoins());
    out.put("leaseExpiries", counters.leaseExpiries());
    out.put("failuresDetected", counters.failuresDetected());
    out.put("bookkeepingRepairs", counters.bookkeepingRepairs());
    out.put("joinRecordsRefused", counters.joinRecordsRefused());
    return out;
  }

  private static Map<String, Long> broadcastCounters(BroadcastCounters counters) {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("broadcasts", counters.broadcasts());
    out.put("delivered", counters.delivered());
    out.put("duplicates", counters.duplicates());
    out.put("prunesSent", counters.prunesSent());
    out.put("graftsSent", counters.graftsSent());
    out.put("graftsAnswered", counters.graftsAnswered());
    out.put("graftsUnanswerable", counters.graftsUnanswerable());
    out.put("optimizations", counters.optimizations());
    out.put("announcementsQueued", counters.announcementsQueued());
    out.put("iHavesSent", counters.iHavesSent());
    out.put("iHavesResent", counters.iHavesResent());
    out.put("iHaveBatchesAbandoned", counters.iHaveBatchesAbandoned());
    out.put("iHaveBatchesDropped", counters.iHaveBatchesDropped());
    out.put("missingDropped", counters.missingDropped());
    out.put("messagesGivenUp", counters.messagesGivenUp());
    out.put("linksUp", counters.linksUp());
    out.put("linksDown", counters.linksDown());
    return out;
  }

  /**
   * The endpoint's counters in camel case, then the total of dropped input, then this runtime's.
   */
  private Map<String, Long> linkCounters() {
    Map<String, Long> out = new LinkedHashMap<>();
    LinkCounters counters = endpoint.counters();
    for (Map.Entry<LinkCounters.Counter, Long> entry : counters.snapshot().entrySet()) {
      out.put(camelCase(entry.getKey().name()), entry.getValue());
    }
    out.put("droppedTotal", counters.droppedTotal());
    out.put("overlayMessagesMalformed", messagesMalformed);
    out.put("handlerFailures", handlerFailures);
    return out;
  }

  static String camelCase(String constant) {
    StringBuilder out = new StringBuilder();
    boolean isUpper = false;
    for (char ch : constant.toCharArray()) {
      if (ch == '_') {
        isUpper = true;
      } else {
        out.append(isUpper ? ch : Character.toLowerCase(ch));
        isUpper = false;
      }
    }
    return out.toString();
  }

  long messagesMalformed() {
    return messagesMalformed;
  }

  long handlerFailures() {
    return handlerFailures;
  }

  private void drainLinkEvents() {
    if (isDraining) {
      return;
    }
    isDraining = true;
    try {
      Runnable event;
      while ((event = linkEvents.poll()) != null) {
        try {
          event.run();
        } catch (RuntimeException e) {
          handlerFailures++;
        }
      }
    } finally {
      isDraining = false;
    }
  }

  // ============================================================ Environment (for the node)

  @Override
  public PeerId self() {
    return self;
  }

  @Override
  public void send(PeerId to, Message message) {
    long now = loop.nowMicros();
    if (endpoint.isConnected(to)) {
      transmit(now, to, message);
      return;
    }
    ArrayDeque<Message> queue = pending.get(to);
    if (queue == null) {
      if (pending.size() >= MAX_PENDING_PEERS) {
        messagesDropped++;
        return;
      }
      queue = new ArrayDeque<>();
      pending.put(to, queue);
      InetSocketAddress address = addresses.lookup(to);
      if (address != null) {
        connect(now, to, address);
      }
      // Whether it connects or waits for a hint, a peer still unreachable after the handshake
      // timeout has failed as far as the node is concerned.
      ArrayDeque<Message> waiting = queue;
      schedule(unresolvedTimeoutMicros, later -> giveUpIfUnreached(later, to, waiting));
    }
    if (queue.size() < MAX_PENDING_PER_PEER) {
      queue.add(message);
    } else {
      messagesDropped++;
    }
  }

  @Override
  public long schedule(long delayMicros, TimerTask task) {
    long id = nextTimerId++;
    timers.put(
        id,
        loop.schedule(
            Math.max(0, delayMicros),
            () -> {
              timers.remove(id);
              handle(() -> task.run(loop.nowMicros()));
            }));
    return id;
  }

  @Override
  public void cancel(long timerId) {
    RuntimeLoop.Cancellable timer = timers.remove(timerId);
    if (timer != null) {
      timer.cancel();
    }
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  // ============================================================ LinkIo (for the endpoint)

  @Override
  public void sendDatagram(InetSocketAddress to, byte[] bytes, int length) {
    loop.write(to, bytes, length);
  }

  @Override
  public void wakeAt(long deadlineMicros) {
    if (wake != null) {
      wake.cancel();
    }
    long delay = Math.max(0, deadlineMicros - loop.nowMicros());
    wake =
        loop.schedule(
            delay,
            () -> {
              wake = null;
              handle(() -> endpoint.onTimer(loop.nowMicros()));
            });
  }

  @Override
  public void onMessage(PeerId from, int streamId, byte[] message) {
    linkEvents.add(() -> receive(from, message));
  }

  @Override
  public void onSessionEstablished(PeerId peer, InetSocketAddress address) {
    linkEvents.add(() -> sessionUp(peer, address));
  }

  @Override
  public void onPeerFailed(PeerId peer, FailureReason reason) {
    linkEvents.add(
        () -> {
          sessionPeers.remove(peer);
          dropPending(peer);
          node.onPeerFailed(loop.nowMicros(), peer);
        });
  }

  @Override
  public void onConnectFailed(InetSocketAddress address) {
    linkEvents.add(() -> connectFailed(address));
  }

  @Override
  public byte[] addressBytes(InetSocketAddress address) {
    byte[] ip = address.getAddress().getAddress();
    byte[] out = new byte[ip.length + 2];
    System.arraycopy(ip, 0, out, 0, ip.length);
    out[ip.length] = (byte) (address.getPort() >>> 8);
    out[ip.length + 1] = (byte) address.getPort();
    return out;
  }

  // ============================================================ internals

  private void connect(long now, PeerId peer, InetSocketAddress address) {
    if (!connectingTo.containsKey(address)) {
      connectingTo.put(address, peer);
      endpoint.connect(now, address);
    }
  }

  private void transmit(long now, PeerId to, Message message) {
    for (PeerId named : namedPeers(message)) {
      InetSocketAddress address = addresses.lookup(named);
      if (address != null && !named.equals(to) && !named.equals(self)) {
        endpoint.send(now, to, CONTROL_STREAM, new AddressHint(named, address).encode());
      }
    }
    int stream =
        switch (message.type()) {
          case GOSSIP -> PAYLOAD_STREAM;
          case BLOB_CHUNK -> BULK_STREAM;
          default -> CONTROL_STREAM;
        };
    if (!endpoint.send(now, to, stream, codec.encode(message))) {
      messagesDropped++;
    }
  }

  /** The peers a message names (other than its sender), whose address the receiver may need. */
  private static List<PeerId> namedPeers(Message message) {
    if (message instanceof Subscription subscription) {
      return List.of(subscription.subscriber());
    }
    if (message instanceof ForwardedSubscription forwarded) {
      return List.of(forwarded.subscriber());
    }
    if (message instanceof ReplaceSubscription replace) {
      return List.of(replace.replacement());
    }
    return List.of();
  }

  private void receive(PeerId from, byte[] bytes) {
    if (AddressHint.isHint(bytes)) {
      AddressHint hint = AddressHint.decode(bytes);
      if (hint == null) {
        messagesMalformed++;
        return;
      }
      if (addresses.hinted(hint.peer(), hint.address())
          && pending.containsKey(hint.peer())
          && !endpoint.isConnected(hint.peer())) {
        connect(loop.nowMicros(), hint.peer(), hint.address());
      }
      return;
    }
    Message message;
    try {
      message = codec.decode(bytes);
    } catch (MalformedMessageException e) {
      messagesMalformed++;
      return;
    }
    node.onMessage(loop.nowMicros(), from, message);
  }

  private void sessionUp(PeerId peer, InetSocketAddress address) {
    long now = loop.nowMicros();
    addresses.observed(peer, address);
    sessionPeers.add(peer);
    PeerId expected = connectingTo.remove(address);
    if (expected != null && !expected.equals(peer)) {
      // Someone else answers at the address we had for {@code expected}: it is not there.
      dropPending(expected);
      node.onPeerFailed(now, expected);
    }
    ArrayDeque<Message> queue = pending.remove(peer);
    if (queue != null) {
      for (Message message : queue) {
        transmit(now, peer, message);
      }
    }
    PendingJoin join = joinsByContact.remove(address);
    if (join == null) {
      return;
    }
    if (join.expected() != null && !join.expected().equals(peer)) {
      // Not the peer the invite named: do not join through it. The session stays: that peer may be
      // joining through us (it took over the address of a peer we saved), and closing it made its
      // subscription wait for a rejoin, 4-5 s. Unused, it ends at the idle timeout.
      join.joined()
          .completeExceptionally(new UnexpectedPeerException(address, join.expected(), peer));
      return;
    }
    node.join(now, peer);
    join.joined().complete(peer);
  }

  private void connectFailed(InetSocketAddress address) {
    PeerId expected = connectingTo.remove(address);
    if (expected != null) {
      dropPending(expected);
      node.onPeerFailed(loop.nowMicros(), expected);
    }
    PendingJoin join = joinsByContact.remove(address);
    if (join != null) {
      join.joined().completeExceptionally(new IllegalStateException("no answer from " + address));
    }
  }

  private void giveUpIfUnreached(long now, PeerId peer, ArrayDeque<Message> queue) {
    if (pending.get(peer) == queue && !endpoint.isConnected(peer)) {
      dropPending(peer);
      node.onPeerFailed(now, peer);
    }
  }

  private void dropPending(PeerId peer) {
    ArrayDeque<Message> dropped = pending.remove(peer);
    if (dropped != null) {
      messagesDropped += dropped.size();
    }
  }

  /** Peers with an established session, in the order they came up. */
  List<PeerId> sessionPeers() {
    List<PeerId> out = new ArrayList<>();
    for (PeerId peer : sessionPeers) {
      if (endpoint.isConnected(peer)) {
        out.add(peer);
      }
    }
    return out;
  }

  /** Closes every session (telling each peer); no failures are reported for them. */
  void closeSessions() {
    long now = loop.nowMicros();
    for (PeerId peer : sessionPeers()) {
      endpoint.close(now, peer);
    }
    sessionPeers.clear();
  }
}
