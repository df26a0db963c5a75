package org.catdit.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any arrival order of the same set of transitions gives the same derived state. */
class LedgerConvergenceProperties {

  @Property(tries = 15)
  void anyArrivalOrderGivesTheSameState(@ForAll long seed, @ForAll boolean isEquivocating) {
    History history = History.generate(seed, 60, isEquivocating);
    Ledger reference = history.reference;
    assertEquals(history.all.size(), reference.size(), "reference holds everything");
    List<Transition> shuffled = new ArrayList<>(history.all);
    Collections.shuffle(shuffled, new Random(seed ^ 0x5EED));
    Ledger other = new Ledger(Verifier.standard());
    for (Transition t : shuffled) {
      other.ingest(t);
    }
    assertSameState(reference, other);
    assertTrue(other.missing().isEmpty());
    assertEquals(0, other.waitingCount());
  }

  @Property(tries = 10)
  void equivocatorIsExcludedFromTheSameSequenceEverywhere(@ForAll long seed) {
    History history = History.generate(seed, 80, true);
    if (history.reference.excludedAuthors().isEmpty()) {
      return; // this seed happened not to fork
    }
    List<Transition> reversed = new ArrayList<>(history.all);
    Collections.reverse(reversed);
    Ledger other = new Ledger(Verifier.standard());
    reversed.forEach(other::ingest);
    assertEquals(history.reference.excludedAuthors(), other.excludedAuthors());
    assertFalse(other.excludedAuthors().isEmpty());
  }

  static void assertSameState(Ledger expected, Ledger actual) {
    assertEquals(expected.setHash(), actual.setHash());
    assertEquals(expected.size(), actual.size());
    assertEquals(expected.tips(), actual.tips());
    assertEquals(expected.posts(), actual.posts());
    assertEquals(expected.excludedAuthors(), actual.excludedAuthors());
    for (int i = 1; i <= 6; i++) {
      AuthorKey key = Fixtures.signer(i).publicKey();
      assertEquals(expected.displayName(key), actual.displayName(key));
      for (PostView post : expected.posts()) {
        assertEquals(expected.hasUpvoted(key, post.id()), actual.hasUpvoted(key, post.id()));
      }
    }
  }
}
