package org.catdit.net;

import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.wire.MessageId;

/**
 * One broadcast message this peer delivered.
 *
 * @param from the neighbour the first copy came from (this peer for its own broadcasts)
 * @param hops links the first copy travelled
 */
public record Delivery(MessageId id, byte[] payload, PeerId from, int hops) {
  public Delivery {
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
