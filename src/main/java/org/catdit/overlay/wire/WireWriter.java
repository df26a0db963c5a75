package org.catdit.overlay.wire;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.catdit.overlay.core.PeerId;

/** Writes into a caller-owned buffer; overflowing it is a programming error, not a network one. */
public final class WireWriter {
  private final ByteBuffer buffer;

  public WireWriter(ByteBuffer buffer) {
    this.buffer = buffer;
  }

  public WireWriter writeByte(int value) {
    buffer.put((byte) value);
    return this;
  }

  public WireWriter writeBoolean(boolean value) {
    return writeByte(value ? 1 : 0);
  }

  public WireWriter writeUnsignedShort(int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range: " + value);
    }
    buffer.putShort((short) value);
    return this;
  }

  public WireWriter writeInt(int value) {
    buffer.putInt(value);
    return this;
  }

  public WireWriter writeLong(long value) {
    buffer.putLong(value);
    return this;
  }

  public WireWriter writePeerId(PeerId peer) {
    buffer.putLong(peer.high());
    buffer.putLong(peer.low());
    return this;
  }

  /** Writes a u16 length and the bytes. */
  public WireWriter writeBytes(byte[] bytes) {
    writeUnsignedShort(bytes.length);
    if (buffer.remaining() < bytes.length) {
      throw new BufferOverflowException();
    }
    buffer.put(bytes);
    return this;
  }

  public WireWriter writeFixed(byte[] bytes) {
    buffer.put(bytes);
    return this;
  }
}
