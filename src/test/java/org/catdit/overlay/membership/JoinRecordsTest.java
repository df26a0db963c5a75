package org.catdit.overlay.membership;

import static org.catdit.testing.FakeEnvironment.peer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.Ed25519Authenticator;
import org.catdit.overlay.link.PeerAuthenticator;
import org.catdit.overlay.link.SimAuthenticator;
import org.catdit.overlay.wire.ForwardedSubscription;
import org.catdit.overlay.wire.JoinAccepted;
import org.catdit.overlay.wire.JoinRecord;
import org.catdit.overlay.wire.KeptSubscription;
import org.catdit.overlay.wire.Subscription;
import org.catdit.testing.FakeEnvironment;
import org.junit.jupiter.api.Test;

/** Signed joins: records verify for their peer and generation only; forged ones are refused. */
class JoinRecordsTest {
  private static final byte[] ADDRESS = {127, 0, 0, 1, 16, 4};

  @Test
  void ed25519RecordsVerifyForTheirPeerAndGenerationOnly() {
    Ed25519Authenticator joiner = Ed25519Authenticator.generate();
    Ed25519Authenticator other = Ed25519Authenticator.generate();
    JoinRecord record = new JoinRecords(joiner, ADDRESS).own(3);
    JoinRecords checker = new JoinRecords(Ed25519Authenticator.generate(), new byte[0]);
    assertTrue(checker.isValid(joiner.localPeer(), 3, record));
    assertTrue(checker.isValid(joiner.localPeer(), 3, record), "again, from the table");
    assertFalse(checker.isValid(joiner.localPeer(), 4, record), "another generation");
    assertFalse(checker.isValid(other.localPeer(), 3, record), "another peer's subscription");
    assertFalse(checker.isValid(joiner.localPeer(), 3, null), "no record");
    assertFalse(
        new JoinRecords(other, new byte[0]).isValid(joiner.localPeer(), 4, record),
        "a fresh checker, another generation");
    byte[] forgedSignature = record.signature().clone();
    forgedSignature[0] ^= 1;
    assertFalse(
        checker.isValid(
            joiner.localPeer(),
            3,
            new JoinRecord(record.publicKey(), ADDRESS, record.nonce(), forgedSignature)));
    assertFalse(
        checker.isValid(
            joiner.localPeer(),
            3,
            new JoinRecord(
                record.publicKey(),
                new byte[] {10, 0, 0, 1, 16, 4},
                record.nonce(),
                record.signature())),
        "an address swapped in");
    // Somebody else's key and signature on the joiner's id: the key does not hash to the id.
    JoinRecord othersRecord = new JoinRecords(other, ADDRESS).own(3);
    assertFalse(checker.isValid(joiner.localPeer(), 3, othersRecord));
    assertFalse(
        checker.isValid(
            joiner.localPeer(), 3, new JoinRecord(new byte[5], ADDRESS, 1, new byte[64])),
        "a malformed key is refused, not thrown");
  }

  @Test
  void theVerifiedTableIsBounded() {
    JoinRecords checker = new JoinRecords(new SimAuthenticator(peer(0)), new byte[0]);
    for (int i = 1; i <= JoinRecords.VERIFIED_CAPACITY + 10; i++) {
      JoinRecord record = new JoinRecords(new SimAuthenticator(peer(i)), new byte[0]).own(0);
      assertTrue(checker.isValid(peer(i), 0, record));
    }
    assertEquals(JoinRecords.VERIFIED_CAPACITY, checker.verifiedCount());
  }

  @Test
  void scampRefusesAndCountsForgedSubscriptionsAndSignsItsOwn() {
    PeerId self = peer(0);
    FakeEnvironment env = new FakeEnvironment(self, 1);
    Scamp scamp = new Scamp(env, ScampConfig.defaults().withWalkHops(0).withoutMaintenance());
    scamp.requireSignedJoins(new JoinRecords(new SimAuthenticator(self), new byte[0]));
    scamp.start(0);
    scamp.onMessage(0, peer(1), new JoinAccepted(0));
    env.takeSent();

    PeerAuthenticator newcomer = new SimAuthenticator(peer(99));
    JoinRecord genuine = new JoinRecords(newcomer, new byte[0]).own(0);
    // Peer 1 subscribes peer 99 without its record, then with peer 5's: as the contact, refused.
    scamp.onMessage(0, peer(1), new Subscription(peer(99), 0, 0, 0, 0, false));
    JoinRecord fives = new JoinRecords(new SimAuthenticator(peer(5)), new byte[0]).own(0);
    scamp.onMessage(0, peer(1), new Subscription(peer(99), 0, 0, 0, 0, false, fives));
    assertEquals(List.of(), env.sent());
    assertEquals(2, scamp.counters().joinRecordsRefused());
    // Forged forwarded copies: passed on at most, never kept (at the hop limit: refused).
    for (int i = 0; i < 50; i++) {
      scamp.onMessage(0, peer(1), new ForwardedSubscription(peer(99), i % 2, 0, fives));
    }
    assertFalse(scamp.holds(peer(99)));
    assertEquals(List.of(), env.recipientsOf(KeptSubscription.class));
    assertTrue(
        scamp.counters().joinRecordsRefused() > 2 + 10, "" + scamp.counters().joinRecordsRefused());
    long refused = scamp.counters().joinRecordsRefused();
    env.takeSent();

    // The genuine record: acted on, and passed on unchanged with the forwarded copies.
    scamp.onMessage(0, peer(99), new Subscription(peer(99), 0, 0, 0, 0, false, genuine));
    assertEquals(List.of(peer(99)), env.recipientsOf(JoinAccepted.class));
    for (ForwardedSubscription forwarded : env.sentOfType(ForwardedSubscription.class)) {
      assertEquals(genuine, forwarded.record());
    }
    assertEquals(refused, scamp.counters().joinRecordsRefused());

    // Its own subscriptions carry its record.
    env.takeSent();
    Scamp joiner =
        new Scamp(
            new FakeEnvironment(peer(42), 2),
            ScampConfig.defaults().withWalkHops(0).withoutMaintenance());
    FakeEnvironment joinerEnv = new FakeEnvironment(peer(42), 2);
    joiner = new Scamp(joinerEnv, ScampConfig.defaults().withWalkHops(0).withoutMaintenance());
    joiner.requireSignedJoins(new JoinRecords(new SimAuthenticator(peer(42)), new byte[0]));
    joiner.start(0);
    joiner.join(0, peer(7));
    Subscription sent = joinerEnv.sentOfType(Subscription.class).get(0);
    assertTrue(
        new JoinRecords(new SimAuthenticator(peer(1)), new byte[0])
            .isValid(peer(42), sent.leaseGeneration(), sent.record()));
    assertNull(new Subscription(peer(1), 0, 0, 0, 0, false).record());
  }
}
