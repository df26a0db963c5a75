package org.catdit.overlay.wire;


/** The sender removed the receiver from its PartialView: the receiver updates its InView. */
public record DroppedSubscription() implements Message {

  @Override
  public MessageType type() {
    return MessageType.DROPPED_SUBSCRIPTION;
  }
}
