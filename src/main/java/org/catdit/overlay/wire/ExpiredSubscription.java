package org.catdit.overlay.wire;

/**
 * Lease hand-over: the sender has renewed its subscription and the new arcs are in place, so the
 * receiver drops its old arc to the sender from its PartialView.
 */
public record ExpiredSubscription() implements Message {
  @Override
  public MessageType type() {
    return MessageType.EXPIRED_SUBSCRIPTION;
  }
}
