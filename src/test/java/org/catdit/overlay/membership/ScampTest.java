package org.catdit.overlay.membership;

import static org.catdit.testing.FakeEnvironment.peer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.wire.DroppedSubscription;
import org.catdit.overlay.wire.ForwardedSubscription;
import org.catdit.overlay.wire.Heartbeat;
import org.catdit.overlay.wire.JoinAccepted;
import org.catdit.overlay.wire.KeptSubscription;
import org.catdit.overlay.wire.RemoveSubscription;
import org.catdit.overlay.wire.ReplaceSubscription;
import org.catdit.overlay.wire.Subscription;
import org.catdit.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;

/** Each SCAMP rule, on one instance driven by hand: no sockets, no simulator, no clock. */
class ScampTest {
  private static final long SECOND = 1_000_000;
  private static final PeerId SELF = peer(0);
  private static final PeerId NEWCOMER = peer(99);

  /** c = 1, no indirection, heartbeats every second, failure after 4 s, isolation after 5 s. */
  private static final ScampConfig STATIC =
      ScampConfig.defaults().withWalkHops(0).withoutMaintenance();

  private static final ScampConfig MAINTAINED =
      new ScampConfig(1, 0, 10, SECOND, 4 * SECOND, 5 * SECOND, 0);

  private final FakeEnvironment env = new FakeEnvironment(SELF, 42);

  private Scamp scamp(ScampConfig config) {
    Scamp scamp = new Scamp(env, config);
    scamp.start(0);
    return scamp;
  }

  /**
   * Gives the instance a PartialView by replaying JoinAccepted messages, then forgets the sends.
   */
  private static void holdPeers(Scamp scamp, FakeEnvironment env, int... numbers) {
    for (int number : numbers) {
      scamp.onMessage(env.now(), peer(number), new JoinAccepted(0));
    }
    env.takeSent();
  }

  private static void heldByPeers(Scamp scamp, FakeEnvironment env, int... numbers) {
    for (int number : numbers) {
      scamp.onMessage(env.now(), peer(number), new KeptSubscription(0));
    }
    env.takeSent();
  }

  @Test
  void joinSendsTheSubscriptionToTheContact() {
    Scamp scamp = scamp(STATIC.withWalkHops(3));
    scamp.join(0, peer(7));
    assertEquals(
        List.of(new FakeEnvironment.Sent(peer(7), new Subscription(SELF, 3, 0, 0, 0, false))),
        env.sent());
  }

  @Test
  void aPeerWhoseJoinIsUnansweredPassesSubscriptionsToItsContact() {
    Scamp scamp = scamp(STATIC);
    scamp.join(0, peer(7));
    env.takeSent();
    scamp.onMessage(0, NEWCOMER, new Subscription(NEWCOMER, 3, 0, 0, 0, false));
    assertEquals(
        List.of(new FakeEnvironment.Sent(peer(7), new Subscription(NEWCOMER, 2, 0, 0, 0, false))),
        env.sent(),
        "acting as a contact before joining would grow a separate island");

    env.takeSent();
    scamp.onMessage(0, NEWCOMER, new Subscription(NEWCOMER, 0, 0, 0, 0, false));
    assertEquals(
        List.of(new FakeEnvironment.Sent(peer(7), new Subscription(NEWCOMER, 0, 0, 0, 0, false))),
        env.sent(),
        "a walk that ends here is passed on, never dropped");

    scamp.onMessage(0, peer(7), new JoinAccepted(0));
    env.takeSent();
    scamp.onMessage(0, NEWCOMER, new Subscription(NEWCOMER, 0, 0, 0, 0, false));
    assertEquals(List.of(NEWCOMER), env.recipientsOf(JoinAccepted.class), "joined: a contact now");
  }

  @Test
  void anUnansweredJoinIsRetried() {
    Scamp scamp = scamp(MAINTAINED);
    scamp.join(0, peer(7));
    env.advanceTo(5 * SECOND);
    assertTrue(env.recipientsOf(Subscription.class).size() >= 2, "retried");
    assertTrue(env.recipientsOf(Subscription.class).stream().allMatch(peer(7)::equals));
  }

