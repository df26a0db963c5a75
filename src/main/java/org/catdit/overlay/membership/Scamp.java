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
import org.catdit.overlay.wire.JoinRecord;
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
 *   <li>The keeper tells the subscriber directly ({@link KeptSubscription}), not back along the
 *       path.
 *   <li>Unsubscription also tells each replacement of its new in-neighbour, so InViews do not
 *       erode.
 *   <li>A contact with an empty PartialView keeps the subscriber itself; a forwarded subscription
 *       whose hop budget runs out is kept where it stops if that peer can hold it.
 *   <li>Heartbeats flow both ways (PartialView and InView), carry which arc the sender believes in,
 *       and so repair bookkeeping and detect failed neighbours without TCP.
 *   <li>Leases come in generations: a renewal subscribes the next generation, and once its arcs
 *       have arrived the subscriber's heartbeats tell holders of older arcs to drop them. A renewal
 *       asks for as many arcs as the previous lease brought (at least c+1), placed at random, so
 *       arcs are replaced and re-randomised rather than accumulated: the paper's full re-join adds
 *       c+1 arcs per peer per period and the views grow without bound. The hand-over counts only
 *       arcs of the generation it waits for ({@link KeptSubscription} carries it).
 *   <li>Neighbours lost to failure detection are remembered and renewed through now and then
 *       ({@link LostPeers}): the paper has no partitions, and after one longer than the failure
 *       timeout its halves never meet again.
 * </ul>
 */
public final class Scamp implements Protocol {
  private static final int RECENT_PEERS = 8;
  private static final int UNKNOWN_GENERATION = KeptSubscription.UNKNOWN_GENERATION;

  private final Environment env;
  private final ScampConfig config;
  private final PeerId self;
  private final PeerList partialView = new PeerList();
  private final PeerList inView = new PeerList();
  private final MembershipCounters counters = new MembershipCounters();
  private MembershipListener listener = MembershipListener.NONE;

  private PeerId bootstrapContact;

  /** False from join() until the overlay answers (JoinAccepted or KeptSubscription). */
  private boolean isJoined = true;

  private long lastJoinAttemptMicros;

  /**
   * The last few peers this one was linked with: contacts for a rejoin when both views are empty.
   */
  private final PeerList recentPeers = new PeerList();

  /** Neighbours lost to failure detection: contacts for healing a partition. */
  private final LostPeers lostPeers = new LostPeers();

  /** The lost neighbour the pending resubscription went through, if it did. */
  private PeerId lostContact;

  private int rejoinAttempts;
  private long lastHeardFromHolderMicros;
  private long nextLeaseRenewalMicros = Long.MAX_VALUE;

  /**
   * Leases: every arc pointing at this peer belongs to one of its lease generations. A renewal
   * subscribes generation+1; once new arcs have arrived (the hand-over), heartbeats announce the
   * new generation and holders drop arcs of older ones.
   */
  private int leaseGeneration;

  private int keptSinceResubscription;

  /** The count above when the last resubscription started, restored if it brought nothing. */
  private int keptBeforeResubscription;

  /** New arcs of generation {@code leaseGeneration + 1} since the last resubscription. */
  private int keptOfNextGeneration;

  private boolean isRenewalPending;
  private long leaseHandoverMicros = Long.MAX_VALUE;
  private boolean isStarted;
  private boolean hasLeft;
  private final TimerTask maintenanceTick = this::onMaintenanceTick;

  /** Signs this peer's subscriptions and checks others'; null where joins are not signed. */
  private JoinRecords joinRecords;

  public Scamp(Environment env, ScampConfig config) {
    this.env = Objects.requireNonNull(env);
    this.config = Objects.requireNonNull(config);
    this.self = env.self();
  }

  /**
   * Signs every subscription this peer sends from now on, and refuses, counting them, subscriptions
   * and forwarded subscriptions whose subscriber's record is missing or does not verify (issue 5:
   * signed joins). Call before {@link #start}. Without it joins are neither signed nor checked.
   */
  public void requireSignedJoins(JoinRecords records) {
    this.joinRecords = Objects.requireNonNull(records);
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
    // Every peer renews, the first one too: its arcs expire like anybody's.
    scheduleLeaseRenewal(nowMicros);
    if (config.heartbeatIntervalMicros() > 0) {
      // A random phase keeps the peers' ticks from marching in step.
      env.schedule(env.random().nextLong(config.heartbeatIntervalMicros()) + 1, maintenanceTick);
    }
  }

