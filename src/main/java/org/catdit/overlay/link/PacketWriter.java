package org.catdit.overlay.link;

import java.util.Arrays;

/**
 * Writes a packet into a caller-sized array. Writing past the end is a programming error: the
 * packet builder checks {@link #remaining()} before it adds a frame.
 */
final class PacketWriter {
  private final byte[] bytes;
  private int limit;
  private int position;

  PacketWriter(int capacity) {
    this.bytes = new byte[capacity];
    this.limit = capacity;
  }

  /** The largest limit {@link #reset} accepts. */
  int capacity() {
    return bytes.length;
  }

  /**
   * Empties the writer for a new packet of at most {@code limit} bytes; stale bytes stay behind.
   */
  PacketWriter reset(int limit) {
    if (limit < 0 || limit > bytes.length) {
      throw new IllegalArgumentException("limit out of range: " + limit);
    }
    this.limit = limit;
    this.position = 0;
    return this;
  }

  int position() {
    return position;
  }

  /** The backing array (the packet is its first {@link #position()} bytes). */
  byte[] array() {
    return bytes;
  }

  void setByte(int index, int value) {
    bytes[index] = (byte) value;
  }

  int remaining() {
    return limit - position;
  }

  PacketWriter writeByte(int value) {
    bytes[position++] = (byte) value;
    return this;
  }

  PacketWriter writeUnsignedShort(int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range: " + value);
    }
    bytes[position++] = (byte) (value >>> 8);
    bytes[position++] = (byte) value;
    return this;
  }

  PacketWriter writeLong(long value) {
    for (int i = 7; i >= 0; i--) {
      bytes[position + i] = (byte) value;
      value >>>= 8;
    }
    position += 8;
    return this;
  }

  PacketWriter writeVarint(long value) {
    int length = varintLength(value);
    int prefix = Integer.numberOfTrailingZeros(length) << 6;
    for (int i = length - 1; i >= 0; i--) {
      bytes[position + i] = (byte) value;
      value >>>= 8;
    }
    bytes[position] |= (byte) prefix;
    position += length;
    return this;
  }

  PacketWriter writeShortBytes(byte[] value) {
    if (value.length > 0xFF) {
      throw new IllegalArgumentException("short field too long: " + value.length);
    }
    writeByte(value.length);
    return writeFixed(value, 0, value.length);
  }

  PacketWriter writeFixed(byte[] value, int offset, int length) {
    System.arraycopy(value, offset, bytes, position, length);
    position += length;
    return this;
  }

  /** Zero bytes up to {@code size}: PADDING frames (type 0). */
  PacketWriter padTo(int size) {
    if (size > position) {
      Arrays.fill(bytes, position, size, (byte) 0);
      position = size;
    }
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, position);
  }

  static int varintLength(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varint out of range: " + value);
    }
    if (value < (1L << 6)) {
      return 1;
    }
    if (value < (1L << 14)) {
      return 2;
    }
    if (value < (1L << 30)) {
      return 4;
    }
    if (value < (1L << 62)) {
      return 8;
    }
    throw new IllegalArgumentException("varint out of range: " + value);
  }
}
