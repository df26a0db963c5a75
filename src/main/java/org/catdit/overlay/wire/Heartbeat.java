package org.catdit.overlay.wire;

/**
 * Periodic liveness beacon. The flags say which arc the sender believes joins it to the receiver,
 * so that each side can repair its view bookkeeping; {@code leaseGeneration} is the sender's
 * current lease, so that a holder of an arc from an older lease drops it.
 */
public record Heartbeat(
    boolean senderHoldsReceiver, boolean receiverHoldsSender, int leaseGeneration)
    implements Message {
  public Heartbeat {
    Limits.checkGeneration(leaseGeneration);
  }

  @Override
  public MessageType type() {
    return MessageType.HEARTBEAT;
  }
}
