package org.catdit.overlay.wire;

import org.catdit.overlay.core.PeerId;

/**
 * SCAMP subscription (join or resubscription) of {@code subscriber}, sent to a contact. While
 * {@code walkHops} is positive the receiver passes it on along a random walk (indirection); where the
 * walk ends is the effective contact.
 */
public record Subscription(PeerId subscriber, int walkHops) implements Message {
  public Subscription {
    Limits.checkHops(walkHops);
  }

  @Override
  public MessageType type() {
    return MessageType.SUBSCRIPTION;
  }
}
