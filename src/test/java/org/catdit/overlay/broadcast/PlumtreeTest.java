package org.catdit.overlay.broadcast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.wire.Announcement;
import org.catdit.overlay.wire.Gossip;
import org.catdit.overlay.wire.Graft;
import org.catdit.overlay.wire.IHave;
import org.catdit.overlay.wire.IHaveAck;
import org.catdit.overlay.wire.MessageId;
import org.catdit.overlay.wire.Prune;
import org.junit.jupiter.api.Test;

/** One test per Plumtree rule, on a fake environment: no sockets, no clock, no threads. */
class PlumtreeTest {
  static final PeerId SELF = PeerId.of(1, 0);
  static final PeerId A = PeerId.of(1, 1);
  static final PeerId B = PeerId.of(1, 2);
  static final PeerId C = PeerId.of(1, 3);
  static final PeerId ROOT = PeerId.of(1, 9);
  static final PeerId OTHER_ROOT = PeerId.of(1, 10);
  static final BroadcastConfig SHARED = BroadcastConfig.defaults().withMode(BroadcastMode.SHARED);

  final FakeEnvironment env = new FakeEnvironment(SELF);
  final List<String> deliveries = new ArrayList<>();

  Plumtree plumtree(BroadcastConfig config) {
    Plumtree tree = new Plumtree(env, config);
    tree.setDeliveryListener(
        (now, id, payload, from, hops) ->
            deliveries.add(new String(payload, StandardCharsets.UTF_8) + "@" + hops + "<" + from));
    tree.start(0);
    return tree;
  }