  /** This peer's subscription, signed if joins are. */
  private Subscription subscription(int generation, int requestedArcs, boolean isRenewal) {
    return new Subscription(
        self,
        config.walkHops(),
        0,
        generation,
        requestedArcs,
        isRenewal,
        joinRecords == null ? null : joinRecords.own(generation));
  }

  /**
   * Whether a (forwarded) subscription may take effect: joins are not signed here, or its record is
   * the subscriber's for that generation. Checked where it takes effect, by the contact before it
   * acts and by a peer before it keeps the subscriber; walking and forwarding peers pass it on
   * unchecked (bounded by the hop limits), since a forwarded copy makes ~1+|PartialView| hops
   * before one keeps it and checking at each hop cost the simulator ~20 % more CPU. A refused one
   * is dropped and counted; its sender is an authenticated link peer, but the subscriber it names
   * may not have asked to join.
   */
  private boolean isSignedBy(PeerId subscriber, int generation, JoinRecord record) {
    if (joinRecords == null || subscriber.equals(self)) {
      return true;
    }
    if (joinRecords.isValid(subscriber, generation, record)) {
      return true;
    }
    counters.joinRecordsRefused++;
    return false;
  }

  /**
   * Subscribes through {@code contact} (rule 1: the newcomer sends its subscription to a member).
   */
  public void join(long nowMicros, PeerId contact) {
    Objects.requireNonNull(contact);
    if (hasLeft || contact.equals(self)) {
      return;
    }
    bootstrapContact = contact;
    isJoined = false;
    lastHeardFromHolderMicros = nowMicros;
    lastJoinAttemptMicros = nowMicros;
    keptSinceResubscription = 0;
    env.send(contact, subscription(leaseGeneration, 0, false));
    scheduleLeaseRenewal(nowMicros);
  }

