package org.catdit.overlay.wire;

/**
 * From the effective contact to a subscriber: the subscriber adds the contact to its PartialView
 * (the contact has added the subscriber to its InView). The arc belongs to the contact's lease
 * {@code leaseGeneration}.
 */
public record JoinAccepted(int leaseGeneration) implements Message {
  public JoinAccepted {
    Limits.checkGeneration(leaseGeneration);
  }

  @Override
  public MessageType type() {
    return MessageType.JOIN_ACCEPTED;
  }
}
