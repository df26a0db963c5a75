package org.catdit.overlay.broadcast;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.catdit.overlay.core.Environment;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.core.Protocol;
import org.catdit.overlay.membership.MembershipListener;
import org.catdit.overlay.wire.Announcement;
import org.catdit.overlay.wire.Gossip;
import org.catdit.overlay.wire.Graft;
import org.catdit.overlay.wire.IHave;
import org.catdit.overlay.wire.IHaveAck;
import org.catdit.overlay.wire.Limits;
import org.catdit.overlay.wire.Message;
import org.catdit.overlay.wire.MessageId;
import org.catdit.overlay.wire.Prune;

/**
 * The broadcast tree: Plumtree (Leitão, Pereira, Rodrigues, "Epidemic Broadcast Trees", SRDS 2007),
 * Algorithms 1-4, over the SCAMP overlay. Comments cite the paper's rule each handler follows;
 * {@code reference/protocols.md} §2.1 maps them to line numbers.
 *
 * <p>Links: every SCAMP neighbour, PartialView or InView, used both ways (ADR 0002, {@link
 * LinkTable}). Trees: one shared, one per source, or per source started from the first source's
 * tree (ADR 0003, {@link BroadcastMode}).
 *
 * <p>Deviations for UDP (reference §2.5, §6): IHAVEs are batched per peer and acknowledged, and an
 * unacknowledged batch is sent again, so a lost IHAVE cannot hide a message; after timeout2 the
 * next announcer is grafted, cycling through all of them, so a lost GRAFT or a lost answer is
 * retried. Rounds count links travelled, so a peer's own broadcast has hops 0 and its neighbours
 * deliver at 1.
 */
public final class Plumtree implements Protocol, MembershipListener {
  private final Environment env;
  private final BroadcastConfig config;
  private final PeerId self;
  private final LinkTable links;
  private final BoundedCache<MessageId, Integer> seen;
  private final BoundedCache<MessageId, Gossip> payloads;
  private final LinkedHashMap<MessageId, Missing> missing = new LinkedHashMap<>();
  private final LinkedHashMap<PeerId, List<Announcement>> pendingAnnouncements =
      new LinkedHashMap<>();
  private final LinkedHashMap<Integer, SentBatch> unackedBatches = new LinkedHashMap<>();
  private final BroadcastCounters counters = new BroadcastCounters();
  private BroadcastDeliveryListener listener = BroadcastDeliveryListener.NONE;
  private boolean isFlushScheduled;
  private boolean isReannounceScheduled;
  private int nextBatch;

  /** A message announced to us but not received: who announced it, and the graft timer. */
  private static final class Missing {
    final PeerId root;
    final List<Announcer> announcers = new ArrayList<>(4);
    int nextAnnouncer;
    int graftsSent;
    long timerId = -1;

    Missing(PeerId root) {
      this.root = root;
    }

    boolean hasAnnouncer(PeerId peer) {
      for (Announcer announcer : announcers) {
        if (announcer.peer().equals(peer)) {
          return true;
        }
      }
      return false;
    }
  }

  private record Announcer(PeerId peer, int round) {}

  /** An IHAVE batch awaiting its acknowledgement. */
  private static final class SentBatch {
    final PeerId peer;
    final IHave message;
    int attempts = 1;
    long sentMicros;

    SentBatch(PeerId peer, IHave message, long sentMicros) {
      this.peer = peer;
      this.message = message;
      this.sentMicros = sentMicros;
    }
  }

  private GossipObserver gossipObserver = GossipObserver.NONE;

  public Plumtree(Environment env, BroadcastConfig config) {
    this.env = Objects.requireNonNull(env);
    this.config = Objects.requireNonNull(config);
    this.self = env.self();
    this.links = new LinkTable(config.mode(), config.maxTrees());
    this.seen = new BoundedCache<>(config.maxSeenIds(), config.seenRetentionMicros());
    this.payloads = new BoundedCache<>(config.maxCachedPayloads(), config.payloadRetentionMicros());
  }

