package org.catdit.feed;

import java.util.List;
import java.util.Map;

/**
 * The overlay around this peer at one moment.
 *
 * @param selfPeerId this peer's id
 * @param neighbours every peer in the partial view or the in-view, in a stable order
 * @param networkSizeEstimate SCAMP's estimate of the network size from the view size
 * @param messagesDelivered broadcast messages delivered so far
 * @param duplicatesReceived copies of already-delivered messages received so far
 * @param counters other named counters (membership, broadcast, link, ledger), for display
 * @param takenAtMillis wall-clock time of the snapshot
 */
public record NetworkView(
    String selfPeerId,
    List<Neighbour> neighbours,
    long networkSizeEstimate,
    long messagesDelivered,
    long duplicatesReceived,
    Map<String, Long> counters,
    long takenAtMillis) {

  public static NetworkView empty(String selfPeerId) {
    return new NetworkView(selfPeerId, List.of(), 1, 0, 0, Map.of(), 0);
  }
}
