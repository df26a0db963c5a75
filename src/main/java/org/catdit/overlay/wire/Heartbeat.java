package org.catdit.overlay.wire;


/**
 * Periodic liveness beacon. The flags say which arc the sender believes joins it to the receiver, so
 * that each side can repair its view bookkeeping.
 */
public record Heartbeat(boolean senderHoldsReceiver, boolean receiverHoldsSender) implements Message {

  @Override
  public MessageType type() {
    return MessageType.HEARTBEAT;
  }
}
