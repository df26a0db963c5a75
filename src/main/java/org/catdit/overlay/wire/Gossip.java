package org.catdit.overlay.wire;

import java.util.Objects;
import org.catdit.overlay.core.PeerId;

/**
 * Plumtree GOSSIP: a broadcast payload pushed along an eager link (or sent in answer to a GRAFT).
 *
 * @param id content hash of the payload
 * @param root the peer that broadcast it: names the tree in per-source mode
 * @param round hops the message has travelled when it arrives with this copy
 * @param payload the application bytes; the array is not copied, callers must not change it
 */
public record Gossip(MessageId id, PeerId root, int round, byte[] payload) implements Message {
  public Gossip {
    Objects.requireNonNull(id);
    Objects.requireNonNull(root);
    Limits.checkHops(round);
    BroadcastLimits.checkPayload(payload);
  }

  @Override
  public MessageType type() {
    return MessageType.GOSSIP;
  }
}
