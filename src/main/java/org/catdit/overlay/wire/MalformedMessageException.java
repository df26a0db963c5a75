package org.catdit.overlay.wire;

/** Input from the network that does not decode: it is dropped and counted, never obeyed. */
public final class MalformedMessageException extends Exception {
  public MalformedMessageException(String reason) {
    super(reason);
  }
}
