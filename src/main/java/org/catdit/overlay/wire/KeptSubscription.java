package org.catdit.overlay.wire;


/** The sender kept the receiver's subscription: the receiver adds the sender to its InView. */
public record KeptSubscription() implements Message {

  @Override
  public MessageType type() {
    return MessageType.KEPT_SUBSCRIPTION;
  }
}
