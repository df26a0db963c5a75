package org.catdit.net;

import org.catdit.overlay.core.Environment;
import org.catdit.overlay.node.Node;

/**
 * What work handed to a runtime's event loop may touch: the node, the environment its protocols act
 * through, and the loop's clock. Valid only inside that work, on the loop thread.
 */
public interface LoopContext {

  Node node();

  /** The environment the node's protocols use: attach further protocols with this one. */
  Environment environment();

  long nowMicros();

  /** The UDP address {@code peer} was last reached or announced at, or null if none is known. */
  java.net.InetSocketAddress addressOf(org.catdit.overlay.core.PeerId peer);

  /** A snapshot of the node, as the admin API shows it. */
  NodeStatus status();
}
