package org.catdit.sim;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.LinkConfig;
import org.catdit.overlay.link.LinkEndpoint;
import org.catdit.overlay.link.LinkIo;
import org.catdit.overlay.link.SimAuthenticator;
import org.catdit.overlay.node.Node;
import org.catdit.overlay.wire.MalformedMessageException;
import org.catdit.overlay.wire.Message;
import org.catdit.overlay.wire.MessageCodec;

/**
 * {@code --links full}: one simulated peer's messages travel over real link sessions (handshake,
 * acknowledgements, retransmission, congestion control) in simulated datagrams, instead of being
 * handed over as objects. Messages for a peer without a session wait, bounded, until the session is
 * up; a session that dies is reported to the node as a failed peer, as on a real network.
 */
final class LinkedTransport implements LinkIo<Integer> {
  /** Membership and tree control on the highest-priority stream, payloads behind them. */
  static final int CONTROL_STREAM = 0;

  static final int PAYLOAD_STREAM = 1;

  /** Picture chunks: lowest priority, so a transfer never delays membership or broadcast. */
  static final int BULK_STREAM = 2;

  private static final int MAX_PENDING_PER_PEER = 256;

  private final Simulation simulation;
  private final int index;
  private final MessageCodec codec;
  private final LinkEndpoint<Integer> endpoint;
  private final Map<PeerId, ArrayDeque<Message>> pending = new LinkedHashMap<>();
  private Node node;
  private long wakeTimerId = -1;
  private long wakeDeadlineMicros = Long.MAX_VALUE;
  private long messagesDroppedWhilePending;
  private long messagesMalformed;

  LinkedTransport(
      Simulation simulation,
      int index,
      PeerId id,
      LinkConfig config,
      MessageCodec codec,
      java.util.random.RandomGenerator random) {
    this.simulation = simulation;
    this.index = index;
    this.codec = codec;
    this.endpoint = new LinkEndpoint<>(config, new SimAuthenticator(id), this, random);
  }

  void attach(Node node) {
    this.node = node;
  }

  /** The node sends a message: over the session if there is one, else once it is established. */
  void send(PeerId to, Message message) {
    long now = simulation.now();
    if (endpoint.isConnected(to)) {
      transmit(now, to, message);
      return;
    }
    int target = simulation.indexOf(to);
    if (target < 0) {
      return;
    }
    ArrayDeque<Message> queue = pending.get(to);
    if (queue == null) {
      queue = new ArrayDeque<>();
      pending.put(to, queue);
      endpoint.connect(now, target);
    }
    if (queue.size() < MAX_PENDING_PER_PEER) {
      queue.add(message);
    } else {
      messagesDroppedWhilePending++;
    }
  }

  private void transmit(long now, PeerId to, Message message) {
    int stream =
        switch (message.type()) {
          case GOSSIP -> PAYLOAD_STREAM;
          case BLOB_CHUNK -> BULK_STREAM;
          default -> CONTROL_STREAM;
        };
    endpoint.send(now, to, stream, codec.encode(message));
  }

  void onDatagram(long nowMicros, int from, byte[] datagram) {
    endpoint.onDatagram(nowMicros, from, datagram);
  }

  @Override
  public void sendDatagram(Integer to, byte[] bytes, int length) {
    simulation.sendDatagram(index, to, Arrays.copyOf(bytes, length));
  }

  @Override
  public void wakeAt(long deadlineMicros) {
    if (deadlineMicros == wakeDeadlineMicros && wakeTimerId >= 0) {
      return;
    }
    if (wakeTimerId >= 0) {
      simulation.cancel(wakeTimerId);
    }
    wakeDeadlineMicros = deadlineMicros;
    wakeTimerId =
        simulation.schedule(
            index,
            Math.max(0, deadlineMicros - simulation.now()),
            now -> {
              wakeTimerId = -1;
              wakeDeadlineMicros = Long.MAX_VALUE;
              endpoint.onTimer(now);
            });
  }

  @Override
  public void onMessage(PeerId from, int streamId, byte[] message) {
    try {
      simulation.deliverFromLink(index, from, codec.decode(message));
    } catch (MalformedMessageException e) {
      messagesMalformed++;
    }
  }

  @Override
  public void onSessionEstablished(PeerId peer, Integer address) {
    ArrayDeque<Message> queue = pending.remove(peer);
    if (queue != null) {
      long now = simulation.now();
      for (Message message : queue) {
        transmit(now, peer, message);
      }
    }
  }

  @Override
  public void onPeerFailed(PeerId peer, FailureReason reason) {
    pending.remove(peer);
    node.onPeerFailed(simulation.now(), peer);
  }

  @Override
  public void onConnectFailed(Integer address) {
    PeerId peer = simulation.id(address);
    ArrayDeque<Message> dropped = pending.remove(peer);
    if (dropped != null) {
      messagesDroppedWhilePending += dropped.size();
    }
    node.onPeerFailed(simulation.now(), peer);
  }

  @Override
  public byte[] addressBytes(Integer address) {
    int value = address;
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  LinkEndpoint<Integer> endpoint() {
    return endpoint;
  }

  long messagesDroppedWhilePending() {
    return messagesDroppedWhilePending;
  }

  long messagesMalformed() {
    return messagesMalformed;
  }
}
