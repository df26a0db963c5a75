package org.catdit.overlay.broadcast;

import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.wire.MessageId;

/** The node's user hears of each broadcast message once, on the node's thread. */
@FunctionalInterface
public interface BroadcastDeliveryListener {
  /**
   * @param from the neighbour the first copy came from, or this peer for its own broadcast
   * @param hops links the first copy travelled (0 for its own broadcast)
   */
  void delivered(long nowMicros, MessageId id, byte[] payload, PeerId from, int hops);

  BroadcastDeliveryListener NONE = (nowMicros, id, payload, from, hops) -> {};
}
