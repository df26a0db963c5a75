package org.catdit.ui.common;

import java.util.List;
import java.util.Optional;
import org.catdit.feed.NetworkView;
import org.catdit.feed.SyncProgress;

/**
 * Everything the node reported during one pulse of the {@link EventBridge}, coalesced: repeated
 * changes to one post count once, only the latest network snapshot and progress are kept.
 *
 * @param changedPostIds posts added or rescored, first-reported first
 * @param isFeedOverflowed more posts changed than the bridge keeps; the feed should reload
 * @param availablePictureHashes pictures or thumbnails that became available
 * @param isPictureOverflowed more pictures arrived than the bridge keeps
 * @param network the latest overlay snapshot, if one arrived
 * @param arrivals broadcast arrivals per neighbour, in order of first arrival
 * @param arrivalsDropped arrivals not itemised because too many neighbours reported at once
 * @param progress the latest catching-up progress, if it changed
 * @param eventsCoalesced how many node events this batch stands for
 */
public record EventBatch(
    List<String> changedPostIds,
    boolean isFeedOverflowed,
    List<String> availablePictureHashes,
    boolean isPictureOverflowed,
    Optional<NetworkView> network,
    List<Arrivals> arrivals,
    long arrivalsDropped,
    Optional<SyncProgress> progress,
    long eventsCoalesced) {

  /** Messages that arrived from one neighbour during the pulse. */
  public record Arrivals(String fromPeerId, int count, int duplicates) {}
}
