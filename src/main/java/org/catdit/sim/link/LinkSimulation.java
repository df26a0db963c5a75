package org.catdit.sim.link;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.LinkConfig;
import org.catdit.overlay.link.LinkEndpoint;
import org.catdit.overlay.link.LinkIo;
import org.catdit.overlay.link.PeerAuthenticator;
import org.catdit.overlay.link.SimAuthenticator;

/**
 * Link endpoints on a virtual clock, connected by a modelled network: per-node uplink and downlink
 * bottlenecks with drop-tail queues, and per-path delay, Bernoulli loss, reordering, duplication
 * and an MTU. Events run in (time, sequence) order and all randomness comes from one seed, so a run
 * is reproducible bit for bit.
 */
public final class LinkSimulation {

  /** What a node's application sees; tests and scenarios implement the parts they need. */
  public interface Application {
    default void onMessage(long nowMicros, PeerId from, int streamId, byte[] message) {}

    default void onSessionEstablished(long nowMicros, PeerId peer, int address) {}

    default void onPeerFailed(long nowMicros, PeerId peer, LinkIo.FailureReason reason) {}

    default void onConnectFailed(long nowMicros, int address) {}

    default void onWritable(long nowMicros, PeerId peer) {}
  }

  private record Event(long timeMicros, long sequence, int node, Object payload) {}

  private record Wake(long generation) {}

  private record Datagram(int from, byte[] bytes) {}

  private final PriorityQueue<Event> events =
      new PriorityQueue<>(
          (a, b) ->
              a.timeMicros != b.timeMicros
                  ? Long.compare(a.timeMicros, b.timeMicros)
                  : Long.compare(a.sequence, b.sequence));
  private final SplittableRandom random;
  private final PathModel path;
  private final List<Node> nodes = new ArrayList<>();
  private long nowMicros;
  private long nextSequence;
  private long datagramsDropped;
  private long datagramsDelivered;

  public LinkSimulation(long seed, PathModel path) {
    this.random = new SplittableRandom(seed);
    this.path = path;
  }

  /** One simulated node: an endpoint, its bottlenecks and its application. */
  public final class Node implements LinkIo<Integer> {
    private final int index;
    private final LinkEndpoint<Integer> endpoint;
    private Application application = new Application() {};
    private Bottleneck uplink;
    private Bottleneck downlink;
    private long wakeGeneration;

    Node(int index, LinkConfig config, PeerAuthenticator authenticator) {
      this.index = index;
      this.endpoint = new LinkEndpoint<>(config, authenticator, this, random.split());
    }

    public int index() {
      return index;
    }

    public PeerId peer() {
      return endpoint.localPeer();
    }

    public LinkEndpoint<Integer> endpoint() {
      return endpoint;
    }

    public Node withApplication(Application application) {
      this.application = application;
      return this;
    }

    public Node withUplink(Bottleneck bottleneck) {
      this.uplink = bottleneck;
      return this;
    }

    public Node withDownlink(Bottleneck bottleneck) {
      this.downlink = bottleneck;
      return this;
    }

    @Override
    public void sendDatagram(Integer to, byte[] bytes, int length) {
      transmit(index, to, Arrays.copyOf(bytes, length));
    }

    @Override
    public void wakeAt(long deadlineMicros) {
      wakeGeneration++;
      push(Math.max(deadlineMicros, nowMicros), index, new Wake(wakeGeneration));
    }

    @Override
    public void onMessage(PeerId from, int streamId, byte[] message) {
      application.onMessage(nowMicros, from, streamId, message);
    }

    @Override
    public void onSessionEstablished(PeerId peer, Integer address) {
      application.onSessionEstablished(nowMicros, peer, address);
    }

    @Override
    public void onPeerFailed(PeerId peer, FailureReason reason) {
      application.onPeerFailed(nowMicros, peer, reason);
    }

    @Override
    public void onConnectFailed(Integer address) {
      application.onConnectFailed(nowMicros, address);
    }

    @Override
    public void onWritable(PeerId peer) {
      application.onWritable(nowMicros, peer);
    }

    @Override
    public byte[] addressBytes(Integer address) {
      return ByteBuffer.allocate(4).putInt(address).array();
    }
  }

