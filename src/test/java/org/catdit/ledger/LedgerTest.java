package org.catdit.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private final Signer alice = Fixtures.signer(1);
  private final Signer bob = Fixtures.signer(2);
  private final Signer carol = Fixtures.signer(3);

  @Test
  void scoresCountDistinctVotersAndRetractionFollowsTheVotersOwnOrder() {
    Ledger ledger = new Ledger(Verifier.standard());
    List<String> events = new ArrayList<>();
    ledger.addListener(
        new LedgerListener() {
          @Override
          public void onScoreChanged(Hash post, int score) {
            events.add(post.shortHex() + "=" + score);
          }
        });
    Transition post = ledger.author(alice, Fixtures.post(1), 10);
    ledger.author(bob, new Payload.Upvote(post.id()), 11);
    ledger.author(bob, new Payload.Upvote(post.id()), 12); // a second upvote is a no-op
    ledger.author(carol, new Payload.Upvote(post.id()), 13);
    assertEquals(2, ledger.score(post.id()));
    ledger.author(bob, new Payload.RetractUpvote(post.id()), 14);
    assertEquals(1, ledger.score(post.id()));
    assertFalse(ledger.hasUpvoted(bob.publicKey(), post.id()));
    assertTrue(ledger.hasUpvoted(carol.publicKey(), post.id()));
    ledger.author(bob, new Payload.Upvote(post.id()), 15);
    assertEquals(2, ledger.score(post.id()));
    String id = post.id().shortHex();
    assertEquals(List.of(id + "=1", id + "=2", id + "=1", id + "=2"), events);
    assertEquals(2, ledger.posts().get(0).score());
  }

  @Test
  void waitsForMissingParentsAndReleasesThem() {
    Ledger source = new Ledger(Verifier.standard());
    Transition post = source.author(alice, Fixtures.post(1), 0);
    Transition vote = source.author(bob, new Payload.Upvote(post.id()), 0);
    Transition retract = source.author(bob, new Payload.RetractUpvote(post.id()), 0);
    Ledger ledger = new Ledger(Verifier.standard());
    IngestResult waiting = ledger.ingest(retract);
    assertEquals(IngestResult.Status.WAITING, waiting.status());
    assertTrue(ledger.missing().contains(vote.id()), "the parent");
    assertTrue(ledger.missing().contains(post.id()), "the vote target is a dependency too");
    assertEquals(IngestResult.Status.WAITING, ledger.ingest(vote).status());
    assertEquals(List.of(post.id()), ledger.missing());
    IngestResult released = ledger.ingest(post);
    assertEquals(3, released.accepted().size());
    assertEquals(source.setHash(), ledger.setHash());
    assertEquals(0, ledger.score(post.id()));
    assertTrue(ledger.missing().isEmpty());
  }

  @Test
  void waitingSetIsBounded() {
    Ledger source = new Ledger(Verifier.standard());
    source.author(alice, Fixtures.post(1), 0);
    List<Transition> children = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      children.add(source.author(alice, Fixtures.post(i + 2), 0));
    }
    Ledger ledger = new Ledger(Verifier.standard(), 2, 10);
    assertEquals(IngestResult.Status.WAITING, ledger.ingest(children.get(4)).status());
    assertEquals(IngestResult.Status.WAITING, ledger.ingest(children.get(3)).status());
    assertEquals(IngestResult.Status.DROPPED, ledger.ingest(children.get(2)).status());
    assertEquals(2, ledger.waitingCount());
    assertEquals(1, ledger.droppedWaitingCount());
    assertEquals(2, ledger.dropWaitersFor(children.get(2).id()));
    assertEquals(0, ledger.waitingCount());
    assertTrue(ledger.missing().isEmpty());
  }

  @Test
  void rejectsForgedSignaturesWithoutBlockingTheGenuineTransition() throws Exception {
    Transition genuine = Fixtures.genesis(alice, new Payload.Profile("Alice"));
    byte[] forged = genuine.encoded();
    forged[forged.length - 10] ^= 1;
    Ledger ledger = new Ledger(Verifier.standard());
    IngestResult result = ledger.ingest(Transition.decode(forged));
    assertEquals(IngestResult.Status.REJECTED, result.status());
    assertEquals(1, ledger.rejectedSignatureCount());
    assertTrue(ledger.ingest(genuine).isAccepted());
  }

  @Test
  void kindRulesRejectAndCascade() {
    Ledger source = new Ledger(Verifier.standard());
    Transition profile = source.author(alice, new Payload.Profile("Alice"), 0);
    // An upvote of something that is not a post.
    Transition badVote =
        Transition.create(bob, 1, 0, List.of(profile.id()), new Payload.Upvote(profile.id()));
    Transition child =
        Transition.create(bob, 2, 0, List.of(badVote.id()), new Payload.Profile("Bob"));
    // A sequence gap: sequence 3 approving the author's sequence 1.
    Transition gap =
        Transition.create(alice, 3, 0, List.of(profile.id()), new Payload.Profile("A"));
    Ledger ledger = new Ledger(Verifier.standard());
    ledger.ingest(profile);
    assertEquals(IngestResult.Status.WAITING, ledger.ingest(child).status());
    assertEquals(IngestResult.Status.REJECTED, ledger.ingest(badVote).status());
    assertEquals(0, ledger.waitingCount(), "the child of an invalid transition goes too");
    assertEquals(IngestResult.Status.REJECTED, ledger.ingest(child).status());
    assertEquals(IngestResult.Status.REJECTED, ledger.ingest(gap).status());
    assertEquals(1, ledger.size());
    assertThrows(
        IllegalArgumentException.class,
        () -> ledger.author(bob, new Payload.Upvote(profile.id()), 0));
  }

  @Test
  void equivocationExcludesTheAuthorFromTheForkOnAndIsReported() {
    Ledger ledger = new Ledger(Verifier.standard());
    Transition post = ledger.author(alice, Fixtures.post(1), 0);
    Transition early = ledger.author(bob, new Payload.Upvote(post.id()), 0); // bob #1
    Transition name = ledger.author(bob, new Payload.Profile("Bob"), 0); // bob #2
    // Bob signs a second, different #2.
    Transition fork =
        Transition.create(bob, 2, 0, List.of(early.id()), new Payload.RetractUpvote(post.id()));
    List<EquivocationProof> proofs = new ArrayList<>();
    ledger.addListener(
        new LedgerListener() {
          @Override
          public void onEquivocation(EquivocationProof proof) {
            proofs.add(proof);
          }
        });
    assertEquals("Bob", ledger.displayName(bob.publicKey()).orElseThrow());
    assertTrue(ledger.ingest(fork).isAccepted());
    assertEquals(1, proofs.size());
    assertTrue(proofs.get(0).isValid(Verifier.standard()));
    assertEquals(2L, ledger.excludedAuthors().get(bob.publicKey()));
    assertTrue(ledger.displayName(bob.publicKey()).isEmpty(), "the name at #2 is ignored");
    assertEquals(1, ledger.score(post.id()), "bob's #1 upvote still counts, the #2 retraction not");
    assertTrue(ledger.contains(name.id()) && ledger.contains(fork.id()), "both stay in the set");
  }

  @Test
  void restoreSkipsSignaturesButKeepsRules() {
    Ledger source = new Ledger(Verifier.standard());
    Transition post = source.author(alice, Fixtures.post(1), 0);
    source.author(bob, new Payload.Upvote(post.id()), 0);
    Ledger restored = new Ledger((key, message, signature) -> false); // would reject everything
    assertEquals(2, restored.restoreAll(source.transitions().values()));
    assertEquals(source.setHash(), restored.setHash());
    assertEquals(1, restored.score(post.id()));
  }

  @Test
  void setHashDependsOnlyOnTheSet() {
    Ledger a = new Ledger(Verifier.standard());
    Ledger b = new Ledger(Verifier.standard());
    assertEquals(a.setHash(), b.setHash());
    Transition x = Fixtures.genesis(alice, new Payload.Profile("A"));
    Transition y = Fixtures.genesis(bob, new Payload.Profile("B"));
    a.ingest(x);
    a.ingest(y);
    b.ingest(y);
    assertFalse(a.setHash().equals(b.setHash()));
    b.ingest(x);
    assertEquals(a.setHash(), b.setHash());
  }

  @Test
  void authorApprovesOwnLatestAndAtMostEightParents() {
    Ledger ledger = new Ledger(Verifier.standard());
    for (int i = 0; i < 12; i++) {
      ledger.ingest(Fixtures.genesis(Fixtures.signer(10 + i), new Payload.Profile("p" + i)));
    }
    Transition first = ledger.author(alice, Fixtures.post(1), 0);
    assertEquals(8, first.parents().size());
    Transition second = ledger.author(alice, Fixtures.post(2), 0);
    assertEquals(2, second.sequence());
    assertTrue(second.parents().contains(first.id()));
    assertEquals(5, second.parents().size(), "own latest and the 4 tips the first left");
  }
}
