package org.catdit.overlay.wire;

import org.catdit.overlay.core.PeerId;

/**
 * A subscription spread by the contact: the receiver keeps {@code subscriber} with probability
 * 1/(1+|PartialView|) or forwards it; {@code hopsLeft} bounds the forwarding. A kept arc belongs to
 * the subscriber's lease {@code leaseGeneration}. {@code record} is the subscriber's signed {@link
 * JoinRecord} passed on unchanged, or null where joins are not signed (appended to the wire
 * format).
 */
public record ForwardedSubscription(
    PeerId subscriber, int hopsLeft, int leaseGeneration, JoinRecord record) implements Message {
  public ForwardedSubscription {
    Limits.checkHops(hopsLeft);
    Limits.checkGeneration(leaseGeneration);
  }

  /** An unsigned forwarded subscription. */
  public ForwardedSubscription(PeerId subscriber, int hopsLeft, int leaseGeneration) {
    this(subscriber, hopsLeft, leaseGeneration, null);
  }

  @Override
  public MessageType type() {
    return MessageType.FORWARDED_SUBSCRIPTION;
  }
}
