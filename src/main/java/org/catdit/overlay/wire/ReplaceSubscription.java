package org.catdit.overlay.wire;

import org.catdit.overlay.core.PeerId;

/**
 * Unsubscription: the sender is leaving; the receiver replaces the sender in its PartialView with
 * {@code replacement}.
 */
public record ReplaceSubscription(PeerId replacement) implements Message {

  @Override
  public MessageType type() {
    return MessageType.REPLACE_SUBSCRIPTION;
  }
}
