package org.catdit.overlay.wire;


/**
 * From the effective contact to a subscriber: the subscriber adds the contact to its PartialView
 * (the contact has added the subscriber to its InView).
 */
public record JoinAccepted() implements Message {

  @Override
  public MessageType type() {
    return MessageType.JOIN_ACCEPTED;
  }
}
