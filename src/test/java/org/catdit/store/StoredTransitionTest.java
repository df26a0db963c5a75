package org.catdit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.catdit.ledger.Hash;
import org.junit.jupiter.api.Test;

class StoredTransitionTest {
  private static final Hash ID = TestTransitions.id(1);
  private static final byte[] KEY = new byte[32];
  private static final byte[] BODY = new byte[300];

  private static StoredTransition make(
      byte[] key, long sequence, int kind, List<Hash> parents, byte[] encoded) {
    return new StoredTransition(ID, key, sequence, kind, 0, parents, encoded);
  }

  @Test
  void everyFieldIsBounded() {
    assertThrows(IllegalArgumentException.class, () -> make(new byte[0], 0, 0, List.of(), BODY));
    assertThrows(
        IllegalArgumentException.class,
        () -> make(new byte[StoreLimits.MAX_AUTHOR_KEY_BYTES + 1], 0, 0, List.of(), BODY));
    assertThrows(IllegalArgumentException.class, () -> make(KEY, -1, 0, List.of(), BODY));
    assertThrows(IllegalArgumentException.class, () -> make(KEY, 0, -1, List.of(), BODY));
    assertThrows(
        IllegalArgumentException.class,
        () -> make(KEY, 0, StoreLimits.MAX_KIND + 1, List.of(), BODY));
    assertThrows(IllegalArgumentException.class, () -> make(KEY, 0, 0, List.of(), new byte[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> make(KEY, 0, 0, List.of(), new byte[StoreLimits.MAX_ENCODED_BYTES + 1]));
    make(KEY, 0, StoreLimits.MAX_KIND, List.of(), new byte[StoreLimits.MAX_ENCODED_BYTES]);
  }

  @Test
  void parentsAreAtMostEightUniqueAndNotTheTransitionItself() {
    List<Hash> nine = new ArrayList<>();
    for (int i = 10; i < 19; i++) {
      nine.add(TestTransitions.id(i));
    }
    assertThrows(IllegalArgumentException.class, () -> make(KEY, 0, 0, nine, BODY));
    make(KEY, 0, 0, nine.subList(0, 8), BODY);
    Hash twice = TestTransitions.id(5);
    assertThrows(
        IllegalArgumentException.class, () -> make(KEY, 0, 0, List.of(twice, twice), BODY));
    assertThrows(IllegalArgumentException.class, () -> make(KEY, 0, 0, List.of(ID), BODY));
    List<Hash> withNull = new ArrayList<>();
    withNull.add(null);
    assertThrows(NullPointerException.class, () -> make(KEY, 0, 0, withNull, BODY));
  }

  @Test
  void arraysAreCopiedInAndOut() {
    byte[] body = BODY.clone();
    StoredTransition transition = make(KEY, 0, 0, List.of(), body);
    body[0] = 9;
    assertEquals(0, transition.encoded()[0]);
    transition.encoded()[0] = 9;
    assertEquals(0, transition.encoded()[0]);
    assertNotSame(transition.authorKey(), transition.authorKey());
    assertEquals(transition, make(KEY.clone(), 0, 0, List.of(), BODY.clone()));
  }
}
