package org.catdit.overlay.wire;

/**
 * The sender kept the receiver's subscription: the receiver adds the sender to its InView. The arc
 * belongs to the receiver's lease {@code leaseGeneration}, or to one the keeper does not know
 * ({@link #UNKNOWN_GENERATION}: an arc handed over by a leaving peer), so that a lease hand-over
 * counts only the arcs of the subscription it waits for.
 */
public record KeptSubscription(int leaseGeneration) implements Message {
  public static final int UNKNOWN_GENERATION = -1;

  public KeptSubscription {
    if (leaseGeneration != UNKNOWN_GENERATION) {
      Limits.checkGeneration(leaseGeneration);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.KEPT_SUBSCRIPTION;
  }
}