  /** Adds a node with the simulator's cheap deterministic identity {@code PeerId.of(0, index)}. */
  public Node addNode(LinkConfig config) {
    int index = nodes.size();
    return addNode(config, new SimAuthenticator(PeerId.of(0, index + 1)));
  }

  public Node addNode(LinkConfig config, PeerAuthenticator authenticator) {
    Node node = new Node(nodes.size(), config, authenticator);
    nodes.add(node);
    return node;
  }

  public Node node(int index) {
    return nodes.get(index);
  }

  public long nowMicros() {
    return nowMicros;
  }

  public long datagramsDropped() {
    return datagramsDropped;
  }

  public long datagramsDelivered() {
    return datagramsDelivered;
  }

  /** Runs {@code action} at {@code timeMicros} on the simulation's clock. */
  public void at(long timeMicros, Runnable action) {
    push(Math.max(timeMicros, nowMicros), -1, action);
  }

  /** Injects a raw datagram as if {@code from} had sent it (for attack tests). */
  public void inject(int from, int to, byte[] datagram) {
    transmit(from, to, datagram);
  }

  private void push(long timeMicros, int node, Object payload) {
    events.add(new Event(timeMicros, nextSequence++, node, payload));
  }

  private void transmit(int from, int to, byte[] datagram) {
    if (to < 0 || to >= nodes.size() || datagram.length > path.mtuBytes()) {
      datagramsDropped++;
      return;
    }
    long time = nowMicros;
    Bottleneck uplink = nodes.get(from).uplink;
    if (uplink != null) {
      time = uplink.offer(time, datagram.length);
      if (time < 0) {
        datagramsDropped++;
        return;
      }
    }
    if (random.nextDouble() < path.lossProbability()) {
      datagramsDropped++;
      return;
    }
    time += path.oneWayDelayMicros();
    if (path.reorderProbability() > 0 && random.nextDouble() < path.reorderProbability()) {
      time += 1 + random.nextLong(Math.max(1, path.reorderMicros()));
    }
    push(time, to, new Datagram(from, datagram));
    if (path.duplicateProbability() > 0 && random.nextDouble() < path.duplicateProbability()) {
      push(time + 1 + random.nextLong(1000), to, new Datagram(from, datagram.clone()));
    }
  }

  /** Runs events until none is left or the clock passes {@code endMicros}. */
  public void runUntil(long endMicros) {
    while (!events.isEmpty() && events.peek().timeMicros <= endMicros) {
      step();
    }
    nowMicros = Math.max(nowMicros, endMicros);
  }

  /** Runs until {@code done} holds (checked after each event) or the clock passes the limit. */
  public boolean runUntil(long limitMicros, java.util.function.BooleanSupplier done) {
    while (!done.getAsBoolean()) {
      if (events.isEmpty() || events.peek().timeMicros > limitMicros) {
        return false;
      }
      step();
    }
    return true;
  }

  private void step() {
    Event event = events.poll();
    nowMicros = event.timeMicros;
    if (event.payload instanceof Runnable action) {
      action.run();
      return;
    }
    Node node = nodes.get(event.node);
    if (event.payload instanceof Wake wake) {
      if (wake.generation() == node.wakeGeneration) {
        node.endpoint.onTimer(nowMicros);
      }
      return;
    }
    if (event.payload instanceof Arrived arrived) {
      deliver(node, arrived.datagram());
      return;
    }
    Datagram datagram = (Datagram) event.payload;
    if (node.downlink != null) {
      long leaves = node.downlink.offer(nowMicros, datagram.bytes().length);
      if (leaves < 0) {
        datagramsDropped++;
        return;
      }
      if (leaves > nowMicros) {
        // Queue behind the downlink, then arrive; the downlink has accounted for it already.
        push(leaves, event.node, new Arrived(datagram));
        return;
      }
    }
    deliver(node, datagram);
  }

  private record Arrived(Datagram datagram) {}

  private void deliver(Node node, Datagram datagram) {
    datagramsDelivered++;
    node.endpoint.onDatagram(nowMicros, datagram.from(), datagram.bytes());
  }
}
