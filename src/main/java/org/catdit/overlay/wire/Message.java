package org.catdit.overlay.wire;

/** One wire message: an immutable record with a stable type code. */
public interface Message {
  MessageType type();
}
