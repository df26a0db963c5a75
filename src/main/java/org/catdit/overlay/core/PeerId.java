package org.catdit.overlay.core;

import java.util.HexFormat;

/**
 * The identity of one peer: 128 bits. On the real network it is the first 16 bytes of the SHA-256
 * of the peer's Ed25519 public key; in the simulator it is a cheap deterministic value that encodes
 * the peer's index. Protocol code treats it as opaque; ordering is total and deterministic.
 */
public final class PeerId implements Comparable<PeerId> {
  /** Encoded size on the wire. */
  public static final int BYTES = 16;

  private final long high;
  private final long low;

  private PeerId(long high, long low) {
    this.high = high;
    this.low = low;
  }

  public static PeerId of(long high, long low) {
    return new PeerId(high, low);
  }

  /** Reads 16 big-endian bytes starting at {@code offset}. */
  public static PeerId fromBytes(byte[] bytes, int offset) {
    if (offset < 0 || bytes.length - offset < BYTES) {
      throw new IllegalArgumentException("a peer id needs " + BYTES + " bytes");
    }
    return new PeerId(readLong(bytes, offset), readLong(bytes, offset + 8));
  }

  /** Parses the 32-hex-digit form that {@link #toString()} prints. */
  public static PeerId parse(String text) {
    if (text == null || text.length() != 2 * BYTES) {
      throw new IllegalArgumentException("a peer id is " + 2 * BYTES + " hex digits");
    }
    return fromBytes(HexFormat.of().parseHex(text), 0);
  }

  public long high() {
    return high;
  }

  public long low() {
    return low;
  }

  public byte[] toBytes() {
    byte[] out = new byte[BYTES];
    writeLong(out, 0, high);
    writeLong(out, 8, low);
    return out;
  }

  /** The first 8 hex digits: enough to tell peers apart in logs and pictures. */
  public String shortForm() {
    return toString().substring(0, 8);
  }

  @Override
  public int compareTo(PeerId other) {
    int byHigh = Long.compareUnsigned(high, other.high);
    return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PeerId that && that.high == high && that.low == low;
  }

  @Override
  public int hashCode() {
    long mixed = (high ^ Long.rotateLeft(low, 29)) * 0x9E3779B97F4A7C15L;
    return (int) (mixed ^ (mixed >>> 32));
  }

  @Override
  public String toString() {
    return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
  }

  private static long readLong(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xFF);
    }
    return value;
  }

  private static void writeLong(byte[] bytes, int offset, long value) {
    for (int i = 7; i >= 0; i--) {
      bytes[offset + i] = (byte) value;
      value >>>= 8;
    }
  }
}
