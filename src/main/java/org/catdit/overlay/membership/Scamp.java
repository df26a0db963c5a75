package org.catdit.overlay.membership;

import java.util.List;
import java.util.Objects;
import org.catdit.overlay.core.Environment;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.core.PeerList;
import org.catdit.overlay.core.Protocol;
import org.catdit.overlay.core.TimerTask;
import org.catdit.overlay.wire.DroppedSubscription;
import org.catdit.overlay.wire.ForwardedSubscription;
import org.catdit.overlay.wire.Heartbeat;
import org.catdit.overlay.wire.JoinAccepted;
import org.catdit.overlay.wire.KeptSubscription;
import org.catdit.overlay.wire.Message;
import org.catdit.overlay.wire.RemoveSubscription;
import org.catdit.overlay.wire.ReplaceSubscription;
import org.catdit.overlay.wire.Subscription;

/**
 * SCAMP membership (Ganesh, Kermarrec, Massoulié, NGC 2001 / IEEE ToC 2003), from the PeerSim
 * semantics described in {@code reference/protocols.md} §1, with the fixes §6 recommends. Each peer
 * keeps a PartialView (out-links, its gossip targets) and an InView (in-links); the PartialView
 * grows to about (c+1)·ln N without anybody knowing N.
 *
 * <p>Deviations, each needed on UDP or left open by the paper:
 *
 * <ul>
 *   <li>The keeper tells the subscriber directly ({@link KeptSubscription}), not back along the path.
 *   <li>Unsubscription also tells each replacement of its new in-neighbour, so InViews do not erode.
 *   <li>A contact with an empty PartialView keeps the subscriber itself; a forwarded subscription
 *       whose hop budget runs out is kept where it stops if that peer can hold it.
 *   <li>Heartbeats flow both ways (PartialView and InView), carry which arc the sender believes in,
 *       and so repair bookkeeping and detect failed neighbours without TCP.
 *   <li>Leases expire at the holder, which drops the arc and says so; the subscriber renews a little
 *       before, so arcs are replaced rather than accumulated.
 * </ul>
 */
public final class Scamp implements Protocol {
  private final Environment env;
  private final ScampConfig config;
  private final PeerId self;
  private final PeerList partialView = new PeerList();
  private final PeerList inView = new PeerList();
  private final MembershipCounters counters = new MembershipCounters();
  private MembershipListener listener = MembershipListener.NONE;

  private PeerId bootstrapContact;
  private long lastHeardFromHolderMicros;
  private long nextLeaseRenewalMicros = Long.MAX_VALUE;
  private boolean isStarted;
  private boolean hasLeft;
  private final TimerTask maintenanceTick = this::onMaintenanceTick;

  public Scamp(Environment env, ScampConfig config) {
    this.env = Objects.requireNonNull(env);
    this.config = Objects.requireNonNull(config);
    this.self = env.self();
  }

  /** Receives every view change from now on; one listener (the node wires the broadcast tree). */
  public void setListener(MembershipListener listener) {
    this.listener = Objects.requireNonNull(listener);
  }

  @Override
  public void start(long nowMicros) {
    if (isStarted) {
      return;
    }
    isStarted = true;
    lastHeardFromHolderMicros = nowMicros;
    if (config.heartbeatIntervalMicros() > 0) {
      // A random phase keeps the peers' ticks from marching in step.
      env.schedule(env.random().nextLong(config.heartbeatIntervalMicros()) + 1, maintenanceTick);
    }
  }

  /** Subscribes through {@code contact} (rule 1: the newcomer sends its subscription to a member). */
  public void join(long nowMicros, PeerId contact) {
    Objects.requireNonNull(contact);
    if (hasLeft || contact.equals(self)) {
      return;
    }
    bootstrapContact = contact;
    lastHeardFromHolderMicros = nowMicros;
    env.send(contact, new Subscription(self, config.walkHops()));
    scheduleLeaseRenewal(nowMicros);
  }

