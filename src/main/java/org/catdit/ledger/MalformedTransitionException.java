package org.catdit.ledger;

/** Bytes that are not one canonical, well-formed transition: the reason names what is wrong. */
public final class MalformedTransitionException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedTransitionException(String message) {
    super(message);
  }
}