  @Test
  void contactForwardsToEveryMemberPlusCExtraCopies() {
    Scamp scamp = scamp(STATIC.withC(2));
    holdPeers(scamp, env, 1, 2, 3);

    scamp.onMessage(0, NEWCOMER, new Subscription(NEWCOMER, 0, 0, 0, 0, false));

    List<PeerId> forwardedTo = env.recipientsOf(ForwardedSubscription.class);
    assertEquals(3 + 2, forwardedTo.size(), "every member plus c = 2 copies");
    assertEquals(List.of(peer(1), peer(2), peer(3)), forwardedTo.subList(0, 3));
    for (PeerId extra : forwardedTo.subList(3, 5)) {
      assertTrue(scamp.holds(extra), "extra copies go to members of the PartialView");
    }
    for (ForwardedSubscription forwarded : env.sentOfType(ForwardedSubscription.class)) {
      assertEquals(NEWCOMER, forwarded.subscriber());
      assertEquals(10 * (3 + 1), forwarded.hopsLeft(), "hop budget: 10 per view entry plus one");
    }
    assertEquals(List.of(NEWCOMER), env.recipientsOf(JoinAccepted.class));
    assertTrue(scamp.isHeldBy(NEWCOMER), "the newcomer points at its contact");
    assertFalse(scamp.holds(NEWCOMER), "a contact with members does not keep the newcomer itself");
  }

  @Test
  void contactWithAnEmptyViewKeepsTheNewcomerItself() {
    Scamp scamp = scamp(STATIC);
    scamp.onMessage(0, NEWCOMER, new Subscription(NEWCOMER, 0, 0, 0, 0, false));

    assertTrue(scamp.holds(NEWCOMER));
    assertTrue(scamp.isHeldBy(NEWCOMER));
    assertEquals(List.of(NEWCOMER), env.recipientsOf(JoinAccepted.class));
    assertEquals(List.of(NEWCOMER), env.recipientsOf(KeptSubscription.class));
    assertTrue(env.recipientsOf(ForwardedSubscription.class).isEmpty());
  }

  @Test
  void forwardedSubscriptionIsKeptWithProbabilityOneOverOnePlusViewSize() {
    int trials = 20_000;
    for (int viewSize : new int[] {0, 1, 4, 9}) {
      int kept = 0;
      FakeEnvironment trialEnv = new FakeEnvironment(SELF, 7 + viewSize);
      for (int trial = 0; trial < trials; trial++) {
        Scamp scamp = new Scamp(trialEnv, STATIC);
        for (int member = 1; member <= viewSize; member++) {
          scamp.onMessage(0, peer(member), new JoinAccepted(0));
        }
        scamp.onMessage(0, peer(50), new ForwardedSubscription(NEWCOMER, 20, 0));
        if (scamp.holds(NEWCOMER)) {
          kept++;
        }
      }
      double expected = 1.0 / (1 + viewSize);
      assertEquals(expected, (double) kept / trials, 0.015, "view size " + viewSize);
    }
  }

  @Test
  void keeperTellsTheSubscriberDirectly() {
    Scamp scamp = scamp(STATIC);
    scamp.onMessage(0, peer(5), new ForwardedSubscription(NEWCOMER, 20, 0));

    assertTrue(scamp.holds(NEWCOMER), "an empty view keeps with probability 1");
    assertEquals(List.of(NEWCOMER), env.recipientsOf(KeptSubscription.class));
  }

  @Test
  void subscriptionAlreadyHeldIsForwardedNeverKeptTwice() {
    Scamp scamp = scamp(STATIC);
    holdPeers(scamp, env, 1, 2);
    scamp.onMessage(0, peer(1), new ForwardedSubscription(peer(2), 9, 0));

    assertEquals(2, scamp.partialViewSize());
    List<ForwardedSubscription> forwarded = env.sentOfType(ForwardedSubscription.class);
    assertEquals(1, forwarded.size());
    assertEquals(8, forwarded.get(0).hopsLeft(), "each forward spends one hop");
    assertTrue(scamp.holds(env.recipientsOf(ForwardedSubscription.class).get(0)));
  }

  @Test
  void ownSubscriptionIsForwardedNotKept() {
    Scamp scamp = scamp(STATIC);
    holdPeers(scamp, env, 1);
    scamp.onMessage(0, peer(1), new ForwardedSubscription(SELF, 9, 0));

    assertFalse(scamp.holds(SELF));
    assertEquals(List.of(peer(1)), env.recipientsOf(ForwardedSubscription.class));
  }

