package org.catdit.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.SessionStats;

/**
 * An immutable snapshot of one running peer, taken on its event loop.
 *
 * @param eagerPeers neighbours on eager links of the tree that carries this peer's own broadcasts
 * @param lazyPeers neighbours on lazy links of that tree
 * @param sessionCount established link sessions
 * @param deliveredCount broadcast messages delivered (own included)
 * @param duplicateCount payload copies received for messages already delivered
 * @param messagesDropped messages for a peer that was unreachable or whose queue was full
 * @param links one entry per established link session, in the order the sessions came up
 * @param networkSizeEstimate the overlay's size as this peer guesses it from its PartialView
 *     ({@link #estimateNetworkSize})
 * @param membershipCounters SCAMP's counters, by name
 * @param broadcastCounters the broadcast tree's counters, by name
 * @param linkCounters the link endpoint's counters (every dropped input is in one), by name
 */
public record NodeStatus(
    PeerId peerId,
    List<PeerId> partialView,
    List<PeerId> inView,
    List<PeerId> eagerPeers,
    List<PeerId> lazyPeers,
    int sessionCount,
    long deliveredCount,
    long duplicateCount,
    long messagesDropped,
    List<Link> links,
    double networkSizeEstimate,
    Map<String, Long> membershipCounters,
    Map<String, Long> broadcastCounters,
    Map<String, Long> linkCounters) {

  public NodeStatus {
    partialView = List.copyOf(partialView);
    inView = List.copyOf(inView);
    eagerPeers = List.copyOf(eagerPeers);
    lazyPeers = List.copyOf(lazyPeers);
    links = List.copyOf(links);
    membershipCounters = Collections.unmodifiableMap(new LinkedHashMap<>(membershipCounters));
    broadcastCounters = Collections.unmodifiableMap(new LinkedHashMap<>(broadcastCounters));
    linkCounters = Collections.unmodifiableMap(new LinkedHashMap<>(linkCounters));
  }

  /** One link session as the admin API shows it. */
  public record Link(PeerId peer, SessionStats stats) {

    public double rttMillis() {
      return stats.smoothedRttMicros() / 1000.0;
    }
  }

  /**
   * SCAMP's mean PartialView size tends to (c+1)·ln N, so one peer's view size v gives the estimate
   * N ≈ exp(v / (c+1)). It is never below the peers this one knows plus itself. An error of one
   * view entry scales the estimate by e^(1/(c+1)) (×1.65 for c = 1): an order of magnitude, not a
   * count. Before this peer has a view the estimate is 1.
   */
  public static double estimateNetworkSize(int partialViewSize, int knownPeers, int c) {
    double fromView = Math.exp(partialViewSize / (double) (c + 1));
    return Math.max(fromView, knownPeers + 1.0);
  }

  /** The one-line form the headless node logs. */
  public String oneLine() {
    return "peer "
        + peerId.shortForm()
        + " partialView="
        + partialView.size()
        + " inView="
        + inView.size()
        + " eager="
        + eagerPeers.size()
        + " lazy="
        + lazyPeers.size()
        + " sessions="
        + sessionCount
        + " delivered="
        + deliveredCount
        + " duplicates="
        + duplicateCount
        + " dropped="
        + messagesDropped;
  }
}
