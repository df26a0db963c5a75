package org.catdit.overlay.node;

import java.util.Objects;
import org.catdit.overlay.broadcast.BroadcastDeliveryListener;
import org.catdit.overlay.broadcast.Plumtree;
import org.catdit.overlay.core.Environment;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.membership.Scamp;
import org.catdit.overlay.wire.Message;
import org.catdit.overlay.wire.MessageId;

/**
 * One peer: the protocols it runs, composed. A runtime (the Netty one or the simulator) hands it
 * every message and link failure on the peer's single thread; the node routes each message to the
 * protocol that owns its type. Membership is the base; the broadcast tree, link layer and ledger
 * sync attach beside it.
 */
public final class Node {
  private final Environment env;
  private final Scamp membership;
  private final Plumtree broadcast;
  private long unroutedMessages;

  public Node(Environment env, NodeConfig config) {
    this.env = Objects.requireNonNull(env);
    this.membership = new Scamp(env, config.membership());
    this.broadcast = new Plumtree(env, config.broadcast());
    // The tree's links follow the views: new neighbours start eager, lost ones leave both sets.
    membership.setListener(broadcast);
  }

  public PeerId id() {
    return env.self();
  }

  public void start(long nowMicros) {
    membership.start(nowMicros);
    broadcast.start(nowMicros);
  }

  /** Joins the overlay through {@code contact}. */
  public void join(long nowMicros, PeerId contact) {
    membership.join(nowMicros, contact);
  }

  /** Leaves the overlay gracefully (SCAMP unsubscription). */
  public void leave(long nowMicros) {
    membership.leave(nowMicros);
  }

  /**
   * Broadcasts {@code payload} to every peer over the broadcast tree.
   *
   * @return its id, the content hash of the payload
   */
  public MessageId broadcast(long nowMicros, byte[] payload) {
    return broadcast.broadcast(nowMicros, payload);
  }

  /** The user's callback for every broadcast message this peer delivers (its own included). */
  public void setDeliveryListener(BroadcastDeliveryListener listener) {
    broadcast.setDeliveryListener(listener);
  }

  /** Routes one decoded message to its protocol by the range its type code lies in. */
  public void onMessage(long nowMicros, PeerId from, Message message) {
    int code = message.type().code();
    if (code < 16) {
      membership.onMessage(nowMicros, from, message);
    } else if (code < 32) {
      broadcast.onMessage(nowMicros, from, message);
    } else {
      unroutedMessages++;
    }
  }

  /** A failure detector below (the link layer) reports that {@code peer} is unreachable. */
  public void onPeerFailed(long nowMicros, PeerId peer) {
    membership.onPeerFailed(nowMicros, peer);
  }

  public Scamp membership() {
    return membership;
  }

  public Plumtree broadcastTree() {
    return broadcast;
  }

  public long unroutedMessages() {
    return unroutedMessages;
  }
}