  /**
   * Graceful leave (§1.3): in-neighbours j(1..l'−c−1) replace this peer with i(k mod l), the last
   * c+1 just drop it; the PartialView members learn that this peer no longer points at them.
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
    } else if (message instanceof KeptSubscription kept) {
      onKeptSubscription(nowMicros, from, kept.leaseGeneration());
    } else if (message instanceof JoinAccepted accepted) {
      onJoinAccepted(nowMicros, from, accepted);
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

  /**
   * A subscription reaches a peer: walk on (indirection, §1.6) or act as the contact (§1.2). The
   * walk is Metropolis-Hastings over PartialView ∪ InView, so that the effective contact is close
   * to uniform among peers rather than biased towards well-connected ones (a plain random walk
   * picks peers in proportion to their degree, and a contact's PartialView size is exactly what a
   * join copies, so a plain walk inflates every view).
   */
  private void onSubscription(long nowMicros, PeerId from, Subscription subscription) {
    PeerId subscriber = subscription.subscriber();
    if (subscriber.equals(self)) {
      return;
    }
    if (!isJoined) {
      // Not part of the overlay yet (our own join may be in flight or lost): acting as a contact
      // would start a separate island, so pass the subscription on towards our own contact, which
      // joined before us; the chain of first contacts ends at a member. Dropping it instead lost
      // one join in a million (a walk that ended on a peer whose own join was still in flight).
      counters.subscriptionsWalked++;
      env.send(bootstrapContact, subscription.step(Math.max(0, subscription.walkHops() - 1), 0));
      return;
    }
    int degree = neighbourCountExcept(subscriber);
    if (subscription.proposerDegree() > 0
        && degree > subscription.proposerDegree()
        && env.random().nextDouble() * degree >= subscription.proposerDegree()) {
      // Rejected step: the walk stays where it was, so it returns to the proposer.
      counters.subscriptionsWalked++;
      env.send(from, subscription.step(subscription.walkHops(), 0));
      return;
    }
    if (subscription.walkHops() > 0 && degree > 0) {
      counters.subscriptionsWalked++;
      PeerId next = randomNeighbourExcept(subscriber, degree);
      env.send(next, subscription.step(subscription.walkHops() - 1, degree));
      return;
    }
    if (!isSignedBy(subscriber, subscription.leaseGeneration(), subscription.record())) {
      return;
    }
    counters.subscriptionsHandledAsContact++;
    int viewSize = partialView.size();
    int hopBudget = config.forwardHopBudget(viewSize);
    int generation = subscription.leaseGeneration();
    boolean hasOtherMember = viewSize > (partialView.contains(subscriber) ? 1 : 0);
    if (!hasOtherMember) {
      // Bootstrap case the paper leaves open: nobody to forward to, so the contact keeps it.
      if (!subscription.isRenewal()) {
        addToInView(nowMicros, subscriber);
        env.send(subscriber, new JoinAccepted(leaseGeneration));
      }
      keep(nowMicros, subscriber, generation);
      return;
    }
    if (subscription.isRenewal()) {
      // A lease renewal asks for as many arcs as its previous lease brought (at least c+1), each
      // from a member chosen at random. Copying the contact's whole view instead (the paper's
      // re-join, or a join without the c extras) has no restoring force: renewals overlap the old
      // lease for a few seconds, so the mean view each renewal copies is inflated by that overlap
      // and views grew ~10% per lease period (measured; see docs/simulator.md).
      int copies = Math.max(config.c() + 1, subscription.requestedArcs());
      for (int copy = 0; copy < copies; copy++) {
        env.send(
            randomMemberExcept(partialView, subscriber),
            new ForwardedSubscription(subscriber, hopBudget, generation, subscription.record()));
      }
      return;
    }
    // The subscriber points at its contact; the contact records the in-link.
    addToInView(nowMicros, subscriber);
    env.send(subscriber, new JoinAccepted(leaseGeneration));
    // Rule 2: forward the new id to every member of the PartialView ...
    for (int i = 0; i < viewSize; i++) {
      PeerId member = partialView.get(i);
      if (!member.equals(subscriber)) {
        env.send(
            member,
            new ForwardedSubscription(subscriber, hopBudget, generation, subscription.record()));
      }
    }
    // ... plus c additional copies to members chosen at random.
    for (int copy = 0; copy < config.c(); copy++) {
      env.send(
          randomMemberExcept(partialView, subscriber),
          new ForwardedSubscription(subscriber, hopBudget, generation, subscription.record()));
    }
  }

  /**
   * Rule 3: keep the subscriber with probability 1/(1+|PartialView|) if not already held, otherwise
   * forward it to a member of the PartialView chosen uniformly.
   */
  private void onForwardedSubscription(long nowMicros, ForwardedSubscription forwarded) {
    PeerId subscriber = forwarded.subscriber();
    boolean canKeep = !subscriber.equals(self) && !partialView.contains(subscriber);
    int generation = forwarded.leaseGeneration();
    if (canKeep && env.random().nextDouble() < 1.0 / (1 + partialView.size())) {
      if (isSignedBy(subscriber, generation, forwarded.record())) {
        keep(nowMicros, subscriber, generation);
      }
      return;
    }
    if (forwarded.hopsLeft() == 0 || partialView.isEmpty()) {
      if (canKeep && isSignedBy(subscriber, generation, forwarded.record())) {
        counters.subscriptionsKeptAtHopLimit++;
        keep(nowMicros, subscriber, generation);
      } else {
        counters.subscriptionsDropped++;
      }
      return;
    }
    counters.subscriptionsForwarded++;
    env.send(
        partialView.random(env.random()),
        new ForwardedSubscription(
            subscriber, forwarded.hopsLeft() - 1, generation, forwarded.record()));
  }

  /**
   * Rule 4: the keeper adds the subscriber and tells it directly to add the keeper to its InView.
   */
  private void keep(long nowMicros, PeerId subscriber, int leaseGeneration) {
    counters.subscriptionsKept++;
    addToPartialView(nowMicros, subscriber, leaseGeneration);
    env.send(subscriber, new KeptSubscription(leaseGeneration));
  }

