package org.catdit.overlay.core;

import org.catdit.overlay.wire.Message;

/** One sans-I/O protocol of a peer: it reacts to messages, timers and link failures. */
public interface Protocol {

  /** Starts periodic work; called once before any other handler. */
  void start(long nowMicros);

  /** Handles a message addressed to this protocol. Must not throw for any well-formed message. */
  void onMessage(long nowMicros, PeerId from, Message message);

  /** The link layer (or another failure detector) reports that {@code peer} is unreachable. */
  default void onPeerFailed(long nowMicros, PeerId peer) {}
}