  /**
   * Graceful leave (§1.3): in-neighbours j(1..l'−c−1) replace this peer with i(k mod l), the last c+1
   * just drop it; the PartialView members learn that this peer no longer points at them.
   */
  public void leave(long nowMicros) {
    if (hasLeft) {
      return;
    }
    hasLeft = true;
    int inCount = inView.size();
    int outCount = partialView.size();
    int replaced = Math.max(0, inCount - config.c() - 1);
    for (int k = 0; k < inCount; k++) {
      PeerId inNeighbour = inView.get(k);
      if (k < replaced && outCount > 0) {
        env.send(inNeighbour, new ReplaceSubscription(partialView.get(k % outCount)));
      } else {
        env.send(inNeighbour, new RemoveSubscription());
      }
    }
    for (int i = 0; i < outCount; i++) {
      env.send(partialView.get(i), new DroppedSubscription());
    }
    while (!partialView.isEmpty()) {
      removeFromPartialView(nowMicros, partialView.get(partialView.size() - 1));
    }
    while (!inView.isEmpty()) {
      removeFromInView(nowMicros, inView.get(inView.size() - 1));
    }
  }

  @Override
  public void onMessage(long nowMicros, PeerId from, Message message) {
    if (hasLeft || from.equals(self)) {
      return;
    }
    partialView.heardFrom(from, nowMicros);
    inView.heardFrom(from, nowMicros);
    if (message instanceof Subscription subscription) {
      onSubscription(nowMicros, from, subscription);
    } else if (message instanceof ForwardedSubscription forwarded) {
      onForwardedSubscription(nowMicros, forwarded);
    } else if (message instanceof KeptSubscription) {
      onKeptSubscription(nowMicros, from);
    } else if (message instanceof JoinAccepted) {
      onJoinAccepted(nowMicros, from);
    } else if (message instanceof ReplaceSubscription replace) {
      onReplaceSubscription(nowMicros, from, replace);
    } else if (message instanceof RemoveSubscription) {
      onRemoveSubscription(nowMicros, from);
    } else if (message instanceof DroppedSubscription) {
      onDroppedSubscription(nowMicros, from);
    } else if (message instanceof Heartbeat heartbeat) {
      onHeartbeat(nowMicros, from, heartbeat);
    }
  }

  /** A subscription reaches a contact: walk on (indirection, §1.6) or act as the contact (§1.2). */
  private void onSubscription(long nowMicros, PeerId from, Subscription subscription) {
    PeerId subscriber = subscription.subscriber();
    if (subscriber.equals(self)) {
      return;
    }
    if (subscription.walkHops() > 0) {
      PeerId next = randomNeighbourExcept(subscriber);
      if (next != null) {
        counters.subscriptionsWalked++;
        env.send(next, new Subscription(subscriber, subscription.walkHops() - 1));
        return;
      }
    }
    counters.subscriptionsHandledAsContact++;
    // The subscriber points at its contact; the contact records the in-link.
    addToInView(nowMicros, subscriber);
    env.send(subscriber, new JoinAccepted());

    int viewSize = partialView.size();
    int hopBudget = config.forwardHopBudget(viewSize);
    boolean hasOtherMember = false;
    // Rule 2: forward the new id to every member of the PartialView ...
    for (int i = 0; i < viewSize; i++) {
      PeerId member = partialView.get(i);
      if (!member.equals(subscriber)) {
        hasOtherMember = true;
        env.send(member, new ForwardedSubscription(subscriber, hopBudget));
      }
    }
    if (!hasOtherMember) {
      // Bootstrap case the paper leaves open: nobody to forward to, so the contact keeps it.
      keep(nowMicros, subscriber);
      return;
    }
    // ... plus c additional copies to members chosen at random.
    for (int copy = 0; copy < config.c(); copy++) {
      env.send(randomMemberExcept(partialView, subscriber), new ForwardedSubscription(subscriber, hopBudget));
    }
  }

  /**
   * Rule 3: keep the subscriber with probability 1/(1+|PartialView|) if not already held, otherwise
   * forward it to a member of the PartialView chosen uniformly.
   */
  private void onForwardedSubscription(long nowMicros, ForwardedSubscription forwarded) {
    PeerId subscriber = forwarded.subscriber();
    boolean canKeep = !subscriber.equals(self) && !partialView.contains(subscriber);
    if (canKeep && env.random().nextDouble() < 1.0 / (1 + partialView.size())) {
      keep(nowMicros, subscriber);
      return;
    }
    if (forwarded.hopsLeft() == 0 || partialView.isEmpty()) {
      if (canKeep) {
        counters.subscriptionsKeptAtHopLimit++;
        keep(nowMicros, subscriber);
      } else {
        counters.subscriptionsDropped++;
      }
      return;
    }
    counters.subscriptionsForwarded++;
    env.send(
        partialView.random(env.random()),
        new ForwardedSubscription(subscriber, forwarded.hopsLeft() - 1));
  }

