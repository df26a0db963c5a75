package org.catdit.feed;

/** A picture that cannot be posted; the message is written for the user. */
public final class PictureRejectedException extends Exception {
  public PictureRejectedException(String message) {
    super(message, null, false, false);
  }
}
