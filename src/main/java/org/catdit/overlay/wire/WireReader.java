package org.catdit.overlay.wire;

import java.nio.ByteBuffer;
import org.catdit.overlay.core.PeerId;

/** Bounds-checked reads from untrusted bytes: every read checks what remains first. */
public final class WireReader {
  private final ByteBuffer buffer;

  public WireReader(ByteBuffer buffer) {
    this.buffer = buffer;
  }

  public int remaining() {
    return buffer.remaining();
  }

  public int readUnsignedByte() throws MalformedMessageException {
    need(1, "byte");
    return buffer.get() & 0xFF;
  }

  public boolean readBoolean() throws MalformedMessageException {
    int value = readUnsignedByte();
    if (value > 1) {
      throw new MalformedMessageException("boolean out of range: " + value);
    }
    return value == 1;
  }

  public int readUnsignedShort() throws MalformedMessageException {
    need(2, "u16");
    return buffer.getShort() & 0xFFFF;
  }

  public int readInt() throws MalformedMessageException {
    need(4, "i32");
    return buffer.getInt();
  }

  public long readLong() throws MalformedMessageException {
    need(8, "i64");
    return buffer.getLong();
  }

  public PeerId readPeerId() throws MalformedMessageException {
    need(PeerId.BYTES, "peer id");
    long high = buffer.getLong();
    long low = buffer.getLong();
    return PeerId.of(high, low);
  }

  /** Reads a u16 length, checked against {@code maxBytes}, then that many bytes. */
  public byte[] readBytes(int maxBytes) throws MalformedMessageException {
    int length = readUnsignedShort();
    if (length > maxBytes) {
      throw new MalformedMessageException("field of " + length + " bytes exceeds " + maxBytes);
    }
    need(length, "bytes");
    byte[] out = new byte[length];
    buffer.get(out);
    return out;
  }

  /** Reads exactly {@code length} bytes. */
  public byte[] readFixed(int length) throws MalformedMessageException {
    need(length, "fixed bytes");
    byte[] out = new byte[length];
    buffer.get(out);
    return out;
  }

  private void need(int bytes, String what) throws MalformedMessageException {
    if (buffer.remaining() < bytes) {
      throw new MalformedMessageException(
          "truncated " + what + ": need " + bytes + ", have " + buffer.remaining());
    }
  }
}
