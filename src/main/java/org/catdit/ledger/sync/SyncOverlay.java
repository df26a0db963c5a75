package org.catdit.ledger.sync;

import java.util.List;
import java.util.TreeSet;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.node.Node;

/** The two things sync needs from the overlay: broadcasting, and who the neighbours are. */
public interface SyncOverlay {

  void broadcast(long nowMicros, byte[] payload);

  /** Current neighbours, in a deterministic order, without this peer. */
  List<PeerId> neighbours();

  /** The node's broadcast tree, and its SCAMP partial view and in-view merged, ascending. */
  static SyncOverlay of(Node node) {
    return new SyncOverlay() {
      @Override
      public void broadcast(long nowMicros, byte[] payload) {
        node.broadcast(nowMicros, payload);
      }

      @Override
      public List<PeerId> neighbours() {
        TreeSet<PeerId> all = new TreeSet<>(node.membership().partialView());
        all.addAll(node.membership().inView());
        all.remove(node.id());
        return List.copyOf(all);
      }
    };
  }
}
