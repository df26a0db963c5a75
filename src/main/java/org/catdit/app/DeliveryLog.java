package org.catdit.app;

import java.util.ArrayDeque;
import java.util.List;
import org.catdit.net.Delivery;

/**
 * The broadcast messages a peer delivered, newest last, for the admin API. Bounded: past {@code
 * capacity} the oldest go. Written on the event loop, read by HTTP threads.
 */
final class DeliveryLog {
  static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final ArrayDeque<Delivery> deliveries = new ArrayDeque<>();
  private long dropped;

  DeliveryLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  synchronized void add(Delivery delivery) {
    if (deliveries.size() == capacity) {
      deliveries.removeFirst();
      dropped++;
    }
    deliveries.addLast(delivery);
  }

  synchronized List<Delivery> snapshot() {
    return List.copyOf(deliveries);
  }

  /** Deliveries that fell out of the log because it was full. */
  synchronized long dropped() {
    return dropped;
  }
}
