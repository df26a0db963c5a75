package org.catdit.overlay.wire;

import java.util.List;

/**
 * Plumtree IHAVE (lazy push), batched: the sender holds these messages. {@code batch} numbers the
 * batch so the receiver can acknowledge it ({@link IHaveAck}); an unacknowledged batch is sent
 * again, so one lost datagram cannot hide a message on lossy UDP (reference §2.5, the Riak
 * pattern).
 */
public record IHave(int batch, List<Announcement> announcements) implements Message {
  public IHave {
    announcements = List.copyOf(announcements);
    if (announcements.isEmpty() || announcements.size() > BroadcastLimits.MAX_IDS_PER_IHAVE) {
      throw new IllegalArgumentException(
          "an IHAVE carries 1.."
              + BroadcastLimits.MAX_IDS_PER_IHAVE
              + " ids, not "
              + announcements.size());
    }
  }

  @Override
  public MessageType type() {
    return MessageType.IHAVE;
  }
}