  /** A, B, C as neighbours: A and B in the PartialView, C only in the InView. */
  Plumtree withNeighbours(BroadcastConfig config) {
    Plumtree tree = plumtree(config);
    tree.partialViewAdded(0, A);
    tree.partialViewAdded(0, B);
    tree.inViewAdded(0, C);
    return tree;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static Gossip gossip(String text, PeerId root, int round) {
    byte[] payload = bytes(text);
    return new Gossip(MessageIds.of(payload), root, round, payload);
  }

  static IHave iHave(int batch, Gossip gossip, int round) {
    return new IHave(batch, List.of(new Announcement(gossip.id(), gossip.root(), round)));
  }

  @Test
  void messageIdIsTheFirstSixteenBytesOfTheSha256OfThePayload() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes("cat"));
    MessageId id = MessageIds.of(bytes("cat"));
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (digest[i] & 0xFF);
      low = (low << 8) | (digest[8 + i] & 0xFF);
    }
    assertEquals(new MessageId(high, low), id);
  }

  @Test
  void neighboursArePartialViewAndInViewTogetherAndNewLinksStartEager() {
    Plumtree tree = withNeighbours(SHARED);
    tree.inViewAdded(0, A); // A is now both an out- and an in-neighbour: still one link.
    assertEquals(List.of(A, B, C), tree.neighbours());
    assertEquals(List.of(A, B, C), tree.eagerPeers(SELF));
    assertEquals(List.of(), tree.lazyPeers(SELF));
  }

  @Test
  void broadcastDeliversPushesToEagerLinksAndAnnouncesToLazyOnesInABatch() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, C, new Prune(SELF));
    MessageId id = tree.broadcast(0, bytes("m1"));

    assertEquals(List.of("m1@0<" + SELF), deliveries);
    List<Gossip> toA = env.sentOf(Gossip.class, A);
    assertEquals(1, toA.size());
    assertEquals(1, toA.get(0).round());
    assertEquals(1, env.sentOf(Gossip.class, B).size());
    assertEquals(0, env.sentOf(Gossip.class, C).size());
    assertEquals(0, env.sentOf(IHave.class, C).size(), "IHAVEs wait for the batch");

    env.advanceBy(tree.config().announceDelayMicros());
    List<IHave> toC = env.sentOf(IHave.class, C);
    assertEquals(1, toC.size());
    assertEquals(List.of(new Announcement(id, SELF, 1)), toC.get(0).announcements());
  }

  @Test
  void aPayloadAlreadySeenIsNotBroadcastAgain() {
    Plumtree tree = withNeighbours(SHARED);
    MessageId first = tree.broadcast(0, bytes("same"));
    env.takeSent();
    MessageId second = tree.broadcast(1, bytes("same"));
    assertEquals(first, second);
    assertEquals(List.of(), env.takeSent());
    assertEquals(1, deliveries.size());
  }

  @Test
  void newGossipIsDeliveredOnceAndForwardedToEveryEagerLinkButTheSender() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, A, gossip("m", ROOT, 3));
    assertEquals(List.of("m@3<" + A), deliveries);
    assertEquals(0, env.sentOf(Gossip.class, A).size());
    assertEquals(4, env.sentOf(Gossip.class, B).get(0).round());
    assertEquals(4, env.sentOf(Gossip.class, C).get(0).round());
    assertTrue(tree.isEager(ROOT, A));
  }

  @Test
  void theSenderOfNewGossipTurnsEagerEvenIfItWasLazy() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, A, new Prune(ROOT));
    assertFalse(tree.isEager(ROOT, A));
    tree.onMessage(0, A, gossip("m", ROOT, 1));
    assertTrue(tree.isEager(ROOT, A));
  }

  @Test
  void aDuplicateTurnsTheSendersLinkLazyAndAnswersPrune() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, A, gossip("m", ROOT, 1));
    env.takeSent();
    tree.onMessage(1, B, gossip("m", ROOT, 2));
    assertEquals(List.of(new FakeEnvironment.Sent(B, new Prune(ROOT))), env.takeSent());
    assertFalse(tree.isEager(ROOT, B));
    assertEquals(1, deliveries.size());
    assertEquals(1, tree.counters().duplicates());
  }

  @Test
  void pruneTurnsTheLinkLazy() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, B, new Prune(ROOT));
    assertEquals(List.of(A, C), tree.eagerPeers(ROOT));
    assertEquals(List.of(B), tree.lazyPeers(ROOT));
  }

  @Test
  void iHaveOfAnUnseenMessageIsAcknowledgedAndGraftsTheFirstAnnouncerWhenTimeout1Expires() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, B, new Prune(ROOT));
    Gossip m = gossip("m", ROOT, 0);
    tree.onMessage(0, B, iHave(42, m, 2));
    assertEquals(List.of(new IHaveAck(42)), env.sentOf(IHaveAck.class, B));
    env.takeSent();

    env.advanceTo(tree.config().graftTimeoutMicros() - 1);
    assertEquals(List.of(), env.takeSent());
    env.advanceTo(tree.config().graftTimeoutMicros());
    assertEquals(List.of(new FakeEnvironment.Sent(B, new Graft(m.id(), ROOT, 2))), env.takeSent());
    assertTrue(tree.isEager(ROOT, B), "grafting turns the link eager");
  }

  @Test
  void afterTimeout2TheNextAnnouncerIsGraftedAndThenTheFirstAgain() {
    Plumtree tree = withNeighbours(SHARED);
    Gossip m = gossip("m", ROOT, 0);
    tree.onMessage(0, B, iHave(1, m, 2));
    tree.onMessage(10, C, iHave(1, m, 3));
    env.takeSent();
    long timeout1 = tree.config().graftTimeoutMicros();
    long timeout2 = tree.config().regraftTimeoutMicros();
    env.advanceTo(timeout1);
    assertEquals(List.of(new Graft(m.id(), ROOT, 2)), env.sentOf(Graft.class, B));
    env.takeSent();
    env.advanceTo(timeout1 + timeout2);
    assertEquals(List.of(new FakeEnvironment.Sent(C, new Graft(m.id(), ROOT, 3))), env.takeSent());
    env.advanceTo(timeout1 + 2 * timeout2);
    assertEquals(
        List.of(new FakeEnvironment.Sent(B, new Graft(m.id(), ROOT, 2))),
        env.takeSent(),
        "a lost GRAFT or a lost answer is retried");
  }

  @Test
  void graftsStopAtTheBoundAndTheMessageIsGivenUp() {
    Plumtree tree = withNeighbours(SHARED);
    Gossip m = gossip("m", ROOT, 0);
    tree.onMessage(0, B, iHave(1, m, 2));
    env.advanceTo(3_600_000_000L);
    assertEquals(tree.config().maxGraftsPerMessage(), env.sentOf(Graft.class, B).size());
    assertEquals(1, tree.counters().messagesGivenUp());
    assertEquals(0, tree.missingCount());
    assertEquals(0, env.pendingTimers());
  }

  @Test
  void gossipArrivingBeforeTimeout1CancelsTheGraft() {
    Plumtree tree = withNeighbours(SHARED);
    Gossip m = gossip("m", ROOT, 2);
    tree.onMessage(0, B, iHave(1, m, 2));
    tree.onMessage(5, A, m);
    env.takeSent();
    env.advanceTo(10 * tree.config().graftTimeoutMicros());
    assertEquals(0, env.sentOf(Graft.class, null).size());
    assertEquals(0, tree.missingCount());
  }

  @Test
  void iHaveOfASeenMessageIsOnlyAcknowledged() {
    Plumtree tree = withNeighbours(SHARED);
    Gossip m = gossip("m", ROOT, 1);
    tree.onMessage(0, A, m);
    env.takeSent();
    tree.onMessage(1, B, iHave(7, m, 2));
    assertEquals(List.of(new FakeEnvironment.Sent(B, new IHaveAck(7))), env.takeSent());
    assertEquals(0, tree.missingCount());
  }

  @Test
  void graftTurnsTheLinkEagerAndIsAnsweredWithThePayloadAtTheGraftsRound() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, C, new Prune(SELF));
    MessageId id = tree.broadcast(0, bytes("m"));
    env.takeSent();
    tree.onMessage(1, C, new Graft(id, SELF, 5));
    List<FakeEnvironment.Sent> sent = env.takeSent();
    assertEquals(1, sent.size());
    Gossip answer = (Gossip) sent.get(0).message();
    assertEquals(C, sent.get(0).to());
    assertEquals(id, answer.id());
    assertEquals(5, answer.round());
    assertArrayEquals(bytes("m"), answer.payload());
    assertTrue(tree.isEager(SELF, C));
  }

  @Test
  void graftWithoutAnIdOnlyTurnsTheLinkEager() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, C, new Prune(ROOT));
    tree.onMessage(1, C, new Graft(null, ROOT, 0));
    assertEquals(List.of(), env.takeSent());
    assertTrue(tree.isEager(ROOT, C));
  }

  @Test
  void optimizationSwapsInALazyLinkThatAnnouncedAtLeastThresholdHopsEarlier() {
    Plumtree tree = withNeighbours(SHARED.withOptimizationThresholdHops(3));
    tree.onMessage(0, C, new Prune(ROOT));
    Gossip m = gossip("m", ROOT, 5);
    tree.onMessage(0, C, iHave(1, m, 2));
    env.takeSent();
    tree.onMessage(10, A, m);
    assertEquals(List.of(new Graft(null, ROOT, 2)), env.sentOf(Graft.class, C));
    assertEquals(List.of(new Prune(ROOT)), env.sentOf(Prune.class, A));
    assertTrue(tree.isEager(ROOT, C));
    assertFalse(tree.isEager(ROOT, A));
    assertEquals(1, tree.counters().optimizations());
  }

  @Test
  void optimizationLeavesTheTreeAloneBelowTheThreshold() {
    Plumtree tree = withNeighbours(SHARED.withOptimizationThresholdHops(3));
    tree.onMessage(0, C, new Prune(ROOT));
    Gossip m = gossip("m", ROOT, 4);
    tree.onMessage(0, C, iHave(1, m, 2));
    env.takeSent();
    tree.onMessage(10, A, m);
    assertEquals(0, env.sentOf(Graft.class, null).size());
    assertEquals(0, env.sentOf(Prune.class, null).size());
    assertFalse(tree.isEager(ROOT, C));
    assertTrue(tree.isEager(ROOT, A));
  }

  @Test
  void anUnacknowledgedIHaveIsSentAgainUntilAcknowledged() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, C, new Prune(SELF));
    tree.broadcast(0, bytes("m"));
    env.advanceBy(tree.config().announceDelayMicros());
    IHave first = env.sentOf(IHave.class, C).get(0);
    env.takeSent();
    env.advanceBy(tree.config().reannounceMicros());
    assertEquals(List.of(first), env.sentOf(IHave.class, C), "same batch, sent again");
    env.takeSent();
    tree.onMessage(env.now(), C, new IHaveAck(first.batch()));
    assertEquals(0, tree.unackedBatchCount());
    env.advanceBy(10 * tree.config().reannounceMicros());
    assertEquals(0, env.sentOf(IHave.class, C).size());
    assertEquals(0, env.pendingTimers());
  }

  @Test
  void anAcknowledgementFromAnotherPeerDoesNotCount() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, C, new Prune(SELF));
    tree.broadcast(0, bytes("m"));
    env.advanceBy(tree.config().announceDelayMicros());
    IHave first = env.sentOf(IHave.class, C).get(0);
    tree.onMessage(env.now(), A, new IHaveAck(first.batch()));
    assertEquals(1, tree.unackedBatchCount());
  }

  @Test
  void anIHaveIsGivenUpAfterTheLastAttempt() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, C, new Prune(SELF));
    tree.broadcast(0, bytes("m"));
    env.advanceTo(3_600_000_000L);
    assertEquals(tree.config().maxAnnounceAttempts(), env.sentOf(IHave.class, C).size());
    assertEquals(1, tree.counters().iHaveBatchesAbandoned());
    assertEquals(0, env.pendingTimers());
  }

  @Test
  void aLostNeighbourLeavesBothSetsAndItsAnnouncementsAreForgotten() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, B, new Prune(ROOT));
    Gossip m = gossip("m", ROOT, 0);
    tree.onMessage(0, B, iHave(1, m, 2));
    env.takeSent();
    tree.partialViewRemoved(1, B);
    assertEquals(List.of(A, C), tree.neighbours());
    assertFalse(tree.eagerPeers(ROOT).contains(B));
    assertFalse(tree.lazyPeers(ROOT).contains(B));
    env.advanceTo(tree.config().graftTimeoutMicros());
    assertEquals(0, env.sentOf(Graft.class, null).size(), "nobody left to graft");
    assertEquals(1, tree.counters().messagesGivenUp());
  }

  @Test
  void aNeighbourInBothViewsStaysUntilItLeavesBoth() {
    Plumtree tree = withNeighbours(SHARED);
    tree.inViewAdded(0, A);
    tree.partialViewRemoved(1, A);
    assertTrue(tree.neighbours().contains(A));
    tree.inViewRemoved(2, A);
    assertFalse(tree.neighbours().contains(A));
  }

  @Test
  void aNeighbourThatReturnsStartsEagerAgain() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, B, new Prune(ROOT));
    tree.partialViewRemoved(1, B);
    tree.partialViewAdded(2, B);
    assertTrue(tree.isEager(ROOT, B));
  }

  @Test
  void perSourceTreesPruneIndependently() {
    Plumtree tree = withNeighbours(BroadcastConfig.defaults().withMode(BroadcastMode.PER_SOURCE));
    tree.onMessage(0, A, gossip("a", ROOT, 1));
    tree.onMessage(0, B, new Prune(ROOT));
    tree.onMessage(0, A, gossip("b", OTHER_ROOT, 1));
    assertFalse(tree.isEager(ROOT, B));
    assertTrue(tree.isEager(OTHER_ROOT, B), "a new source's tree starts all-eager");
    assertEquals(2, tree.treeCount());
  }

  @Test
  void hybridTreesStartAsACopyOfTheFirstSourcesTree() {
    Plumtree tree = withNeighbours(BroadcastConfig.defaults().withMode(BroadcastMode.HYBRID));
    tree.onMessage(0, A, gossip("a", ROOT, 1));
    tree.onMessage(0, B, new Prune(ROOT));
    tree.onMessage(0, A, gossip("b", OTHER_ROOT, 1));
    assertFalse(tree.isEager(OTHER_ROOT, B), "copied from the first source's tree");
    tree.onMessage(0, C, new Prune(OTHER_ROOT));
    assertTrue(tree.isEager(ROOT, C), "the copy prunes without touching the template");
  }

  @Test
  void sharedTreeServesEverySource() {
    Plumtree tree = withNeighbours(SHARED);
    tree.onMessage(0, B, new Prune(ROOT));
    assertFalse(tree.isEager(OTHER_ROOT, B));
    assertEquals(1, tree.treeCount());
  }

  @Test
  void treesAreBoundedAndTheFirstSourcesTreeIsKept() {
    BroadcastConfig config =
        BroadcastConfig.defaults()
            .withMode(BroadcastMode.PER_SOURCE)
            .withBounds(1000, 600_000_000L, 100, 60_000_000L, 100, 3, 100);
    Plumtree tree = withNeighbours(config);
    tree.onMessage(0, A, gossip("first", ROOT, 1));
    for (int i = 0; i < 10; i++) {
      tree.onMessage(0, A, gossip("m" + i, PeerId.of(2, i), 1));
    }
    assertEquals(3, tree.treeCount());
    tree.onMessage(0, B, new Prune(ROOT));
    tree.onMessage(0, A, gossip("again", PeerId.of(3, 0), 1));
    assertFalse(tree.isEager(ROOT, B), "the first source's tree survived eviction");
  }

  @Test
  void floodForwardsToThePartialViewOnlyAndNeverPrunes() {
    Plumtree tree = withNeighbours(BroadcastConfig.defaults().withMode(BroadcastMode.FLOOD));
    tree.onMessage(0, A, gossip("m", ROOT, 1));
    assertEquals(1, env.sentOf(Gossip.class, B).size());
    assertEquals(0, env.sentOf(Gossip.class, C).size(), "C is only an in-neighbour");
    env.takeSent();
    tree.onMessage(1, B, gossip("m", ROOT, 1));
    env.advanceBy(1_000_000);
    assertEquals(List.of(), env.takeSent());
    assertEquals(1, deliveries.size());
  }

  @Test
  void withoutSymmetricLinksOnlyPartialViewArcsCarryPayloadsAndAnnouncements() {
    Plumtree tree = withNeighbours(SHARED.withSymmetricLinks(false));
    tree.onMessage(0, B, new Prune(SELF));
    tree.broadcast(0, bytes("m"));
    env.advanceBy(tree.config().announceDelayMicros());
    assertEquals(1, env.sentOf(Gossip.class, A).size());
    assertEquals(1, env.sentOf(IHave.class, B).size());
    assertEquals(0, env.sentOf(Gossip.class, C).size(), "C is only an in-neighbour");
    assertEquals(0, env.sentOf(IHave.class, C).size());
  }

  @Test
  void identicalInputsGiveIdenticalOutputs() {
    List<String> first = runScript();
    List<String> second = runScript();
    assertEquals(first, second);
  }

  private static List<String> runScript() {
    FakeEnvironment fake = new FakeEnvironment(SELF);
    Plumtree tree = new Plumtree(fake, SHARED);
    for (int i = 1; i <= 20; i++) {
      tree.partialViewAdded(0, PeerId.of(5, i));
      tree.inViewAdded(0, PeerId.of(6, i));
    }
    for (int i = 1; i <= 20; i += 3) {
      tree.onMessage(0, PeerId.of(5, i), new Prune(SELF));
    }
    for (int m = 0; m < 5; m++) {
      tree.broadcast(m * 1000L, bytes("msg" + m));
    }
    fake.advanceBy(2_000_000);
    List<String> out = new ArrayList<>();
    for (FakeEnvironment.Sent sent : fake.takeSent()) {
      String body =
          sent.message() instanceof Gossip g
              ? g.id() + "/" + g.round() + "/" + Arrays.toString(g.payload())
              : sent.message().toString();
      out.add(sent.to() + " " + body);
    }
    return out;
  }

  @Test
  void unknownRootsInInspectionDoNotCreateTrees() {
    Plumtree tree = withNeighbours(BroadcastConfig.defaults().withMode(BroadcastMode.PER_SOURCE));
    assertEquals(List.of(), tree.eagerPeers(ROOT));
    assertEquals(0, tree.treeCount());
  }

  @Test
  void treeLinksAreEveryLinkBeforeAnyTreeThenThoseEagerInSomeTree() {
    Plumtree tree = withNeighbours(BroadcastConfig.defaults().withMode(BroadcastMode.PER_SOURCE));
    assertEquals(List.of(A, B, C), tree.treeLinkPeers());
    assertEquals(List.of(), tree.eagerPeers(SELF));

    // A prune from every neighbour for ROOT's tree, while OTHER_ROOT's tree is still whole.
    tree.onMessage(0, A, gossip("one", OTHER_ROOT, 0));
    tree.onMessage(0, A, new Prune(ROOT));
    tree.onMessage(0, B, new Prune(ROOT));
    tree.onMessage(0, C, new Prune(ROOT));
    assertEquals(List.of(), tree.eagerPeers(ROOT));
    assertEquals(List.of(A, B, C), tree.treeLinkPeers());

    tree.onMessage(0, A, new Prune(OTHER_ROOT));
    assertEquals(List.of(B, C), tree.treeLinkPeers());
  }
}
