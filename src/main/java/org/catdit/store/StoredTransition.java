package org.catdit.store;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.catdit.ledger.Hash;

/**
 * One transition as the store keeps it: the columns the ledger queries by, its parent edges, and
 * the canonical encoding it was received in (the store never decodes it). The constructor checks
 * every field against {@link StoreLimits}, so a bad value fails at the caller, not on the writer
 * thread.
 *
 * @param id the SHA-256 of the unsigned body
 * @param authorKey the author's public key (copied)
 * @param sequence the author's own sequence number, {@code >= 0}
 * @param kind the transition kind code, {@code 0..65535}
 * @param timestampMillis the author's informational clock, milliseconds since the epoch
 * @param parents the approved transitions, in the order they are encoded, unique, at most 8
 * @param encoded the canonical binary encoding, signature included (copied)
 */
public record StoredTransition(
    Hash id,
    byte[] authorKey,
    long sequence,
    int kind,
    long timestampMillis,
    List<Hash> parents,
    byte[] encoded) {

  public StoredTransition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(authorKey, "authorKey");
    Objects.requireNonNull(parents, "parents");
    Objects.requireNonNull(encoded, "encoded");
    if (authorKey.length == 0 || authorKey.length > StoreLimits.MAX_AUTHOR_KEY_BYTES) {
      throw new IllegalArgumentException(
          "an author key has 1 to "
              + StoreLimits.MAX_AUTHOR_KEY_BYTES
              + " bytes, not "
              + authorKey.length);
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("a sequence number is not negative: " + sequence);
    }
    if (kind < 0 || kind > StoreLimits.MAX_KIND) {
      throw new IllegalArgumentException("a kind is 0 to " + StoreLimits.MAX_KIND + ": " + kind);
    }
    if (parents.size() > StoreLimits.MAX_PARENTS) {
      throw new IllegalArgumentException(
          "at most " + StoreLimits.MAX_PARENTS + " parents, not " + parents.size());
    }
    parents = List.copyOf(parents); // also refuses null elements
    if (new HashSet<>(parents).size() != parents.size()) {
      throw new IllegalArgumentException("parents repeat a hash: " + parents);
    }
    if (parents.contains(id)) {
      throw new IllegalArgumentException("a transition cannot approve itself: " + id);
    }
    if (encoded.length == 0 || encoded.length > StoreLimits.MAX_ENCODED_BYTES) {
      throw new IllegalArgumentException(
          "an encoded transition has 1 to "
              + StoreLimits.MAX_ENCODED_BYTES
              + " bytes, not "
              + encoded.length);
    }
    authorKey = authorKey.clone();
    encoded = encoded.clone();
  }

  /** A copy: the record never hands out its own arrays. */
  @Override
  public byte[] authorKey() {
    return authorKey.clone();
  }

  /** A copy: the record never hands out its own arrays. */
  @Override
  public byte[] encoded() {
    return encoded.clone();
  }

  /** Compares the array fields by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof StoredTransition that
        && id.equals(that.id)
        && Arrays.equals(authorKey, that.authorKey)
        && sequence == that.sequence
        && kind == that.kind
        && timestampMillis == that.timestampMillis
        && parents.equals(that.parents)
        && Arrays.equals(encoded, that.encoded);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "StoredTransition[id="
        + id.shortHex()
        + ", sequence="
        + sequence
        + ", kind="
        + kind
        + ", parents="
        + parents.size()
        + ", encodedBytes="
        + encoded.length
        + "]";
  }

  // Package-private views without copying, for the writer's bind calls.
  byte[] authorKeyUnsafe() {
    return authorKey;
  }

  byte[] encodedUnsafe() {
    return encoded;
  }
}
