package org.catdit.overlay.wire;

/**
 * Input from the network that does not decode: it is dropped and counted, never obeyed. No stack
 * trace is filled in: a flood of garbage must stay cheap to reject.
 */
public final class MalformedMessageException extends Exception {
  public MalformedMessageException(String reason) {
    super(reason, null, false, false);
  }
}
