package org.catdit.overlay.link;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.catdit.overlay.core.PeerId;

/**
 * A minimal lossless network for unit tests that drive endpoints directly: datagrams go into an
 * outbox and are delivered after a fixed delay by {@link #run}; every datagram is also logged.
 */
final class TestNetwork {
  static final long DELAY_MICROS = 10_000;

  final SplittableRandom random;
  final List<Peer> peers = new ArrayList<>();
  final ArrayDeque<InFlight> outbox = new ArrayDeque<>();
  final List<byte[]> log = new ArrayList<>();
  long now;
  boolean isDeliveryEnabled = true;

  TestNetwork(long seed) {
    this.random = new SplittableRandom(seed);
  }

  final class Peer implements LinkIo<Integer> {
    final int address;
    final LinkEndpoint<Integer> endpoint;
    final List<byte[]> received = new ArrayList<>();
    final List<PeerId> established = new ArrayList<>();
    final List<PeerId> failed = new ArrayList<>();
    final List<FailureReason> failures = new ArrayList<>();
    final List<Integer> connectFailures = new ArrayList<>();
    long wakeAtMicros = Long.MAX_VALUE;
    int writableCalls;

    Peer(int address, LinkConfig config, PeerAuthenticator authenticator) {
      this.address = address;
      this.endpoint = new LinkEndpoint<>(config, authenticator, this, random.split());
    }

    PeerId id() {
      return endpoint.localPeer();
    }

    @Override
    public void sendDatagram(Integer to, byte[] bytes, int length) {
      byte[] datagram = Arrays.copyOf(bytes, length);
      outbox.add(new InFlight(now + DELAY_MICROS, address, to, datagram));
      log.add(datagram);
    }

    @Override
    public void wakeAt(long deadlineMicros) {
      wakeAtMicros = deadlineMicros;
    }

    @Override
    public void onMessage(PeerId from, int streamId, byte[] message) {
      received.add(message);
    }

    @Override
    public void onSessionEstablished(PeerId peer, Integer address) {
      established.add(peer);
    }

    @Override
    public void onPeerFailed(PeerId peer, FailureReason reason) {
      failed.add(peer);
      failures.add(reason);
    }

    @Override
    public void onConnectFailed(Integer address) {
      connectFailures.add(address);
    }

    @Override
    public void onWritable(PeerId peer) {
      writableCalls++;
    }

    @Override
    public byte[] addressBytes(Integer address) {
      return ByteBuffer.allocate(4).putInt(address).array();
    }
  }

  record InFlight(long arrivalMicros, int from, int to, byte[] datagram) {}

  Peer add(LinkConfig config) {
    int address = peers.size();
    return add(config, new SimAuthenticator(PeerId.of(0, address + 1)));
  }

  Peer add(LinkConfig config, PeerAuthenticator authenticator) {
    Peer peer = new Peer(peers.size(), config, authenticator);
    peers.add(peer);
    return peer;
  }

  void connect(Peer from, Peer to) {
    from.endpoint.connect(now, to.address);
    run(200_000);
  }

  /** Fires the timers of every peer that are due now. */
  void fireDueTimers() {
    for (Peer peer : peers) {
      if (peer.wakeAtMicros <= now) {
        peer.wakeAtMicros = Long.MAX_VALUE;
        peer.endpoint.onTimer(now);
      }
    }
  }

  /** Advances the clock by {@code durationMicros}, delivering datagrams and firing timers. */
  void run(long durationMicros) {
    long end = now + durationMicros;
    while (true) {
      long next = end;
      if (!outbox.isEmpty()) {
        next = Math.min(next, outbox.peekFirst().arrivalMicros());
      }
      for (Peer peer : peers) {
        next = Math.min(next, peer.wakeAtMicros);
      }
      if (next >= end && (outbox.isEmpty() || outbox.peekFirst().arrivalMicros() > end)) {
        now = end;
        fireDueTimers();
        return;
      }
      now = Math.max(now, next);
      while (!outbox.isEmpty() && outbox.peekFirst().arrivalMicros() <= now) {
        InFlight datagram = outbox.pollFirst();
        if (isDeliveryEnabled && datagram.to() >= 0 && datagram.to() < peers.size()) {
          peers.get(datagram.to()).endpoint.onDatagram(now, datagram.from(), datagram.datagram());
        }
      }
      fireDueTimers();
    }
  }
}
