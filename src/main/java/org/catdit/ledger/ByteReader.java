package org.catdit.ledger;

/** Bounds-checked big-endian reads from untrusted bytes; every shortfall is malformed input. */
final class ByteReader {
  private final byte[] bytes;
  private int position;

  ByteReader(byte[] bytes) {
    this.bytes = bytes;
  }

  int position() {
    return position;
  }

  int remaining() {
    return bytes.length - position;
  }

  int u8() throws MalformedTransitionException {
    need(1);
    return bytes[position++] & 0xFF;
  }

  int u16() throws MalformedTransitionException {
    need(2);
    int value = (bytes[position] & 0xFF) << 8 | bytes[position + 1] & 0xFF;
    position += 2;
    return value;
  }

  long u32() throws MalformedTransitionException {
    need(4);
    long value = 0;
    for (int i = 0; i < 4; i++) {
      value = value << 8 | bytes[position++] & 0xFF;
    }
    return value;
  }

  long i64() throws MalformedTransitionException {
    need(8);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = value << 8 | bytes[position++] & 0xFF;
    }
    return value;
  }

  byte[] fixed(int length) throws MalformedTransitionException {
    need(length);
    byte[] out = new byte[length];
    System.arraycopy(bytes, position, out, 0, length);
    position += length;
    return out;
  }

  Hash hash() throws MalformedTransitionException {
    return Hash.of(fixed(Hash.BYTES));
  }

  private void need(int count) throws MalformedTransitionException {
    if (remaining() < count) {
      throw new MalformedTransitionException(
          "truncated: need " + count + " bytes at offset " + position + ", have " + remaining());
    }
  }
}
