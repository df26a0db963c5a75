package org.catdit.overlay.broadcast;

import org.catdit.overlay.core.PeerId;

/** Sees each payload copy a peer receives, so a front end can show arrivals and duplicates. */
@FunctionalInterface
public interface GossipObserver {

  /**
   * A payload copy arrived from neighbour {@code from}; {@code isDuplicate} if already delivered.
   */
  void received(long nowMicros, PeerId from, boolean isDuplicate);

  GossipObserver NONE = (nowMicros, from, isDuplicate) -> {};
}
