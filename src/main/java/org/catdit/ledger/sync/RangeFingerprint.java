package org.catdit.ledger.sync;

import java.security.MessageDigest;
import java.util.Arrays;
import org.catdit.ledger.Hash;

/**
 * Negentropy's fingerprint of a set of ids: SHA-256 over (the ids summed as 256-bit little-endian
 * numbers modulo 2^256, then the count as 8 little-endian bytes), first 16 bytes. Addition makes it
 * incremental and order-free; hashing the sum with the count makes it hard to forge a colliding set
 * (Negentropy spec, "Fingerprints"), unlike the plain XOR some systems used.
 */
final class RangeFingerprint {
  static final int BYTES = 16;

  private final byte[] sum = new byte[32];
  private long count;

  void add(Hash id) {
    int carry = 0;
    for (int i = 0; i < 32; i++) {
      int total = (sum[i] & 0xFF) + (id.byteAt(i) & 0xFF) + carry;
      sum[i] = (byte) total;
      carry = total >>> 8;
    }
    count++;
  }

  long count() {
    return count;
  }

  byte[] value() {
    MessageDigest digest = Hash.newDigest();
    digest.update(sum);
    byte[] countBytes = new byte[8];
    for (int i = 0; i < 8; i++) {
      countBytes[i] = (byte) (count >>> (8 * i));
    }
    digest.update(countBytes);
    return Arrays.copyOf(digest.digest(), BYTES);
  }
}
