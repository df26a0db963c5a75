package org.catdit.overlay.wire;

import java.util.Objects;
import org.catdit.overlay.core.PeerId;

/**
 * One entry of an {@link IHave}: the announcer holds message {@code id} of the tree rooted at
 * {@code root}; a copy it sends would arrive after {@code round} hops.
 */
public record Announcement(MessageId id, PeerId root, int round) {
  /** Encoded size on the wire. */
  public static final int BYTES = MessageId.BYTES + org.catdit.overlay.core.PeerId.BYTES + 1;

  public Announcement {
    Objects.requireNonNull(id);
    Objects.requireNonNull(root);
    Limits.checkHops(round);
  }
}