  /** Receives every message delivered from now on; one listener, the node's user. */
  public void setDeliveryListener(BroadcastDeliveryListener listener) {
    this.listener = Objects.requireNonNull(listener);
  }

  /**
   * Receives every payload copy that arrives, duplicates included, before it is handled: what a
   * front end animates along the links (one observer; {@link GossipObserver#NONE} by default).
   */
  public void setGossipObserver(GossipObserver observer) {
    this.gossipObserver = Objects.requireNonNull(observer);
  }

  @Override
  public void start(long nowMicros) {
    // Nothing periodic: timers are armed only while announcements or grafts are pending.
  }

  /**
   * Broadcasts {@code payload} (Alg. 1 lines 18-23: deliver, eager push, lazy push, remember). A
   * payload already seen is not sent again.
   *
   * @return the message id, the content hash of the payload
   */
  public MessageId broadcast(long nowMicros, byte[] payload) {
    MessageId id = MessageIds.of(payload);
    if (!seen.contains(id, nowMicros)) {
      counters.broadcasts++;
      deliverAndPush(nowMicros, new Gossip(id, self, 0, payload), self);
    }
    return id;
  }

  @Override
  public void onMessage(long nowMicros, PeerId from, Message message) {
    if (from.equals(self)) {
      return;
    }
    if (message instanceof Gossip gossip) {
      onGossip(nowMicros, from, gossip);
    } else if (message instanceof IHave iHave) {
      onIHave(nowMicros, from, iHave);
    } else if (message instanceof Prune prune) {
      onPrune(from, prune);
    } else if (message instanceof Graft graft) {
      onGraft(nowMicros, from, graft);
    } else if (message instanceof IHaveAck ack) {
      onIHaveAck(from, ack);
    }
  }

  private void onGossip(long nowMicros, PeerId from, Gossip gossip) {
    boolean isDuplicate = seen.contains(gossip.id(), nowMicros);
    gossipObserver.received(nowMicros, from, isDuplicate);
    if (isDuplicate) {
      // Alg. 1 lines 35-37: a duplicate: the sender's link turns lazy and the sender is told.
      counters.duplicates++;
      if (config.mode() != BroadcastMode.FLOOD) {
        setLazy(gossip.root(), from);
        env.send(from, new Prune(gossip.root()));
        counters.prunesSent++;
      }
      return;
    }
    // Alg. 1 lines 24-34: deliver, cancel the timer, push on, the sender's link turns eager.
    Missing wasMissing = missing.remove(gossip.id());
    if (wasMissing != null && wasMissing.timerId >= 0) {
      env.cancel(wasMissing.timerId);
    }
    deliverAndPush(nowMicros, gossip, from);
    if (config.mode() != BroadcastMode.FLOOD) {
      setEager(gossip.root(), from);
      if (wasMissing != null) {
        optimize(gossip, from, wasMissing);
      }
    }
  }

  /**
   * Alg. 4: if a lazy neighbour announced this message at least {@code threshold} hops earlier than
   * the eager copy arrived, graft that link and prune the eager one.
   */
  private void optimize(Gossip gossip, PeerId eagerSender, Missing announced) {
    int threshold = config.optimizationThresholdHops();
    if (threshold == 0) {
      return;
    }
    for (Announcer announcer : announced.announcers) {
      if (gossip.round() - announcer.round() >= threshold) {
        counters.optimizations++;
        setEager(gossip.root(), announcer.peer());
        env.send(announcer.peer(), new Graft(null, gossip.root(), announcer.round()));
        setLazy(gossip.root(), eagerSender);
        env.send(eagerSender, new Prune(gossip.root()));
        counters.prunesSent++;
        return;
      }
    }
  }

  /** Alg. 1 lines 39-41: the link to the sender turns lazy. */
  private void onPrune(PeerId from, Prune prune) {
    setLazy(prune.root(), from);
  }

