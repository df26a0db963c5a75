package org.catdit.ledger;

/**
 * Validity criteria pinned by us rather than by a library version: a signature's S must be a
 * canonical scalar (S &lt; L, RFC 8032 section 5.1.7 step 1; this also removes signature
 * malleability), and the public key must be a canonical encoding (y &lt; p).
 */
final class Ed25519Rules {
  /** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
  private static final byte[] ORDER = {
    (byte) 0xed,
    (byte) 0xd3,
    (byte) 0xf5,
    0x5c,
    0x1a,
    0x63,
    0x12,
    0x58,
    (byte) 0xd6,
    (byte) 0x9c,
    (byte) 0xf7,
    (byte) 0xa2,
    (byte) 0xde,
    (byte) 0xf9,
    (byte) 0xde,
    0x14,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0x10
  };

  private Ed25519Rules() {}

  static boolean passes(AuthorKey key, byte[] signature) {
    return signature != null
        && signature.length == 64
        && isScalarCanonical(signature)
        && isKeyCanonical(key.rawBytes());
  }

  /** S (bytes 32..63, little-endian) below L. */
  static boolean isScalarCanonical(byte[] signature) {
    for (int i = 31; i >= 0; i--) {
      int s = signature[32 + i] & 0xFF;
      int l = ORDER[i] & 0xFF;
      if (s != l) {
        return s < l;
      }
    }
    return false;
  }

  /** y (bit 255 cleared) below p = 2^255 - 19: rejects the 19 non-canonical encodings. */
  static boolean isKeyCanonical(byte[] key) {
    if ((key[31] & 0x7F) != 0x7F) {
      return true;
    }
    for (int i = 30; i >= 1; i--) {
      if (key[i] != (byte) 0xFF) {
        return true;
      }
    }
    return (key[0] & 0xFF) < 0xED;
  }
}
