package org.catdit.overlay.wire;

import org.catdit.overlay.core.PeerId;

/**
 * A subscription spread by the contact: the receiver keeps {@code subscriber} with probability
 * 1/(1+|PartialView|) or forwards it; {@code hopsLeft} bounds the forwarding. A kept arc belongs to
 * the subscriber's lease {@code leaseGeneration}.
 */
public record ForwardedSubscription(PeerId subscriber, int hopsLeft, int leaseGeneration)
    implements Message {
  public ForwardedSubscription {
    Limits.checkHops(hopsLeft);
    Limits.checkGeneration(leaseGeneration);
  }

  @Override
  public MessageType type() {
    return MessageType.FORWARDED_SUBSCRIPTION;
  }
}