  /** Alg. 2 lines 1-5: remember who announced an unreceived message; start timeout1 once. */
  private void onIHave(long nowMicros, PeerId from, IHave iHave) {
    env.send(from, new IHaveAck(iHave.batch()));
    for (Announcement announcement : iHave.announcements()) {
      MessageId id = announcement.id();
      if (seen.contains(id, nowMicros)) {
        continue;
      }
      Missing entry = missing.get(id);
      if (entry == null) {
        entry = new Missing(announcement.root());
        putMissing(id, entry);
      }
      if (!entry.hasAnnouncer(from) && entry.announcers.size() < config.maxAnnouncersPerMessage()) {
        entry.announcers.add(new Announcer(from, announcement.round()));
      }
      if (entry.timerId < 0) {
        entry.timerId = env.schedule(config.graftTimeoutMicros(), now -> onGraftTimer(now, id));
      }
    }
  }

  private void putMissing(MessageId id, Missing entry) {
    if (missing.size() >= config.maxMissing()) {
      Iterator<Missing> eldest = missing.values().iterator();
      Missing dropped = eldest.next();
      eldest.remove();
      if (dropped.timerId >= 0) {
        env.cancel(dropped.timerId);
      }
      counters.missingDropped++;
    }
    missing.put(id, entry);
  }

  /**
   * Alg. 2 lines 6-11: the message is still missing: start timeout2, turn the next announcer's link
   * eager and GRAFT it. Announcers are tried in turn and then again, so a lost GRAFT or a lost
   * answer only delays the message; after {@code maxGraftsPerMessage} GRAFTs it is given up.
   */
  private void onGraftTimer(long nowMicros, MessageId id) {
    Missing entry = missing.get(id);
    if (entry == null) {
      return;
    }
    entry.timerId = -1;
    if (seen.contains(id, nowMicros)) {
      missing.remove(id);
      return;
    }
    if (entry.announcers.isEmpty() || entry.graftsSent >= config.maxGraftsPerMessage()) {
      missing.remove(id);
      counters.messagesGivenUp++;
      return;
    }
    Announcer announcer = entry.announcers.get(entry.nextAnnouncer % entry.announcers.size());
    entry.nextAnnouncer++;
    entry.graftsSent++;
    entry.timerId = env.schedule(config.regraftTimeoutMicros(), now -> onGraftTimer(now, id));
    setEager(entry.root, announcer.peer());
    env.send(announcer.peer(), new Graft(id, entry.root, announcer.round()));
    counters.graftsSent++;
  }

  /** Alg. 2 lines 12-16: the link to the sender turns eager; send the message if asked and held. */
  private void onGraft(long nowMicros, PeerId from, Graft graft) {
    setEager(graft.root(), from);
    if (!graft.asksForMessage()) {
      return;
    }
    Gossip held = payloads.get(graft.id(), nowMicros);
    if (held == null) {
      counters.graftsUnanswerable++;
      return;
    }
    counters.graftsAnswered++;
    env.send(from, new Gossip(held.id(), held.root(), graft.round(), held.payload()));
  }

  private void onIHaveAck(PeerId from, IHaveAck ack) {
    SentBatch batch = unackedBatches.get(ack.batch());
    if (batch != null && batch.peer.equals(from)) {
      unackedBatches.remove(ack.batch());
    }
  }

