package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.LinkCounters.Counter;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated datagrams against endpoints that hold live sessions: nothing throws out of the
 * state machine, every datagram is counted, and real traffic still flows afterwards. The million-
 * datagram run uses unsealed sessions, so that mutated packets reach the frame decoders and the
 * session logic instead of stopping at the AEAD check; a sealed run checks that check.
 */
class FuzzTest {
  private static final int DATAGRAMS = 1_000_000;

  @Test
  void randomAndMutatedDatagramsAreDroppedAndCounted() {
    LinkCounters counters = fuzz(LinkConfig.defaults().withPacketProtection(false), DATAGRAMS);
    assertTrue(counters.get(Counter.MALFORMED_DROPPED) > 0);
    assertTrue(counters.get(Counter.DUPLICATE_PACKETS_DROPPED) > 0);
  }

  @Test
  void mutatedSealedPacketsFailAuthentication() {
    LinkCounters counters = fuzz(LinkConfig.defaults(), 100_000);
    assertTrue(counters.get(Counter.UNAUTHENTIC_PACKETS_DROPPED) > 10_000, counters.toString());
  }

  private static LinkCounters fuzz(LinkConfig config, int datagrams) {
    TestNetwork net = new TestNetwork(7);
    TestNetwork.Peer a = net.add(config);
    TestNetwork.Peer b = net.add(config);
    net.connect(a, b);
    // Real traffic to mutate: every datagram either side sent while exchanging messages.
    for (int i = 0; i < 40; i++) {
      a.endpoint.send(net.now, b.id(), i % 3, new byte[1 + i * 97]);
      b.endpoint.send(net.now, a.id(), 0, new byte[10 + i]);
      net.run(5_000);
    }
    net.run(1_000_000);
    List<byte[]> corpus = new ArrayList<>(net.log);
    assertTrue(corpus.size() > 50, "a corpus of real packets");

    SplittableRandom random = new SplittableRandom(42);
    long receivedBefore = b.endpoint.counters().get(Counter.DATAGRAMS_RECEIVED);
    for (int i = 0; i < datagrams; i++) {
      byte[] datagram = mutate(random, corpus);
      // From the real peer's address (reaching session code) or from a stranger.
      int from = random.nextInt(4) == 0 ? 99 : a.address;
      net.now += random.nextInt(3);
      b.endpoint.onDatagram(net.now, from, datagram);
      net.fireDueTimers();
      net.outbox.clear();
    }
    LinkCounters counters = b.endpoint.counters();
    assertEquals(
        receivedBefore + datagrams, counters.get(Counter.DATAGRAMS_RECEIVED), "every one counted");
    assertTrue(counters.droppedTotal() > datagrams / 2, "most are dropped: " + counters);
    assertTrue(counters.get(Counter.UNKNOWN_CONNECTION_DROPPED) > 0);
    assertTrue(counters.get(Counter.WRONG_ADDRESS_DROPPED) > 0);
    assertTrue(counters.get(Counter.COOKIES_INVALID) > 0);
    // The endpoint still works: a fresh pair of sessions carries messages.
    TestNetwork.Peer c = net.add(config);
    net.connect(c, b);
    c.endpoint.send(net.now, b.id(), 0, new byte[] {1, 2, 3});
    net.run(1_000_000);
    assertTrue(b.received.stream().anyMatch(m -> Arrays.equals(m, new byte[] {1, 2, 3})));
    return counters;
  }

  private static byte[] mutate(SplittableRandom random, List<byte[]> corpus) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      byte[] noise = new byte[random.nextInt(1500)];
      random.nextBytes(noise);
      return noise;
    }
    byte[] base = corpus.get(random.nextInt(corpus.size()));
    byte[] out;
    switch (kind) {
      case 1 -> out = Arrays.copyOf(base, random.nextInt(base.length + 1)); // truncated
      case 2 -> {
        out = Arrays.copyOf(base, base.length + 1 + random.nextInt(64)); // extended
        for (int i = base.length; i < out.length; i++) {
          out[i] = (byte) random.nextInt(256);
        }
      }
      case 3 -> out = base.clone(); // replayed as is
      default -> {
        out = base.clone();
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips && out.length > 0; f++) {
          // Bias towards the header and first frames, where the structure is.
          int position =
              random.nextBoolean()
                  ? random.nextInt(Math.min(out.length, 40))
                  : random.nextInt(out.length);
          out[position] = (byte) random.nextInt(256);
        }
      }
    }
    return out;
  }

  @Test
  void aDatagramAboveTheLimitIsCountedAsOversized() {
    TestNetwork net = new TestNetwork(1);
    TestNetwork.Peer a = net.add(LinkConfig.defaults());
    a.endpoint.onDatagram(0, 5, new byte[LinkConfig.defaults().maxDatagramBytes() + 1]);
    a.endpoint.onDatagram(0, 5, new byte[0]);
    assertEquals(1, a.endpoint.counters().get(Counter.OVERSIZED_DROPPED));
    assertEquals(1, a.endpoint.counters().get(Counter.MALFORMED_DROPPED));
    assertTrue(net.outbox.isEmpty());
  }

  static PeerId idOf(TestNetwork.Peer peer) {
    return peer.id();
  }
}
