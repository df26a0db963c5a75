package org.catdit.overlay.wire;


/** Unsubscription: the sender is leaving; the receiver removes it from its PartialView. */
public record RemoveSubscription() implements Message {

  @Override
  public MessageType type() {
    return MessageType.REMOVE_SUBSCRIPTION;
  }
}
