package org.catdit.net;

import java.util.List;
import org.catdit.overlay.core.PeerId;

/**
 * An immutable snapshot of one running peer, taken on its event loop.
 *
 * @param eagerPeers neighbours on eager links of the tree that carries this peer's own broadcasts
 * @param lazyPeers neighbours on lazy links of that tree
 * @param sessionCount established link sessions
 * @param deliveredCount broadcast messages delivered (own included)
 * @param duplicateCount payload copies received for messages already delivered
 * @param messagesDropped messages for a peer that was unreachable or whose queue was full
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
    long messagesDropped) {

  public NodeStatus {
    partialView = List.copyOf(partialView);
    inView = List.copyOf(inView);
    eagerPeers = List.copyOf(eagerPeers);
    lazyPeers = List.copyOf(lazyPeers);
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
