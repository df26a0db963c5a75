package org.catdit.overlay.wire;

import java.util.Objects;
import org.catdit.overlay.core.PeerId;

/** Plumtree PRUNE: the link to the sender becomes lazy in the tree rooted at {@code root}. */
public record Prune(PeerId root) implements Message {
  public Prune {
    Objects.requireNonNull(root);
  }

  @Override
  public MessageType type() {
    return MessageType.PRUNE;
  }
}
