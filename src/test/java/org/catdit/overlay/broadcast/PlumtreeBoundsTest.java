package org.catdit.overlay.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.wire.Announcement;
import org.catdit.overlay.wire.Gossip;
import org.catdit.overlay.wire.Graft;
import org.catdit.overlay.wire.IHave;
import org.catdit.overlay.wire.MessageId;
import org.junit.jupiter.api.Test;

/** Every table of the protocol, driven to its bound. */
class PlumtreeBoundsTest {
  static final PeerId SELF = PeerId.of(1, 0);
  static final PeerId A = PeerId.of(1, 1);
  static final PeerId B = PeerId.of(1, 2);
  static final PeerId ROOT = PeerId.of(1, 9);
  static final long SECOND = 1_000_000;

  final FakeEnvironment env = new FakeEnvironment(SELF);
  int deliveries;

  /** ids: 5 for 100 s; payloads: 3 for 10 s; missing: 4; trees: 2; unacked batches: 2. */
  Plumtree bounded() {
    BroadcastConfig config =
        BroadcastConfig.defaults()
            .withMode(BroadcastMode.SHARED)
            .withBounds(5, 100 * SECOND, 3, 10 * SECOND, 4, 2, 2);
    Plumtree tree = new Plumtree(env, config);
    tree.setDeliveryListener((now, id, payload, from, hops) -> deliveries++);
    tree.partialViewAdded(0, A);
    tree.partialViewAdded(0, B);
    return tree;
  }

  static Gossip gossip(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    return new Gossip(MessageIds.of(payload), ROOT, 1, payload);
  }

  @Test
  void theSeenCacheHoldsMaxSeenIdsAndForgetsTheEldest() {
    Plumtree tree = bounded();
    for (int i = 0; i < 6; i++) {
      tree.onMessage(i, A, gossip("m" + i));
    }
    assertEquals(5, tree.seenCount());
    tree.onMessage(10, B, gossip("m0"));
    assertEquals(7, deliveries, "an id beyond the bound is forgotten and delivered again");
    tree.onMessage(11, B, gossip("m5"));
    assertEquals(7, deliveries, "a remembered id is still a duplicate");
  }

  @Test
  void theSeenCacheForgetsAnIdAfterItsRetention() {
    Plumtree tree = bounded();
    Gossip m = gossip("m");
    tree.onMessage(0, A, m);
    tree.onMessage(100 * SECOND - 1, B, m);
    assertEquals(1, deliveries);
    tree.onMessage(100 * SECOND, B, m);
    assertEquals(2, deliveries);
  }

  @Test
  void payloadsAreKeptForGraftsUpToTheirCountAndRetention() {
    Plumtree tree = bounded();
    List<MessageId> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Gossip m = gossip("p" + i);
      ids.add(m.id());
      tree.onMessage(0, A, m);
    }
    assertEquals(3, tree.cachedPayloadCount());
    env.takeSent();
    tree.onMessage(1, B, new Graft(ids.get(0), ROOT, 2));
    assertEquals(0, env.sentOf(Gossip.class, B).size(), "evicted by count");
    tree.onMessage(2, B, new Graft(ids.get(3), ROOT, 2));
    assertEquals(1, env.sentOf(Gossip.class, B).size());
    env.takeSent();
    tree.onMessage(10 * SECOND, B, new Graft(ids.get(3), ROOT, 2));
    assertEquals(0, env.sentOf(Gossip.class, B).size(), "expired");
    assertEquals(2, tree.counters().graftsUnanswerable());
  }

  @Test
  void missingMessagesAreBoundedAndTheEldestIsDroppedWithItsTimer() {
    Plumtree tree = bounded();
    for (int i = 0; i < 6; i++) {
      Gossip m = gossip("x" + i);
      tree.onMessage(0, A, new IHave(i, List.of(new Announcement(m.id(), ROOT, 2))));
    }
    assertEquals(4, tree.missingCount());
    assertEquals(2, tree.counters().missingDropped());
    env.takeSent();
    env.advanceBy(tree.config().graftTimeoutMicros());
    assertEquals(4, env.sentOf(Graft.class, A).size(), "only the kept ones are grafted");
  }

  @Test
  void announcersPerMessageAreBounded() {
    Plumtree tree = bounded();
    Gossip m = gossip("y");
    int limit = tree.config().maxAnnouncersPerMessage();
    for (int i = 0; i < limit + 3; i++) {
      PeerId announcer = PeerId.of(7, i);
      tree.partialViewAdded(0, announcer);
      tree.onMessage(0, announcer, new IHave(i, List.of(new Announcement(m.id(), ROOT, 2))));
    }
    env.takeSent();
    env.advanceTo(3_600 * SECOND);
    List<PeerId> grafted = new ArrayList<>();
    for (FakeEnvironment.Sent sent : env.takeSent()) {
      if (sent.message() instanceof Graft && !grafted.contains(sent.to())) {
        grafted.add(sent.to());
      }
    }
    assertEquals(limit, grafted.size());
  }

  @Test
  void unacknowledgedBatchesAreBounded() {
    Plumtree tree = bounded();
    tree.onMessage(0, A, new org.catdit.overlay.wire.Prune(SELF));
    tree.onMessage(0, B, new org.catdit.overlay.wire.Prune(SELF));
    for (int i = 0; i < 3; i++) {
      tree.broadcast(env.now(), ("b" + i).getBytes(StandardCharsets.UTF_8));
      env.advanceBy(tree.config().announceDelayMicros());
    }
    assertEquals(2, tree.unackedBatchCount());
    assertTrue(tree.counters().iHaveBatchesDropped() >= 4);
  }
}