  private void onKeptSubscription(long nowMicros, PeerId keeper, int arcGeneration) {
    isJoined = true;
    if (!inView.contains(keeper)) {
      // A new arc of the current lease (a repeated notice from a known holder is not).
      keptSinceResubscription++;
      if (leaseHandoverMicros != Long.MAX_VALUE && arcGeneration == leaseGeneration + 1) {
        // An arc of the subscription the hand-over waits for. Only these count there: arcs
        // handed over by leavers arrive at any time, and one taken for the renewal's first arc
        // moved this peer to a generation nobody held, so every holder dropped it.
        keptOfNextGeneration++;
      }
    }
    addToInView(nowMicros, keeper);
    lastHeardFromHolderMicros = nowMicros;
  }

  private void onJoinAccepted(long nowMicros, PeerId contact, JoinAccepted accepted) {
    isJoined = true;
    addToPartialView(nowMicros, contact, accepted.leaseGeneration());
  }

  /** Unsubscription, replaced arc: swap the leaver for the replacement and tell the replacement. */
  private void onReplaceSubscription(long nowMicros, PeerId leaver, ReplaceSubscription replace) {
    boolean hadLeaver = partialView.contains(leaver);
    removeFromPartialView(nowMicros, leaver);
    removeFromInView(nowMicros, leaver);
    PeerId replacement = replace.replacement();
    if (hadLeaver && !replacement.equals(self) && !partialView.contains(replacement)) {
      // The replacement's lease generation is not known here: the first heartbeat tells it.
      keep(nowMicros, replacement, UNKNOWN_GENERATION);
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
    if (partialView.isEmpty() && heartbeat.senderHoldsReceiver()) {
      // An empty PartialView cannot gossip, and SCAMP only fills it when others subscribe (lost
      // JoinAccepted or forwarded subscriptions can leave it empty on a lossy network): take the
      // in-neighbour that just spoke as an out-neighbour, as if we had kept its subscription.
      counters.bookkeepingRepairs++;
      keep(nowMicros, from, heartbeat.leaseGeneration());
      return;
    }
    int held = partialView.indexOf(from);
    if (held >= 0) {
      int arcGeneration = partialView.tag(held);
      if (arcGeneration == UNKNOWN_GENERATION) {
        partialView.setTag(held, heartbeat.leaseGeneration());
      } else if (arcGeneration < heartbeat.leaseGeneration() && partialView.size() == 1) {
        // Never let an expiry empty the PartialView: the arc still leads to a live peer, and
        // without it this peer could not gossip until it keeps a new subscription.
        partialView.setTag(held, heartbeat.leaseGeneration());
      } else if (arcGeneration < heartbeat.leaseGeneration()) {
        // The sender has handed its lease over to newer arcs: this one has expired.
        counters.leaseExpiries++;
        removeFromPartialView(nowMicros, from);
        env.send(from, new DroppedSubscription());
        return;
      }
    }
    boolean holdsSender = held >= 0;
    if (heartbeat.receiverHoldsSender() && !holdsSender) {
      // The sender counts us as an in-neighbour, but we dropped that arc: correct it.
      counters.bookkeepingRepairs++;
      env.send(from, new DroppedSubscription());
    } else if (!heartbeat.receiverHoldsSender() && holdsSender) {
      // We hold the sender, but it lost track of us as an in-neighbour: tell it again.
      counters.bookkeepingRepairs++;
      env.send(from, new KeptSubscription(partialView.tag(held)));
    }
  }

  @Override
  public void onPeerFailed(long nowMicros, PeerId peer) {
    if (partialView.contains(peer) || inView.contains(peer)) {
      counters.failuresDetected++;
      lostPeers.onLost(nowMicros, peer, env.random());
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
    if (nowMicros - leaseHandoverMicros >= 0) {
      handOverLease(nowMicros);
    }
    boolean knowsAnybody = bootstrapContact != null || !recentPeers.isEmpty();
    if (!isJoined && nowMicros - lastJoinAttemptMicros >= 2 * config.heartbeatIntervalMicros()) {
      // No answer to our join yet: the subscription or its answer was lost; ask again.
      counters.rejoins++;
      lastJoinAttemptMicros = nowMicros;
      env.send(bootstrapContact, subscription(leaseGeneration, 0, false));
    } else if (knowsAnybody
        && nowMicros - lastHeardFromHolderMicros >= config.isolationTimeoutMicros()) {
      // Nobody has told us for a long time that they hold us: we are isolated, so rejoin.
      counters.rejoins++;
      resubscribe(nowMicros, false);
    } else if (nowMicros - nextLeaseRenewalMicros >= 0) {
      counters.leaseResubscriptions++;
      resubscribe(nowMicros, true);
    } else if (isJoined && leaseHandoverMicros == Long.MAX_VALUE && !partialView.isEmpty()) {
      PeerId lost = lostPeers.due(nowMicros, env.random());
      if (lost != null) {
        rejoinThroughLost(nowMicros, lost);
      }
    }
    env.schedule(config.heartbeatIntervalMicros(), maintenanceTick);
  }

  private void sendHeartbeats() {
    for (int i = 0; i < partialView.size(); i++) {
      PeerId member = partialView.get(i);
      env.send(member, new Heartbeat(true, inView.contains(member), leaseGeneration));
    }
    for (int i = 0; i < inView.size(); i++) {
      PeerId member = inView.get(i);
      if (!partialView.contains(member)) {
        env.send(member, new Heartbeat(false, true, leaseGeneration));
      }
    }
  }

  private void expireArcs(long nowMicros) {
    // Heartbeats end the arcs of older leases; this is the safety net for a subscriber that keeps
    // neither renewing nor failing.
    long leaseLimit = 2 * config.leaseMicros() + config.leaseGraceMicros();
    for (int i = partialView.size() - 1; i >= 0; i--) {
      PeerId member = partialView.get(i);
      if (nowMicros - partialView.lastHeardMicros(i) >= config.failureTimeoutMicros()) {
        counters.failuresDetected++;
        lostPeers.onLost(nowMicros, member, env.random());
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
        lostPeers.onLost(nowMicros, inView.get(i), env.random());
        removeFromInView(nowMicros, inView.get(i));
      }
    }
  }

  /**
   * Rejoin (a full join) or renew the lease, through a random member of the PartialView, else of
   * the InView, else a peer recently known, else the first contact.
   */
  private void resubscribe(long nowMicros, boolean isRenewal) {
    PeerId through;
    if (!partialView.isEmpty()) {
      through = partialView.random(env.random());
    } else if (!inView.isEmpty()) {
      through = inView.random(env.random());
    } else if (!recentPeers.isEmpty()) {
      // Try a different one each time: some of them may be gone.
      through = recentPeers.get(rejoinAttempts++ % recentPeers.size());
    } else {
      through = bootstrapContact;
    }
    lastHeardFromHolderMicros = nowMicros;
    scheduleLeaseRenewal(nowMicros);
    if (through != null) {
      subscribeNextGeneration(nowMicros, through, isRenewal, isRenewal, null);
    }
  }

  /**
   * Subscribes lease generation + 1 through {@code through} and waits for the hand-over. A renewal
   * asks for as many arcs as the current lease brought; a full rejoin for none (the contact's view
   * decides).
   *
   * @param isRetried whether a hand-over that finds no new arc retries at the next tick
   * @param lost the lost neighbour {@code through} is, to forget once it answers, or null
   */
  private void subscribeNextGeneration(
      long nowMicros, PeerId through, boolean isRenewal, boolean isRetried, PeerId lost) {
    // A renewal through a lost neighbour may still be waiting for its hand-over: the lease's count
    // is then the one from before it (a renewal that asked for its zero shrank the peer to c+1
    // arcs, and after mass churn the mean view fell from 15 to 10 in five minutes).
    int leaseArcs =
        leaseHandoverMicros != Long.MAX_VALUE ? keptBeforeResubscription : keptSinceResubscription;
    keptBeforeResubscription = leaseArcs;
    keptSinceResubscription = 0;
    keptOfNextGeneration = 0;
    isRenewalPending = isRetried;
    lostContact = lost;
    leaseHandoverMicros = nowMicros + config.leaseGraceMicros();
    env.send(
        through,
        subscription(leaseGeneration + 1, isRenewal ? Math.min(0xFFFF, leaseArcs) : 0, isRenewal));
  }

  /**
   * A neighbour lost to failure detection may be on the far side of a partition that has since
   * healed: renew the lease through it ({@link LostPeers} says why), so that the next generation of
   * this peer's in-links is placed from there. A renewal, not a full rejoin: it asks for as many
   * arcs as the current lease has, where a full join copies the contact's whole view, and after a
   * healed partition every peer rejoining at once grew the mean view of 200 simulated peers from 9
   * to 42 in five minutes. If the peer is still out of reach, the subscription is lost and the
   * hand-over finds no new arc, so nothing changes here: the lease renewal and the isolation check
   * keep their own clocks. Once one gets through, the peer is forgotten: the halves are linked.
   */
  private void rejoinThroughLost(long nowMicros, PeerId lost) {
    counters.partitionRejoins++;
    subscribeNextGeneration(nowMicros, lost, true, false, lost);
  }

  /**
   * Lease hand-over: once the new subscription has brought in-links, this peer moves to the new
   * generation and its heartbeats make the holders of older arcs drop them, so one generation of
   * arcs points at it. Without the hand-over, holder-side expiry alone overlaps each renewal with
   * the old lease by the grace period, and views grew by that fraction every lease period. If no
   * new in-link arrived, the old arcs stay and the renewal is retried at the next tick.
   */
  private void handOverLease(long nowMicros) {
    leaseHandoverMicros = Long.MAX_VALUE;
    if (keptOfNextGeneration == 0) {
      if (isRenewalPending) {
        nextLeaseRenewalMicros = nowMicros;
      }
      // The current lease still stands, with any arcs handed to it meanwhile: that count is what
      // the next renewal asks for.
      keptSinceResubscription += keptBeforeResubscription;
      lostContact = null;
      return;
    }
    if (lostContact != null) {
      lostPeers.forget(lostContact);
      lostContact = null;
    }
    leaseGeneration++;
  }

  private void scheduleLeaseRenewal(long nowMicros) {
    if (config.leaseMicros() > 0) {
      // Renew within the last tenth of the lease, at a random point so renewals spread out.
      long lease = config.leaseMicros();
      nextLeaseRenewalMicros =
          nowMicros + lease - 1 - env.random().nextLong(Math.max(1, lease / 10));
    }
  }

  /**
   * The walk's neighbours: PartialView and InView taken together as a multiset (a peer in both
   * counts twice), without {@code excluded}. The multiplicity is symmetric — u is in both views of
   * v exactly when v is in both views of u — so the Metropolis-Hastings walk still stops uniformly,
   * and counting costs O(|PartialView| + |InView|) instead of a quadratic de-duplication.
   */
  private int neighbourCountExcept(PeerId excluded) {
    return partialView.size()
        - (partialView.contains(excluded) ? 1 : 0)
        + inView.size()
        - (inView.contains(excluded) ? 1 : 0);
  }

  private PeerId randomNeighbourExcept(PeerId excluded, int candidates) {
    int pick = env.random().nextInt(candidates);
    for (int i = 0; i < partialView.size(); i++) {
      if (!partialView.get(i).equals(excluded) && pick-- == 0) {
        return partialView.get(i);
      }
    }
    for (int i = 0; i < inView.size(); i++) {
      if (!inView.get(i).equals(excluded) && pick-- == 0) {
        return inView.get(i);
      }
    }
    throw new IllegalStateException("pick beyond the neighbour count");
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

  private void rememberRecent(long nowMicros, PeerId peer) {
    if (!recentPeers.contains(peer)) {
      if (recentPeers.size() == RECENT_PEERS) {
        recentPeers.removeAt(0);
      }
      recentPeers.add(peer, nowMicros);
    }
  }

  private void addToPartialView(long nowMicros, PeerId peer, int leaseGeneration) {
    rememberRecent(nowMicros, peer);
    lostPeers.forget(peer);
    if (!peer.equals(self) && partialView.add(peer, nowMicros)) {
      partialView.setTag(partialView.size() - 1, leaseGeneration);
      listener.partialViewAdded(nowMicros, peer);
    }
  }

  private void removeFromPartialView(long nowMicros, PeerId peer) {
    if (partialView.remove(peer)) {
      listener.partialViewRemoved(nowMicros, peer);
    }
  }

  private void addToInView(long nowMicros, PeerId peer) {
    rememberRecent(nowMicros, peer);
    lostPeers.forget(peer);
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

  public int leaseGeneration() {
    return leaseGeneration;
  }

  public MembershipCounters counters() {
    return counters;
  }
}