  /** Rule 4: the keeper adds the subscriber and tells it directly to add the keeper to its InView. */
  private void keep(long nowMicros, PeerId subscriber) {
    counters.subscriptionsKept++;
    addToPartialView(nowMicros, subscriber);
    env.send(subscriber, new KeptSubscription());
  }

  private void onKeptSubscription(long nowMicros, PeerId keeper) {
    addToInView(nowMicros, keeper);
    lastHeardFromHolderMicros = nowMicros;
  }

  private void onJoinAccepted(long nowMicros, PeerId contact) {
    addToPartialView(nowMicros, contact);
  }

  /** Unsubscription, replaced arc: swap the leaver for the replacement and tell the replacement. */
  private void onReplaceSubscription(long nowMicros, PeerId leaver, ReplaceSubscription replace) {
    boolean hadLeaver = partialView.contains(leaver);
    removeFromPartialView(nowMicros, leaver);
    removeFromInView(nowMicros, leaver);
    PeerId replacement = replace.replacement();
    if (hadLeaver && !replacement.equals(self) && !partialView.contains(replacement)) {
      keep(nowMicros, replacement);
    }
  }

  /** Unsubscription, removed arc (one of the last c+1 in-neighbours). */
  private void onRemoveSubscription(long nowMicros, PeerId leaver) {
    removeFromPartialView(nowMicros, leaver);
    removeFromInView(nowMicros, leaver);
  }

  private void onDroppedSubscription(long nowMicros, PeerId holder) {
    removeFromInView(nowMicros, holder);
  }

  private void onHeartbeat(long nowMicros, PeerId from, Heartbeat heartbeat) {
    if (heartbeat.senderHoldsReceiver()) {
      lastHeardFromHolderMicros = nowMicros;
      if (!inView.contains(from)) {
        counters.bookkeepingRepairs++;
        addToInView(nowMicros, from);
      }
    } else {
      removeFromInView(nowMicros, from);
    }
    boolean holdsSender = partialView.contains(from);
    if (heartbeat.receiverHoldsSender() && !holdsSender) {
      // The sender counts us as an in-neighbour, but we dropped that arc: correct it.
      counters.bookkeepingRepairs++;
      env.send(from, new DroppedSubscription());
    } else if (!heartbeat.receiverHoldsSender() && holdsSender) {
      // We hold the sender, but it lost track of us as an in-neighbour: tell it again.
      counters.bookkeepingRepairs++;
      env.send(from, new KeptSubscription());
    }
  }

  @Override
  public void onPeerFailed(long nowMicros, PeerId peer) {
    if (partialView.contains(peer) || inView.contains(peer)) {
      counters.failuresDetected++;
    }
    removeFromPartialView(nowMicros, peer);
    removeFromInView(nowMicros, peer);
  }

  /** Heartbeats (§1.4), failure and isolation detection, lease expiry and renewal (§1.5). */
  private void onMaintenanceTick(long nowMicros) {
    if (hasLeft) {
      return;
    }
    sendHeartbeats();
    expireArcs(nowMicros);
    if (bootstrapContact != null
        && nowMicros - lastHeardFromHolderMicros >= config.isolationTimeoutMicros()) {
      // Nobody has told us for a long time that they hold us: we are isolated, so rejoin.
      counters.rejoins++;
      resubscribe(nowMicros);
    } else if (nowMicros - nextLeaseRenewalMicros >= 0) {
      counters.leaseResubscriptions++;
      resubscribe(nowMicros);
    }
    env.schedule(config.heartbeatIntervalMicros(), maintenanceTick);
  }

  private void sendHeartbeats() {
    for (int i = 0; i < partialView.size(); i++) {
      PeerId member = partialView.get(i);
      env.send(member, new Heartbeat(true, inView.contains(member)));
    }
    for (int i = 0; i < inView.size(); i++) {
      PeerId member = inView.get(i);
      if (!partialView.contains(member)) {
        env.send(member, new Heartbeat(false, true));
      }
    }
  }

