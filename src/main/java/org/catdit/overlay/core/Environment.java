package org.catdit.overlay.core;

import java.util.random.RandomGenerator;
import org.catdit.overlay.wire.Message;

/**
 * Everything a protocol may do to the outside world. One environment per peer; every call happens
 * on that peer's single thread. The real runtime backs it with sockets and an event loop, the
 * simulator with a virtual clock and a modelled network. The current time is never read from here:
 * it is handed to each handler as {@code nowMicros}.
 */
public interface Environment {

  /** The peer this environment belongs to. */
  PeerId self();

  /**
   * Sends a message with datagram semantics: it may be lost, delayed or reordered. Never blocks and
   * never throws for network reasons.
   */
  void send(PeerId to, Message message);

  /**
   * Runs {@code task} once, {@code delayMicros} from now.
   *
   * @return an id for {@link #cancel(long)}
   */
  long schedule(long delayMicros, TimerTask task);

  /** Cancels a scheduled task; cancelling one that already ran or was cancelled does nothing. */
  void cancel(long timerId);

  /** This peer's own seeded random stream. */
  RandomGenerator random();
}
