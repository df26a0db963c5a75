package org.catdit.overlay.wire;

/** Encodes and decodes the body (everything after the type byte) of one message type. */
public interface MessageFormat<M extends Message> {
  void write(M message, WireWriter out);

  M read(WireReader in) throws MalformedMessageException;
}
