package org.catdit.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.catdit.feed.Neighbour;
import org.catdit.feed.NetworkView;
import org.catdit.net.NodeStatus;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.SessionStats;

/**
 * Turns the node's snapshots into the front ends' {@link NetworkView}, remembering since when each
 * neighbour has been one (the link age the network panel shows). Not thread-safe: one caller, the
 * peer's snapshot timer.
 */
final class NetworkViews {
  private final Map<PeerId, Long> firstSeenMillis = new HashMap<>();

  /**
   * @param treeLinks the neighbours on eager links of any broadcast tree this peer holds
   */
  NetworkView toView(
      NodeStatus status,
      List<PeerId> treeLinks,
      Function<PeerId, String> displayNames,
      Map<String, Long> extraCounters,
      long nowMillis) {
    Set<PeerId> neighbours = new LinkedHashSet<>(status.partialView());
    neighbours.addAll(status.inView());
    neighbours.remove(status.peerId());
    // Only current neighbours are remembered, so the table is bounded by the views.
    firstSeenMillis.keySet().retainAll(neighbours);
    Map<PeerId, SessionStats> links = new HashMap<>();
    for (NodeStatus.Link link : status.links()) {
      links.put(link.peer(), link.stats());
    }
    Set<PeerId> eager = new LinkedHashSet<>(treeLinks);
    List<Neighbour> out = new ArrayList<>(neighbours.size());
    for (PeerId peer : neighbours) {
      long since = firstSeenMillis.computeIfAbsent(peer, p -> nowMillis);
      SessionStats stats = links.get(peer);
      out.add(
          new Neighbour(
              peer.toString(),
              displayNames.apply(peer),
              status.partialView().contains(peer),
              status.inView().contains(peer),
              eager.contains(peer),
              stats == null ? -1 : stats.smoothedRttMicros() / 1000.0,
              stats == null ? 0 : stats.lossRate(),
              stats == null ? 0 : stats.congestionWindowBytes(),
              stats == null ? 0 : stats.bytesSent(),
              stats == null ? 0 : stats.bytesReceived(),
              Math.max(0, (nowMillis - since) / 1000)));
    }
    Map<String, Long> counters = new LinkedHashMap<>();
    status.membershipCounters().forEach((name, value) -> counters.put("membership." + name, value));
    status.broadcastCounters().forEach((name, value) -> counters.put("broadcast." + name, value));
    status.linkCounters().forEach((name, value) -> counters.put("link." + name, value));
    counters.putAll(extraCounters);
    return new NetworkView(
        status.peerId().toString(),
        List.copyOf(out),
        Math.round(status.networkSizeEstimate()),
        status.deliveredCount(),
        status.duplicateCount(),
        Collections.unmodifiableMap(counters),
        nowMillis);
  }
}
