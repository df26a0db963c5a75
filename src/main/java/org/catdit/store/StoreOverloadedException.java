package org.catdit.store;

/**
 * The writer's queue is full: the write was not accepted and nothing of it is stored. The caller
 * keeps the data and retries later (or, for the network, drops the message so a neighbour resends
 * it); this is the store's backpressure, never a silent loss.
 */
public final class StoreOverloadedException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreOverloadedException(String message) {
    super(message);
  }
}
