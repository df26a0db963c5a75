package org.catdit.overlay.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.catdit.overlay.broadcast.BroadcastDeliveryListener;
import org.catdit.overlay.broadcast.Plumtree;
import org.catdit.overlay.core.Environment;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.core.Protocol;
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
  private final List<Attached> attached = new ArrayList<>();
  private final List<BroadcastDeliveryListener> deliveryListeners = new ArrayList<>();
  private final List<JoinListener> joinListeners = new ArrayList<>();

  /** Told when this peer starts joining the overlay through a contact. */
  @FunctionalInterface
  public interface JoinListener {
    void joining(long nowMicros, PeerId contact);
  }

  private long unroutedMessages;

  /** A protocol beside membership and broadcast (ledger sync, blob transfer) and its codes. */
  private record Attached(int firstCode, int lastCode, Protocol protocol) {}

  public Node(Environment env, NodeConfig config) {
    this.env = Objects.requireNonNull(env);
    this.membership = new Scamp(env, config.membership());
    this.broadcast = new Plumtree(env, config.broadcast());
    // The tree's links follow the views: new neighbours start eager, lost ones leave both sets.
    membership.setListener(broadcast);
    broadcast.setDeliveryListener(this::deliver);
  }

  /**
   * Attaches {@code protocol} to receive every message whose type code lies in {@code firstCode
   * ..lastCode} (see the ranges in {@code MessageType}) and every link failure. Call before {@link
   * #start}; the protocol is started with the node.
   */
  public void attach(int firstCode, int lastCode, Protocol protocol) {
    if (firstCode < 32 || lastCode < firstCode || lastCode > 255) {
      throw new IllegalArgumentException("codes below 32 belong to membership and broadcast");
    }
    for (Attached other : attached) {
      if (firstCode <= other.lastCode() && other.firstCode() <= lastCode) {
        throw new IllegalArgumentException("codes " + firstCode + ".." + lastCode + " overlap");
      }
    }
    attached.add(new Attached(firstCode, lastCode, Objects.requireNonNull(protocol)));
  }

  public PeerId id() {
    return env.self();
  }

  public void start(long nowMicros) {
    membership.start(nowMicros);
    broadcast.start(nowMicros);
    for (Attached each : attached) {
      each.protocol().start(nowMicros);
    }
  }

  /** Joins the overlay through {@code contact}. */
  public void join(long nowMicros, PeerId contact) {
    membership.join(nowMicros, contact);
    for (JoinListener listener : joinListeners) {
      listener.joining(nowMicros, contact);
    }
  }

  /** Adds a callback for every {@link #join}, run after membership has sent its subscription. */
  public void addJoinListener(JoinListener listener) {
    joinListeners.add(Objects.requireNonNull(listener));
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

  /**
   * Adds a callback for every broadcast message this peer delivers (its own included). Listeners
   * run in the order they were added.
   */
  public void addDeliveryListener(BroadcastDeliveryListener listener) {
    deliveryListeners.add(Objects.requireNonNull(listener));
  }

  /** Replaces every delivery callback with {@code listener}. */
  public void setDeliveryListener(BroadcastDeliveryListener listener) {
    deliveryListeners.clear();
    addDeliveryListener(listener);
  }

  private void deliver(long nowMicros, MessageId id, byte[] payload, PeerId from, int hops) {
    for (BroadcastDeliveryListener listener : deliveryListeners) {
      listener.delivered(nowMicros, id, payload, from, hops);
    }
  }

  /** Routes one decoded message to its protocol by the range its type code lies in. */
  public void onMessage(long nowMicros, PeerId from, Message message) {
    int code = message.type().code();
    if (code < 16) {
      membership.onMessage(nowMicros, from, message);
    } else if (code < 32) {
      broadcast.onMessage(nowMicros, from, message);
    } else {
      for (Attached each : attached) {
        if (code >= each.firstCode() && code <= each.lastCode()) {
          each.protocol().onMessage(nowMicros, from, message);
          return;
        }
      }
      unroutedMessages++;
    }
  }

  /** A failure detector below (the link layer) reports that {@code peer} is unreachable. */
  public void onPeerFailed(long nowMicros, PeerId peer) {
    membership.onPeerFailed(nowMicros, peer);
    for (Attached each : attached) {
      each.protocol().onPeerFailed(nowMicros, peer);
    }
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
