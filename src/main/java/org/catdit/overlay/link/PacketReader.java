package org.catdit.overlay.link;

/** Bounds-checked reads over a slice of an untrusted datagram; every read checks what remains. */
final class PacketReader {
  private final byte[] bytes;
  private int position;
  private final int limit;

  PacketReader(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.position = offset;
    this.limit = offset + length;
  }

  int remaining() {
    return limit - position;
  }

  int position() {
    return position;
  }

  byte[] array() {
    return bytes;
  }

  void skip(int count) throws MalformedPacketException {
    need(count);
    position += count;
  }

  int readUnsignedByte() throws MalformedPacketException {
    need(1);
    return bytes[position++] & 0xFF;
  }

  int readUnsignedShort() throws MalformedPacketException {
    need(2);
    int value = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
    position += 2;
    return value;
  }

  long readLong() throws MalformedPacketException {
    need(8);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[position + i] & 0xFF);
    }
    position += 8;
    return value;
  }

  /** A QUIC variable-length integer (RFC 9000 §16): 1, 2, 4 or 8 bytes, up to 2^62 - 1. */
  long readVarint() throws MalformedPacketException {
    need(1);
    int first = bytes[position] & 0xFF;
    int length = 1 << (first >>> 6);
    need(length);
    long value = first & 0x3F;
    for (int i = 1; i < length; i++) {
      value = (value << 8) | (bytes[position + i] & 0xFF);
    }
    position += length;
    return value;
  }

  /** A varint that must lie in {@code [0, max]}. */
  long readVarint(long max, String what) throws MalformedPacketException {
    long value = readVarint();
    if (value > max) {
      throw new MalformedPacketException(what + " out of range: " + value);
    }
    return value;
  }

  /** A one-byte length, checked against {@code maxBytes}, then that many bytes. */
  byte[] readShortBytes(int maxBytes, String what) throws MalformedPacketException {
    int length = readUnsignedByte();
    if (length > maxBytes) {
      throw new MalformedPacketException(what + " of " + length + " bytes exceeds " + maxBytes);
    }
    return readFixed(length);
  }

  byte[] readFixed(int length) throws MalformedPacketException {
    need(length);
    byte[] out = new byte[length];
    System.arraycopy(bytes, position, out, 0, length);
    position += length;
    return out;
  }

  private void need(int count) throws MalformedPacketException {
    if (count < 0 || limit - position < count) {
      throw new MalformedPacketException("truncated: need " + count + ", have " + remaining());
    }
  }
}