  private void expireArcs(long nowMicros) {
    long leaseLimit = config.leaseMicros() + config.leaseGraceMicros();
    for (int i = partialView.size() - 1; i >= 0; i--) {
      PeerId member = partialView.get(i);
      if (nowMicros - partialView.lastHeardMicros(i) >= config.failureTimeoutMicros()) {
        counters.failuresDetected++;
        removeFromPartialView(nowMicros, member);
        removeFromInView(nowMicros, member);
      } else if (config.leaseMicros() > 0 && nowMicros - partialView.addedMicros(i) >= leaseLimit) {
        counters.leaseExpiries++;
        removeFromPartialView(nowMicros, member);
        env.send(member, new DroppedSubscription());
      }
    }
    for (int i = inView.size() - 1; i >= 0; i--) {
      if (nowMicros - inView.lastHeardMicros(i) >= config.failureTimeoutMicros()) {
        removeFromInView(nowMicros, inView.get(i));
      }
    }
  }

  /** Rejoin or renew the lease through a random member of the PartialView (else the contact). */
  private void resubscribe(long nowMicros) {
    PeerId through = partialView.isEmpty() ? bootstrapContact : partialView.random(env.random());
    lastHeardFromHolderMicros = nowMicros;
    scheduleLeaseRenewal(nowMicros);
    if (through != null) {
      env.send(through, new Subscription(self, config.walkHops()));
    }
  }

  private void scheduleLeaseRenewal(long nowMicros) {
    if (config.leaseMicros() > 0) {
      // Renew within the last tenth of the lease, at a random point so renewals spread out.
      long lease = config.leaseMicros();
      nextLeaseRenewalMicros = nowMicros + lease - 1 - env.random().nextLong(Math.max(1, lease / 10));
    }
  }

  private PeerId randomNeighbourExcept(PeerId excluded) {
    int candidates = 0;
    for (int i = 0; i < partialView.size(); i++) {
      if (!partialView.get(i).equals(excluded)) {
        candidates++;
      }
    }
    for (int i = 0; i < inView.size(); i++) {
      PeerId peer = inView.get(i);
      if (!peer.equals(excluded) && !partialView.contains(peer)) {
        candidates++;
      }
    }
    if (candidates == 0) {
      return null;
    }
    int pick = env.random().nextInt(candidates);
    for (int i = 0; i < partialView.size(); i++) {
      if (!partialView.get(i).equals(excluded) && pick-- == 0) {
        return partialView.get(i);
      }
    }
    for (int i = 0; i < inView.size(); i++) {
      PeerId peer = inView.get(i);
      if (!peer.equals(excluded) && !partialView.contains(peer) && pick-- == 0) {
        return peer;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private PeerId randomMemberExcept(PeerList list, PeerId excluded) {
    int excludedIndex = list.indexOf(excluded);
    int candidates = list.size() - (excludedIndex >= 0 ? 1 : 0);
    int pick = env.random().nextInt(candidates);
    if (excludedIndex >= 0 && pick >= excludedIndex) {
      pick++;
    }
    return list.get(pick);
  }

  private void addToPartialView(long nowMicros, PeerId peer) {
    if (!peer.equals(self) && partialView.add(peer, nowMicros)) {
      listener.partialViewAdded(nowMicros, peer);
    }
  }

  private void removeFromPartialView(long nowMicros, PeerId peer) {
    if (partialView.remove(peer)) {
      listener.partialViewRemoved(nowMicros, peer);
    }
  }

  private void addToInView(long nowMicros, PeerId peer) {
    if (!peer.equals(self) && inView.add(peer, nowMicros)) {
      listener.inViewAdded(nowMicros, peer);
    }
  }

  private void removeFromInView(long nowMicros, PeerId peer) {
    if (inView.remove(peer)) {
      listener.inViewRemoved(nowMicros, peer);
    }
  }

  public PeerId self() {
    return self;
  }

  public ScampConfig config() {
    return config;
  }

  public int partialViewSize() {
    return partialView.size();
  }

  public int inViewSize() {
    return inView.size();
  }

  public PeerId partialViewMember(int index) {
    return partialView.get(index);
  }

  public PeerId inViewMember(int index) {
    return inView.get(index);
  }

  public boolean holds(PeerId peer) {
    return partialView.contains(peer);
  }

  public boolean isHeldBy(PeerId peer) {
    return inView.contains(peer);
  }

  public List<PeerId> partialView() {
    return partialView.toList();
  }

  public List<PeerId> inView() {
    return inView.toList();
  }

  public boolean hasLeft() {
    return hasLeft;
  }

  public MembershipCounters counters() {
    return counters;
  }
}
