package org.catdit.sim;

import org.catdit.overlay.wire.Message;

/** Observes every datagram the simulated network delivers to a live peer, before the peer sees it. */
@FunctionalInterface
public interface DeliveryListener {
  void delivered(long nowMicros, int from, int to, Message message);
}
