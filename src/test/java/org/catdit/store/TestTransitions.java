package org.catdit.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.catdit.ledger.Hash;

/** Deterministic transitions for tests: number {@code i} approves number {@code i - 1}. */
final class TestTransitions {
  static final int ENCODED_BYTES = 300;

  private TestTransitions() {}

  static Hash id(long index) {
    return Hash.sha256(ByteBuffer.allocate(Long.BYTES).putLong(index).array());
  }

  static StoredTransition chain(long index) {
    List<Hash> parents = index == 0 ? List.of() : List.of(id(index - 1));
    return transition(index, parents);
  }

  static StoredTransition transition(long index, List<Hash> parents) {
    byte[] author = new byte[32];
    Arrays.fill(author, (byte) (index % 7));
    byte[] encoded = new byte[ENCODED_BYTES];
    ByteBuffer.wrap(encoded).putLong(index);
    Arrays.fill(encoded, Long.BYTES, encoded.length, (byte) index);
    return new StoredTransition(
        id(index), author, index, (int) (index % 4), 1_700_000_000_000L + index, parents, encoded);
  }
}