  /** Delivers a new message, pushes it on eager links and announces it on lazy ones. */
  private void deliverAndPush(long nowMicros, Gossip gossip, PeerId from) {
    MessageId id = gossip.id();
    seen.put(id, gossip.round(), nowMicros);
    payloads.put(id, gossip, nowMicros);
    counters.delivered++;
    listener.delivered(nowMicros, id, gossip.payload(), from, gossip.round());
    int nextRound = Math.min(Limits.MAX_HOPS, gossip.round() + 1);
    Gossip forward = new Gossip(id, gossip.root(), nextRound, gossip.payload());
    if (config.mode() == BroadcastMode.FLOOD) {
      for (int i = 0; i < links.size(); i++) {
        if (links.isOutLink(i) && !links.get(i).equals(from)) {
          env.send(links.get(i), forward);
        }
      }
      return;
    }
    BitSet tree = links.treeOf(gossip.root());
    links.touch(gossip.root());
    Announcement announcement = null;
    for (int i = 0; i < links.size(); i++) {
      PeerId peer = links.get(i);
      if (peer.equals(from) || (!config.isSymmetric() && !links.isOutLink(i))) {
        continue;
      }
      if (tree.get(i)) {
        env.send(peer, forward);
      } else {
        if (announcement == null) {
          announcement = new Announcement(id, gossip.root(), nextRound);
        }
        queueAnnouncement(peer, announcement);
      }
    }
  }

  /**
   * Lazy push: IHAVEs are gathered per peer for {@code announceDelayMicros} and sent in batches.
   */
  private void queueAnnouncement(PeerId peer, Announcement announcement) {
    counters.announcementsQueued++;
    pendingAnnouncements.computeIfAbsent(peer, unused -> new ArrayList<>(2)).add(announcement);
    if (!isFlushScheduled) {
      isFlushScheduled = true;
      env.schedule(config.announceDelayMicros(), this::flushAnnouncements);
    }
  }

  private void flushAnnouncements(long nowMicros) {
    isFlushScheduled = false;
    int chunk = config.maxIdsPerIHave();
    for (Map.Entry<PeerId, List<Announcement>> entry : pendingAnnouncements.entrySet()) {
      List<Announcement> queued = entry.getValue();
      for (int from = 0; from < queued.size(); from += chunk) {
        IHave iHave =
            new IHave(nextBatch++, queued.subList(from, Math.min(queued.size(), from + chunk)));
        env.send(entry.getKey(), iHave);
        counters.iHavesSent++;
        awaitAck(nowMicros, entry.getKey(), iHave);
      }
    }
    pendingAnnouncements.clear();
  }

  private void awaitAck(long nowMicros, PeerId peer, IHave iHave) {
    if (unackedBatches.size() >= config.maxUnackedBatches()) {
      Iterator<SentBatch> eldest = unackedBatches.values().iterator();
      eldest.next();
      eldest.remove();
      counters.iHaveBatchesDropped++;
    }
    unackedBatches.put(iHave.batch(), new SentBatch(peer, iHave, nowMicros));
    if (!isReannounceScheduled) {
      isReannounceScheduled = true;
      env.schedule(config.reannounceMicros(), this::reannounce);
    }
  }

  /** Re-sends every IHAVE batch unacknowledged for {@code reannounceMicros}, up to the limit. */
  private void reannounce(long nowMicros) {
    isReannounceScheduled = false;
    Iterator<SentBatch> batches = unackedBatches.values().iterator();
    while (batches.hasNext()) {
      SentBatch batch = batches.next();
      if (nowMicros - batch.sentMicros < config.reannounceMicros()) {
        continue;
      }
      if (batch.attempts >= config.maxAnnounceAttempts()) {
        batches.remove();
        counters.iHaveBatchesAbandoned++;
        continue;
      }
      batch.attempts++;
      batch.sentMicros = nowMicros;
      env.send(batch.peer, batch.message);
      counters.iHavesResent++;
    }
    if (!unackedBatches.isEmpty()) {
      isReannounceScheduled = true;
      env.schedule(config.reannounceMicros(), this::reannounce);
    }
  }

  private void setEager(PeerId root, PeerId peer) {
    int index = links.indexOf(peer);
    if (index >= 0) {
      links.treeOf(root).set(index);
    }
  }

  private void setLazy(PeerId root, PeerId peer) {
    int index = links.indexOf(peer);
    if (index >= 0) {
      links.treeOf(root).clear(index);
    }
  }

