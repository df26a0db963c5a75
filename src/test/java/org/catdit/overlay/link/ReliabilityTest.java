package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.catdit.overlay.core.PeerId;
import org.catdit.sim.link.LinkSimulation;
import org.catdit.sim.link.PathModel;

/**
 * Every message arrives exactly once and in order within its stream, in both directions, whatever
 * the network does: loss up to 20%, reordering and duplication always on.
 */
class ReliabilityTest {
  private static final int STREAMS = 4;

  @Property(tries = 20)
  void noLoss(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    assertExactlyOnceInOrder(seed, 0.0);
  }

  @Property(tries = 20)
  void onePercentLoss(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    assertExactlyOnceInOrder(seed, 0.01);
  }

  @Property(tries = 20)
  void fivePercentLoss(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    assertExactlyOnceInOrder(seed, 0.05);
  }

  @Property(tries = 20)
  void twentyPercentLoss(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    assertExactlyOnceInOrder(seed, 0.20);
  }

  /**
   * Seeds whose sessions never started while the initiator's ECHO rode only in its first packet and
   * that packet's retransmissions: all of those were lost while data packets got through (dropped
   * as an unknown connection), until the cookie had expired. 2 of 800 seeded runs at 20 % and 5 %
   * loss failed so, and jqwik drew one in a default-suite run; 0 of 800 since.
   */
  @Example
  void aSessionStartsEvenIfEveryPacketCarryingTheEchoIsLostAtFirst() {
    assertExactlyOnceInOrder(4096, 0.20);
    assertExactlyOnceInOrder(4182, 0.20);
  }

  /** Message body: stream, sequence, then filler; sizes span one byte to several datagrams. */
  private static byte[] message(SplittableRandom random, int stream, int sequence) {
    int size = 8 + (random.nextInt(4) == 0 ? random.nextInt(40_000) : random.nextInt(300));
    byte[] body = new byte[size];
    body[0] = (byte) stream;
    body[1] = (byte) (sequence >>> 16);
    body[2] = (byte) (sequence >>> 8);
    body[3] = (byte) sequence;
    for (int i = 8; i < size; i++) {
      body[i] = (byte) (sequence * 31 + i);
    }
    return body;
  }

  static void assertExactlyOnceInOrder(long seed, double loss) {
    PathModel path =
        PathModel.clean(15_000)
            .withLoss(loss)
            .withReordering(0.1, 8_000)
            .withDuplication(0.02)
            .withMtu(1500);
    LinkSimulation sim = new LinkSimulation(seed, path);
    LinkConfig config = LinkConfig.defaults();
    LinkSimulation.Node a = sim.addNode(config);
    LinkSimulation.Node b = sim.addNode(config);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5EED);
    int perStream = 30;
    Map<PeerId, List<byte[]>[]> sentTo = new HashMap<>();
    Map<PeerId, List<byte[]>[]> receivedBy = new HashMap<>();
    for (LinkSimulation.Node node : List.of(a, b)) {
      sentTo.put(node.peer(), newLists());
      receivedBy.put(node.peer(), newLists());
    }
    for (LinkSimulation.Node node : List.of(a, b)) {
      node.withApplication(
          new LinkSimulation.Application() {
            @Override
            public void onMessage(long now, PeerId from, int streamId, byte[] message) {
              receivedBy.get(node.peer())[streamId].add(message);
            }

            @Override
            public void onConnectFailed(long now, int address) {
              // At 20% loss all INIT attempts can be lost; the layer above simply tries again.
              node.endpoint().connect(now, address);
            }

            @Override
            public void onSessionEstablished(long now, PeerId peer, int address) {
              // Each side queues its share at once and the rest over the next second.
              for (int stream = 0; stream < STREAMS; stream++) {
                for (int i = 0; i < perStream; i++) {
                  int s = stream;
                  int sequence = i;
                  byte[] body = message(random, s, sequence);
                  long at = now + (i < perStream / 2 ? 0 : random.nextLong(1_000_000));
                  sim.at(
                      at,
                      () -> {
                        sentTo.get(peer)[s].add(body);
                        assertTrue(node.endpoint().send(sim.nowMicros(), peer, s, body));
                      });
                }
              }
            }
          });
    }
    sim.at(0, () -> a.endpoint().connect(0, b.index()));
    long total = 2L * STREAMS * perStream;
    boolean isDone =
        sim.runUntil(
            120_000_000,
            () ->
                receivedBy.values().stream()
                        .flatMap(lists -> java.util.Arrays.stream(lists))
                        .mapToLong(List::size)
                        .sum()
                    >= total);
    assertTrue(isDone, "all delivered, seed " + seed + " loss " + loss);
    // Let duplicates and retransmissions still in flight arrive, then compare exactly.
    sim.runUntil(sim.nowMicros() + 2_000_000);
    for (LinkSimulation.Node node : List.of(a, b)) {
      for (int stream = 0; stream < STREAMS; stream++) {
        List<byte[]> expected = sentTo.get(node.peer())[stream];
        List<byte[]> actual = receivedBy.get(node.peer())[stream];
        assertEquals(expected.size(), actual.size(), "stream " + stream + ", seed " + seed);
        for (int i = 0; i < expected.size(); i++) {
          assertArrayEquals(expected.get(i), actual.get(i));
        }
      }
    }
    assertEquals(0, a.endpoint().counters().get(LinkCounters.Counter.SESSIONS_FAILED));
    assertEquals(0, b.endpoint().counters().get(LinkCounters.Counter.SESSIONS_FAILED));
  }

  @SuppressWarnings("unchecked")
  private static List<byte[]>[] newLists() {
    List<byte[]>[] lists = new List[STREAMS];
    for (int i = 0; i < STREAMS; i++) {
      lists[i] = new ArrayList<>();
    }
    return lists;
  }
}