  @Test
  void hopBudgetBoundsForwardingAndKeepsWhereItRunsOut() {
    Scamp scamp = scamp(STATIC);
    holdPeers(scamp, env, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    // Already held: cannot keep, budget spent: dropped and counted.
    scamp.onMessage(0, peer(1), new ForwardedSubscription(peer(2), 0, 0));
    assertTrue(env.sentOfType(ForwardedSubscription.class).isEmpty());
    assertEquals(1, scamp.counters().subscriptionsDropped());

    // Not held, budget spent: kept here whatever the coin says.
    int keptBefore = 0;
    for (int i = 0; i < 50; i++) {
      Scamp fresh = new Scamp(env, STATIC);
      holdPeers(fresh, env, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      fresh.onMessage(0, peer(1), new ForwardedSubscription(NEWCOMER, 0, 0));
      assertTrue(fresh.holds(NEWCOMER));
      assertTrue(
          env.takeSent().stream().noneMatch(s -> s.message() instanceof ForwardedSubscription));
      keptBefore++;
    }
    assertEquals(50, keptBefore);
  }

  @Test
  void inViewFollowsKeptSubscriptionsAndDrops() {
    Scamp scamp = scamp(STATIC);
    heldByPeers(scamp, env, 3, 4);
    assertEquals(List.of(peer(3), peer(4)), scamp.inView());

    scamp.onMessage(0, peer(3), new DroppedSubscription());
    assertEquals(List.of(peer(4)), scamp.inView());
  }

  @Test
  void unsubscriptionRewiresAllButTheLastCPlusOneInNeighbours() {
    Scamp scamp = scamp(STATIC); // c = 1
    holdPeers(scamp, env, 1, 2, 3);
    heldByPeers(scamp, env, 11, 12, 13, 14, 15);

    scamp.leave(0);

    // l' = 5 in-neighbours: the first l' - c - 1 = 3 get replacements i(k mod l), the last 2 a
    // removal.
    List<FakeEnvironment.Sent> sent = env.sent();
    assertEquals(new FakeEnvironment.Sent(peer(11), new ReplaceSubscription(peer(1))), sent.get(0));
    assertEquals(new FakeEnvironment.Sent(peer(12), new ReplaceSubscription(peer(2))), sent.get(1));
    assertEquals(new FakeEnvironment.Sent(peer(13), new ReplaceSubscription(peer(3))), sent.get(2));
    assertEquals(new FakeEnvironment.Sent(peer(14), new RemoveSubscription()), sent.get(3));
    assertEquals(new FakeEnvironment.Sent(peer(15), new RemoveSubscription()), sent.get(4));
    assertEquals(List.of(peer(1), peer(2), peer(3)), env.recipientsOf(DroppedSubscription.class));
    assertEquals(0, scamp.partialViewSize());
    assertEquals(0, scamp.inViewSize());
    assertTrue(scamp.hasLeft());
  }

  @Test
  void replacementSwapsTheLeaverAndTellsTheReplacement() {
    Scamp scamp = scamp(STATIC);
    holdPeers(scamp, env, 1, 2);
    scamp.onMessage(0, peer(1), new ReplaceSubscription(peer(7)));

    assertEquals(
        List.of(peer(7), peer(2)).stream().sorted().toList(),
        scamp.partialView().stream().sorted().toList());
    assertEquals(
        List.of(peer(7)), env.recipientsOf(KeptSubscription.class), "fixes InView erosion");

    // A replacement already held, or this peer itself, just removes the leaver.
    env.takeSent();
    scamp.onMessage(0, peer(2), new ReplaceSubscription(peer(7)));
    scamp.onMessage(0, peer(7), new ReplaceSubscription(SELF));
    assertEquals(0, scamp.partialViewSize());
    assertTrue(env.sent().isEmpty());
  }

  @Test
  void removalDropsTheLeaver() {
    Scamp scamp = scamp(STATIC);
    holdPeers(scamp, env, 1, 2);
    heldByPeers(scamp, env, 1);
    scamp.onMessage(0, peer(1), new RemoveSubscription());
    assertEquals(List.of(peer(2)), scamp.partialView());
    assertEquals(List.of(), scamp.inView());
  }

  @Test
  void heartbeatsGoToBothViewsWithTheArcTheSenderBelievesIn() {
    Scamp scamp = scamp(MAINTAINED);
    holdPeers(scamp, env, 1, 2);
    heldByPeers(scamp, env, 2, 3);

    env.advanceTo(SECOND + 1);

    List<FakeEnvironment.Sent> heartbeats =
        env.sent().stream().filter(s -> s.message() instanceof Heartbeat).toList();
    assertEquals(
        List.of(
            new FakeEnvironment.Sent(peer(1), new Heartbeat(true, false, 0)),
            new FakeEnvironment.Sent(peer(2), new Heartbeat(true, true, 0)),
            new FakeEnvironment.Sent(peer(3), new Heartbeat(false, true, 0))),
        heartbeats);
  }

  @Test
  void heartbeatsRepairBookkeepingBothWays() {
    Scamp scamp = scamp(MAINTAINED);
    holdPeers(scamp, env, 9);
    // Peer 4 says it holds us, but its KeptSubscription was lost: add it to the InView.
    scamp.onMessage(0, peer(4), new Heartbeat(true, false, 0));
    assertTrue(scamp.isHeldBy(peer(4)));

    // Peer 5 thinks we hold it, but we do not: tell it.
    scamp.onMessage(0, peer(5), new Heartbeat(false, true, 0));
    assertEquals(List.of(peer(5)), env.recipientsOf(DroppedSubscription.class));

    // We hold peer 6 but it does not know: tell it again.
    holdPeers(scamp, env, 6);
    scamp.onMessage(0, peer(6), new Heartbeat(false, false, 0));
    assertEquals(List.of(peer(6)), env.recipientsOf(KeptSubscription.class));
    assertEquals(3, scamp.counters().bookkeepingRepairs());
  }

  @Test
  void anEmptyPartialViewAdoptsAnInNeighbourThatSpeaks() {
    Scamp scamp = scamp(MAINTAINED);
    scamp.onMessage(0, peer(4), new Heartbeat(true, false, 2));
    assertTrue(scamp.holds(peer(4)), "out-degree 0 cannot gossip: take the in-neighbour");
    assertTrue(scamp.isHeldBy(peer(4)));
    assertEquals(List.of(peer(4)), env.recipientsOf(KeptSubscription.class));
  }

  @Test
  void silentNeighboursAreDeclaredFailed() {
    Scamp scamp = scamp(MAINTAINED);
    holdPeers(scamp, env, 1, 2);
    heldByPeers(scamp, env, 3);
    // Peer 2 keeps talking; 1 and 3 fall silent.
    for (long t = SECOND; t <= 6 * SECOND; t += SECOND) {
      env.advanceTo(t);
      scamp.onMessage(t, peer(2), new Heartbeat(false, true, 0));
    }
    assertEquals(List.of(peer(2)), scamp.partialView());
    assertEquals(List.of(), scamp.inView());
    assertTrue(scamp.counters().failuresDetected() >= 1);
  }

  @Test
  void isolatedPeerRejoinsThroughAMemberOfItsPartialView() {
    Scamp scamp = scamp(MAINTAINED);
    scamp.join(0, peer(1));
    holdPeers(scamp, env, 1);
    env.takeSent();
    // Peer 1 stays alive (it answers), but nobody holds us: no heartbeat says senderHoldsReceiver.
    for (long t = SECOND; t <= 6 * SECOND; t += SECOND) {
      scamp.onMessage(t, peer(1), new Heartbeat(false, true, 0));
      env.advanceTo(t);
    }
    assertEquals(1, scamp.counters().rejoins());
    assertEquals(List.of(peer(1)), env.recipientsOf(Subscription.class));
  }

  @Test
  void heartbeatsFromHoldersPreventRejoin() {
    Scamp scamp = scamp(MAINTAINED);
    scamp.join(0, peer(1));
    holdPeers(scamp, env, 1);
    for (long t = SECOND; t <= 20 * SECOND; t += SECOND) {
      scamp.onMessage(t, peer(1), new Heartbeat(true, true, 0));
      env.advanceTo(t);
    }
    assertEquals(0, scamp.counters().rejoins());
  }

  @Test
  void unrenewedLeasesExpireAtTheHolder() {
    long lease = 30 * SECOND;
    Scamp scamp = scamp(MAINTAINED.withLeaseMicros(lease));
    scamp.onMessage(0, peer(5), new ForwardedSubscription(NEWCOMER, 20, 0));
    assertTrue(scamp.holds(NEWCOMER));
    env.takeSent();
    for (long t = SECOND; t <= 2 * lease + 6 * SECOND; t += SECOND) {
      // The subscriber stays alive but never hands its lease over.
      scamp.onMessage(t, NEWCOMER, new Heartbeat(false, true, 0));
      env.advanceTo(t);
    }
    assertFalse(scamp.holds(NEWCOMER), "the subscription expired at the holder");
    assertEquals(1, scamp.counters().leaseExpiries());
    assertTrue(env.recipientsOf(DroppedSubscription.class).contains(NEWCOMER));
  }

  @Test
  void renewalSubscribesTheNextGenerationAndHandsOverOnceNewArcsArrive() {
    long lease = 30 * SECOND;
    Scamp scamp = scamp(MAINTAINED.withLeaseMicros(lease));
    scamp.join(0, peer(1));
    holdPeers(scamp, env, 1);
    heldByPeers(scamp, env, 11);
    long renewedAt = -1;
    for (long t = SECOND; t <= lease + 6 * SECOND; t += SECOND) {
      scamp.onMessage(t, peer(11), new Heartbeat(true, false, 0));
      scamp.onMessage(t, peer(1), new Heartbeat(false, true, 0));
      env.advanceTo(t);
      List<Subscription> renewals =
          env.sentOfType(Subscription.class).stream().filter(Subscription::isRenewal).toList();
      if (renewedAt < 0 && !renewals.isEmpty()) {
        renewedAt = t;
        assertEquals(1, renewals.get(0).leaseGeneration(), "the next generation");
        assertEquals(0, scamp.leaseGeneration(), "not before new arcs arrive");
        scamp.onMessage(t, peer(13), new KeptSubscription(1));
      }
    }
    assertTrue(renewedAt > 0 && renewedAt <= lease, "renewed within the lease: " + renewedAt);
    assertEquals(1, scamp.leaseGeneration(), "handed over");
    List<Heartbeat> beats = env.sentOfType(Heartbeat.class);
    assertEquals(1, beats.get(beats.size() - 1).leaseGeneration(), "heartbeats announce it");
  }

  @Test
  void renewalWithoutNewArcsKeepsTheOldLeaseAndRetries() {
    long lease = 30 * SECOND;
    Scamp scamp = scamp(MAINTAINED.withLeaseMicros(lease));
    scamp.join(0, peer(1));
    holdPeers(scamp, env, 1);
    heldByPeers(scamp, env, 11);
    for (long t = SECOND; t <= lease + 8 * SECOND; t += SECOND) {
      scamp.onMessage(t, peer(11), new Heartbeat(true, false, 0));
      scamp.onMessage(t, peer(1), new Heartbeat(false, true, 0));
      env.advanceTo(t);
    }
    assertEquals(0, scamp.leaseGeneration());
    long renewals =
        env.sentOfType(Subscription.class).stream().filter(Subscription::isRenewal).count();
    assertTrue(renewals >= 2, "retried: " + renewals);
  }

  @Test
  void anArcOfAnotherGenerationDoesNotCompleteARenewal() {
    long lease = 30 * SECOND;
    Scamp scamp = scamp(MAINTAINED.withLeaseMicros(lease));
    scamp.join(0, peer(1));
    holdPeers(scamp, env, 1);
    heldByPeers(scamp, env, 11);
    boolean isRenewing = false;
    for (long t = SECOND; t <= lease + 6 * SECOND; t += SECOND) {
      scamp.onMessage(t, peer(11), new Heartbeat(true, false, 0));
      scamp.onMessage(t, peer(1), new Heartbeat(false, true, 0));
      env.advanceTo(t);
      if (!isRenewing
          && env.sentOfType(Subscription.class).stream().anyMatch(Subscription::isRenewal)) {
        isRenewing = true;
        // A leaver's in-neighbour hands this peer an arc while the renewal is out.
        scamp.onMessage(t, peer(14), new KeptSubscription(KeptSubscription.UNKNOWN_GENERATION));
        assertTrue(scamp.isHeldBy(peer(14)), "an arc all the same");
      }
    }
    assertTrue(isRenewing);
    assertEquals(0, scamp.leaseGeneration(), "but not the renewal's");
  }

  @Test
  void aNeighbourLostToFailureDetectionIsTriedAgainWithAnIncreasingBackOff() {
    Scamp scamp = scamp(MAINTAINED);
    holdPeers(scamp, env, 1, 2);
    heldByPeers(scamp, env, 1, 2);
    for (long t = SECOND; t <= 200 * SECOND; t += SECOND) {
      scamp.onMessage(t, peer(1), new Heartbeat(true, true, 0));
      if (t <= 3 * SECOND) {
        scamp.onMessage(t, peer(2), new Heartbeat(true, true, 0));
      }
      env.advanceTo(t);
    }
    assertFalse(scamp.holds(peer(2)), "silent since 3 s: failed");
    List<Subscription> throughLost =
        env.sent().stream()
            .filter(sent -> sent.to().equals(peer(2)) && sent.message() instanceof Subscription)
            .map(sent -> (Subscription) sent.message())
            .toList();
    // First after 5-15 s, then 10-30, 20-60, 40-120 s: three to five in 200 s.
    assertTrue(
        throughLost.size() >= 3 && throughLost.size() <= 5, "backed off: " + throughLost.size());
    for (Subscription renewal : throughLost) {
      assertTrue(renewal.isRenewal(), "asks for the lease's arcs, not a copy of a whole view");
      assertEquals(1, renewal.leaseGeneration());
    }
    assertEquals(throughLost.size(), scamp.counters().partitionRejoins());
    assertEquals(0, scamp.leaseGeneration(), "no answer: the old lease stands");
  }

  @Test
  void everyRenewalAsksForTheLeasesArcsEvenWhileOneThroughALostPeerIsOut() {
    long lease = 20 * SECOND;
    long tried = 0;
    for (long seed = 1; seed <= 30; seed++) {
      // Seeds move the lost peer's retries against the lease, so that some overlap.
      FakeEnvironment trialEnv = new FakeEnvironment(SELF, seed);
      Scamp scamp = new Scamp(trialEnv, MAINTAINED.withLeaseMicros(lease));
      scamp.start(0);
      holdPeers(scamp, trialEnv, 1, 2);
      heldByPeers(scamp, trialEnv, 2, 11, 12, 13, 14, 15);
      for (long t = SECOND; t <= 60 * SECOND; t += SECOND) {
        scamp.onMessage(t, peer(1), new Heartbeat(true, false, 0));
        for (int holder = 11; holder <= 15; holder++) {
          scamp.onMessage(t, peer(holder), new Heartbeat(true, false, 0));
        }
        if (t <= 3 * SECOND) {
          scamp.onMessage(t, peer(2), new Heartbeat(true, true, 0));
        }
        trialEnv.advanceTo(t);
      }
      tried += scamp.counters().partitionRejoins();
      for (Subscription renewal :
          trialEnv.sentOfType(Subscription.class).stream()
              .filter(Subscription::isRenewal)
              .toList()) {
        assertEquals(6, renewal.requestedArcs(), "seed " + seed + ": the lease brought six arcs");
      }
    }
    assertTrue(tried > 0, "the lost peer was tried");
  }

  @Test
  void aLostNeighbourThatAnswersIsForgotten() {
    Scamp scamp = scamp(MAINTAINED);
    holdPeers(scamp, env, 1, 2);
    heldByPeers(scamp, env, 1, 2);
    long answeredAt = -1;
    for (long t = SECOND; t <= 120 * SECOND; t += SECOND) {
      scamp.onMessage(t, peer(1), new Heartbeat(true, true, 0));
      if (t <= 3 * SECOND) {
        scamp.onMessage(t, peer(2), new Heartbeat(true, true, 0));
      }
      if (answeredAt > 0) {
        scamp.onMessage(t, peer(22), new Heartbeat(true, false, 1));
      }
      env.advanceTo(t);
      if (answeredAt < 0 && env.recipientsOf(Subscription.class).contains(peer(2))) {
        // The partition healed: the renewal through peer 2 is kept on its side.
        answeredAt = t;
        scamp.onMessage(t, peer(22), new KeptSubscription(1));
        env.takeSent();
      }
    }
    assertTrue(answeredAt > 0);
    assertEquals(1, scamp.leaseGeneration(), "handed over to the arcs placed from there");
    assertFalse(env.recipientsOf(Subscription.class).contains(peer(2)), "peer 2 is forgotten");
    assertEquals(1, scamp.counters().partitionRejoins());
  }

  @Test
  void holderDropsAnArcOfAnOlderLeaseGeneration() {
    Scamp scamp = scamp(MAINTAINED);
    holdPeers(scamp, env, 2);
    scamp.onMessage(0, peer(5), new ForwardedSubscription(NEWCOMER, 20, 3));
    assertTrue(scamp.holds(NEWCOMER));
    scamp.onMessage(0, NEWCOMER, new Heartbeat(false, true, 3));
    assertTrue(scamp.holds(NEWCOMER), "same generation: still valid");
    scamp.onMessage(0, NEWCOMER, new Heartbeat(false, true, 4));
    assertFalse(scamp.holds(NEWCOMER), "the subscriber moved on to generation 4");
    assertEquals(1, scamp.counters().leaseExpiries());
    assertTrue(env.recipientsOf(DroppedSubscription.class).contains(NEWCOMER));
  }

  @Test
  void replacementArcLearnsItsGenerationFromTheFirstHeartbeat() {
    Scamp scamp = scamp(MAINTAINED);
    holdPeers(scamp, env, 1, 2);
    scamp.onMessage(0, peer(1), new ReplaceSubscription(peer(7)));
    scamp.onMessage(0, peer(7), new Heartbeat(false, true, 9));
    assertTrue(scamp.holds(peer(7)), "an unknown generation adopts the first one heard");
    scamp.onMessage(0, peer(7), new Heartbeat(false, true, 10));
    assertFalse(scamp.holds(peer(7)));
  }

  @Test
  void leaseRenewalAsksForAsManyArcsAsItsPreviousLeaseBrought() {
    Scamp scamp = scamp(STATIC.withC(1));
    holdPeers(scamp, env, 1, 2, 3);
    scamp.onMessage(0, NEWCOMER, new Subscription(NEWCOMER, 0, 0, 4, 7, true));

    List<ForwardedSubscription> copies = env.sentOfType(ForwardedSubscription.class);
    assertEquals(7, copies.size(), "as many as requested, members drawn at random");
    assertTrue(copies.stream().allMatch(copy -> copy.leaseGeneration() == 4));
    assertTrue(env.recipientsOf(JoinAccepted.class).isEmpty(), "a renewing peer has its views");
    assertFalse(scamp.isHeldBy(NEWCOMER));

    env.takeSent();
    scamp.onMessage(0, NEWCOMER, new Subscription(NEWCOMER, 0, 0, 5, 0, true));
    assertEquals(2, env.sentOfType(ForwardedSubscription.class).size(), "at least c+1");
  }

  @Test
  void renewalRequestsWhatTheCurrentLeaseBrought() {
    long lease = 30 * SECOND;
    Scamp scamp = scamp(MAINTAINED.withLeaseMicros(lease));
    scamp.join(0, peer(1));
    holdPeers(scamp, env, 1);
    heldByPeers(scamp, env, 11, 12, 13);
    scamp.onMessage(0, peer(11), new KeptSubscription(0)); // a repeat from a known holder
    for (long t = SECOND; t <= lease; t += SECOND) {
      for (int holder : new int[] {11, 12, 13}) {
        scamp.onMessage(t, peer(holder), new Heartbeat(true, false, 0));
      }
      scamp.onMessage(t, peer(1), new Heartbeat(false, true, 0));
      env.advanceTo(t);
    }
    List<Subscription> renewals =
        env.sentOfType(Subscription.class).stream().filter(Subscription::isRenewal).toList();
    assertEquals(1, renewals.size());
    assertEquals(3, renewals.get(0).requestedArcs());
  }

  @Test
  void expiryNeverEmptiesThePartialView() {
    Scamp scamp = scamp(MAINTAINED);
    scamp.onMessage(0, peer(5), new ForwardedSubscription(NEWCOMER, 20, 3));
    scamp.onMessage(0, NEWCOMER, new Heartbeat(false, true, 4));
    assertTrue(scamp.holds(NEWCOMER), "the only out-link stays");
  }

  @Test
  void isolatedPeerWithEmptyViewsRejoinsThroughPeersItKnewRecently() {
    Scamp scamp = scamp(MAINTAINED);
    scamp.join(0, peer(1));
    holdPeers(scamp, env, 2, 3);
    // Both neighbours crash: failure detection empties the view, then isolation sets in.
    env.advanceTo(20 * SECOND);
    assertEquals(0, scamp.partialViewSize());
    List<PeerId> rejoinedThrough = env.recipientsOf(Subscription.class);
    assertTrue(rejoinedThrough.size() >= 2, "retries each isolation period: " + rejoinedThrough);
    assertTrue(
        rejoinedThrough.containsAll(List.of(peer(2), peer(3))), "cycles through recent peers");
    for (Subscription rejoin : env.sentOfType(Subscription.class)) {
      assertFalse(rejoin.isRenewal(), "a rejoin is a full join");
    }
  }

  @Test
  void indirectionWalksOnWithOneHopLessAndItsDegree() {
    Scamp scamp = scamp(STATIC.withWalkHops(4));
    holdPeers(scamp, env, 1, 2);
    heldByPeers(scamp, env, 3);
    scamp.onMessage(0, NEWCOMER, new Subscription(NEWCOMER, 4, 0, 0, 0, false));

    List<Subscription> walked = env.sentOfType(Subscription.class);
    assertEquals(1, walked.size());
    assertEquals(new Subscription(NEWCOMER, 3, 3, 0, 0, false), walked.get(0));
    assertTrue(
        List.of(peer(1), peer(2), peer(3)).contains(env.recipientsOf(Subscription.class).get(0)));
    assertTrue(
        env.recipientsOf(ForwardedSubscription.class).isEmpty(), "not the effective contact");
  }

  @Test
  void walkStepToABetterConnectedPeerIsSometimesReturned() {
    // Metropolis-Hastings: a proposer with 1 neighbour, a receiver with 4: accept with p = 1/4.
    int trials = 4000;
    int returned = 0;
    for (int trial = 0; trial < trials; trial++) {
      FakeEnvironment trialEnv = new FakeEnvironment(SELF, trial);
      Scamp scamp = new Scamp(trialEnv, STATIC);
      holdPeers(scamp, trialEnv, 1, 2, 3, 4);
      scamp.onMessage(0, peer(1), new Subscription(NEWCOMER, 2, 1, 0, 0, false));
      FakeEnvironment.Sent first = trialEnv.sent().get(0);
      if (first.message().equals(new Subscription(NEWCOMER, 2, 0, 0, 0, false))
          && first.to().equals(peer(1))) {
        returned++;
      }
    }
    assertEquals(0.75, (double) returned / trials, 0.03);
  }

  @Test
  void walkEndsAtTheEffectiveContact() {
    Scamp scamp = scamp(STATIC.withWalkHops(4));
    holdPeers(scamp, env, 1);
    scamp.onMessage(0, peer(1), new Subscription(NEWCOMER, 0, 0, 0, 0, false));
    assertEquals(List.of(NEWCOMER), env.recipientsOf(JoinAccepted.class));
    assertEquals(List.of(peer(1), peer(1)), env.recipientsOf(ForwardedSubscription.class));
  }

  @Test
  void linkFailureReportRemovesThePeerFromBothViews() {
    Scamp scamp = scamp(STATIC);
    holdPeers(scamp, env, 1);
    heldByPeers(scamp, env, 1);
    scamp.onPeerFailed(0, peer(1));
    assertEquals(0, scamp.partialViewSize());
    assertEquals(0, scamp.inViewSize());
    assertEquals(1, scamp.counters().failuresDetected());
  }

  @Test
  void listenerSeesEveryViewChange() {
    Scamp scamp = scamp(STATIC);
    StringBuilder log = new StringBuilder();
    scamp.setListener(
        new MembershipListener() {
          @Override
          public void partialViewAdded(long nowMicros, PeerId peer) {
            log.append("+out ").append(peer.low()).append(';');
          }

          @Override
          public void partialViewRemoved(long nowMicros, PeerId peer) {
            log.append("-out ").append(peer.low()).append(';');
          }

          @Override
          public void inViewAdded(long nowMicros, PeerId peer) {
            log.append("+in ").append(peer.low()).append(';');
          }

          @Override
          public void inViewRemoved(long nowMicros, PeerId peer) {
            log.append("-in ").append(peer.low()).append(';');
          }
        });
    holdPeers(scamp, env, 1);
    heldByPeers(scamp, env, 2);
    scamp.onMessage(0, peer(1), new RemoveSubscription());
    scamp.onMessage(0, peer(2), new DroppedSubscription());
    assertEquals("+out 1;+in 2;-out 1;-in 2;", log.toString());
  }

  @Test
  void aLeftPeerIgnoresEverything() {
    Scamp scamp = scamp(STATIC);
    scamp.leave(0);
    scamp.onMessage(0, peer(1), new ForwardedSubscription(NEWCOMER, 3, 0));
    scamp.onMessage(0, peer(1), new JoinAccepted(0));
    assertEquals(0, scamp.partialViewSize());
    assertTrue(env.sent().isEmpty());
  }
}