  // Alg. 3 (NeighborUp / NeighborDown), driven by SCAMP's view changes.

  @Override
  public void partialViewAdded(long nowMicros, PeerId peer) {
    neighbourUp(links.addRole(peer, true));
  }

  @Override
  public void inViewAdded(long nowMicros, PeerId peer) {
    neighbourUp(links.addRole(peer, false));
  }

  @Override
  public void partialViewRemoved(long nowMicros, PeerId peer) {
    if (links.removeRole(peer, true)) {
      neighbourDown(peer);
    }
  }

  @Override
  public void inViewRemoved(long nowMicros, PeerId peer) {
    if (links.removeRole(peer, false)) {
      neighbourDown(peer);
    }
  }

  private void neighbourUp(boolean isNew) {
    if (isNew) {
      counters.linksUp++;
    }
  }

  /**
   * Alg. 3 lines 1-5: the link leaves both sets; forget the peer's announcements and our batches.
   */
  private void neighbourDown(PeerId peer) {
    counters.linksDown++;
    pendingAnnouncements.remove(peer);
    for (Missing entry : missing.values()) {
      for (int i = entry.announcers.size() - 1; i >= 0; i--) {
        if (entry.announcers.get(i).peer().equals(peer)) {
          entry.announcers.remove(i);
        }
      }
    }
    unackedBatches.values().removeIf(batch -> batch.peer.equals(peer));
  }

  // Inspection, for tests, metrics and pictures.

  public BroadcastConfig config() {
    return config;
  }

  public BroadcastCounters counters() {
    return counters;
  }

  /** The current neighbours (PartialView ∪ InView) in link-table order. */
  public List<PeerId> neighbours() {
    List<PeerId> out = new ArrayList<>(links.size());
    for (int i = 0; i < links.size(); i++) {
      out.add(links.get(i));
    }
    return out;
  }

  /**
   * Whether the link to {@code peer} is eager in the tree that carries {@code root}'s messages. A
   * per-source tree this peer has not built yet has no eager links. Looking does not change state.
   */
  public boolean isEager(PeerId root, PeerId peer) {
    BitSet tree = links.peekTree(root);
    int index = links.indexOf(peer);
    return tree != null && index >= 0 && tree.get(index);
  }

  /** The neighbours whose links are eager in the tree of {@code root}. */
  public List<PeerId> eagerPeers(PeerId root) {
    return linksWhere(root, true);
  }

  /**
   * The neighbours whose links carry payloads in at least one tree this peer holds: its place in
   * the broadcast tree as a whole, which the tree of its own broadcasts alone does not show (that
   * one exists only after it has broadcast).
   */
  public List<PeerId> treeLinkPeers() {
    BitSet any = links.eagerInAnyTree();
    List<PeerId> out = new ArrayList<>();
    for (int i = 0; i < links.size(); i++) {
      if (any.get(i)) {
        out.add(links.get(i));
      }
    }
    return out;
  }

  /** The neighbours whose links are lazy in the tree of {@code root}. */
  public List<PeerId> lazyPeers(PeerId root) {
    return linksWhere(root, false);
  }

  private List<PeerId> linksWhere(PeerId root, boolean isEager) {
    BitSet tree = links.peekTree(root);
    List<PeerId> out = new ArrayList<>();
    for (int i = 0; i < links.size(); i++) {
      if ((tree != null && tree.get(i)) == isEager) {
        out.add(links.get(i));
      }
    }
    return out;
  }

  public boolean hasSeen(MessageId id, long nowMicros) {
    return seen.contains(id, nowMicros);
  }

  public int seenCount() {
    return seen.size();
  }

  public int cachedPayloadCount() {
    return payloads.size();
  }

  public int missingCount() {
    return missing.size();
  }

  public int unackedBatchCount() {
    return unackedBatches.size();
  }

  public int treeCount() {
    return links.treeCount();
  }
}
