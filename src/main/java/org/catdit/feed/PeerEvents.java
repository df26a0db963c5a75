package org.catdit.feed;

import java.util.List;

/** What a running peer tells its front end. Every method has a do-nothing default. */
public interface PeerEvents {

  /** Posts were added or their scores changed (by this peer or the network). */
  default void onFeedChanged(List<String> changedPostIds) {}

  /** A picture or thumbnail that was missing is now held. */
  default void onPictureAvailable(String hash) {}

  /** A fresh snapshot of the overlay around this peer. */
  default void onNetworkChanged(NetworkView view) {}

  /**
   * A broadcast message arrived from neighbour {@code fromPeerId}; {@code isDuplicate} if this peer
   * already had it (the tree prunes the link that brings duplicates).
   */
  default void onMessageArrived(String fromPeerId, boolean isDuplicate) {}

  /** Catching-up progress changed. */
  default void onProgress(SyncProgress progress) {}
}
