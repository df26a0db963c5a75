package org.catdit.overlay.wire;

import java.util.HexFormat;

/**
 * The id of a broadcast message: the first 16 bytes of the SHA-256 of its payload (see {@code
 * overlay.broadcast.MessageIds}). 128 bits keep accidental collisions out of reach (birthday bound
 * near 2^64 messages) at half the size of the full digest on every IHAVE entry.
 */
public record MessageId(long high, long low) implements Comparable<MessageId> {
  /** Encoded size on the wire. */
  public static final int BYTES = 16;

  @Override
  public int compareTo(MessageId other) {
    int byHigh = Long.compareUnsigned(high, other.high);
    return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
  }

  /** The first 8 hex digits, for logs and pictures. */
  public String shortForm() {
    return toString().substring(0, 8);
  }

  @Override
  public String toString() {
    return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
  }
}
