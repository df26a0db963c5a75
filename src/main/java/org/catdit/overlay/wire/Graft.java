package org.catdit.overlay.wire;

import java.util.Objects;
import org.catdit.overlay.core.PeerId;

/**
 * Plumtree GRAFT: the link to the sender becomes eager in the tree rooted at {@code root}; if
 * {@code id} is present the receiver answers with that message, sent with {@code round}. The
 * optimisation (Alg. 4) grafts without asking for a message: {@code id} is null.
 */
public record Graft(MessageId id, PeerId root, int round) implements Message {
  public Graft {
    Objects.requireNonNull(root);
    Limits.checkHops(round);
  }

  public boolean asksForMessage() {
    return id != null;
  }

  @Override
  public MessageType type() {
    return MessageType.GRAFT;
  }
}
