package org.catdit.overlay.membership;

import org.catdit.overlay.core.PeerId;

/** Told of every change to a peer's views, in the order the changes happen. */
public interface MembershipListener {
  default void partialViewAdded(long nowMicros, PeerId peer) {}

  default void partialViewRemoved(long nowMicros, PeerId peer) {}

  default void inViewAdded(long nowMicros, PeerId peer) {}

  default void inViewRemoved(long nowMicros, PeerId peer) {}

  MembershipListener NONE = new MembershipListener() {};
}
