package org.catdit.ledger;

import java.util.Arrays;
import java.util.HexFormat;

/** A raw 32-byte Ed25519 public key (RFC 8032 encoding): who signed a transition. Immutable. */
public final class AuthorKey implements Comparable<AuthorKey> {
  public static final int BYTES = 32;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private AuthorKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The key with these 32 bytes (copied). */
  public static AuthorKey of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + bytes.length);
    }
    return new AuthorKey(bytes.clone());
  }

  public static AuthorKey fromHex(String hex) {
    if (hex == null || hex.length() != 2 * BYTES) {
      throw new IllegalArgumentException("a public key is 64 hexadecimal digits");
    }
    return new AuthorKey(HEX.parseHex(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] rawBytes() {
    return bytes;
  }

  public String hex() {
    return HEX.formatHex(bytes);
  }

  @Override
  public int compareTo(AuthorKey other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AuthorKey key && Arrays.equals(bytes, key.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
