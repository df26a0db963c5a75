package org.catdit.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 digest: the id of a transition and the address of a blob. Immutable; ordered by its
 * bytes read as an unsigned big-endian number, the order range-based reconciliation splits on.
 */
public final class Hash implements Comparable<Hash> {
  public static final int BYTES = 32;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The hash with these 32 bytes (copied). */
  public static Hash of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a hash has 32 bytes, not " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  /** Parses 64 hexadecimal digits; anything else is an {@link IllegalArgumentException}. */
  public static Hash fromHex(String hex) {
    if (hex == null || hex.length() != 2 * BYTES) {
      throw new IllegalArgumentException("a hash is 64 hexadecimal digits");
    }
    return new Hash(HEX.parseHex(hex));
  }

  /** SHA-256 over the concatenation of {@code parts}. */
  public static Hash sha256(byte[]... parts) {
    MessageDigest digest = newDigest();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return new Hash(digest.digest());
  }

  /** A fresh SHA-256 digest, for hashing data that arrives in pieces. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Wraps a finished digest's output. */
  public static Hash ofDigest(MessageDigest digest) {
    return new Hash(digest.digest());
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Byte {@code index} without copying. */
  public byte byteAt(int index) {
    return bytes[index];
  }

  public String hex() {
    return HEX.formatHex(bytes);
  }

  /** The first 8 hex digits, for logs and the UI. */
  public String shortHex() {
    return hex().substring(0, 8);
  }

  @Override
  public int compareTo(Hash other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hash hash && Arrays.equals(bytes, hash.bytes);
  }

  @Override
  public int hashCode() {
    return (bytes[0] & 0xff) << 24
        | (bytes[1] & 0xff) << 16
        | (bytes[2] & 0xff) << 8
        | bytes[3] & 0xff;
  }

  @Override
  public String toString() {
    return hex();
  }
}
