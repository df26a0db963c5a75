package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.catdit.overlay.core.PeerId;
import org.catdit.sim.link.LinkSimulation;
import org.catdit.sim.link.PathModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every node connects to every other at the same moment, so most pairs cross handshakes; each pair
 * must settle on one session, and every message sent as soon as a session was reported arrives
 * exactly once and in order, even when its session is later superseded.
 */
class MeshTest {
  private static final int NODES = 12;
  private static final int MESSAGES = 20;

  /**
   * Seed 5 was the first; the others each lost messages queued on a superseded session while its
   * peer's side closed after three probe timeouts of quiet (13 of seeds 1-60 did), before a
   * draining session waited out the idle timeout.
   */
  @ParameterizedTest
  @ValueSource(longs = {5, 3, 8, 11, 14, 25, 57})
  void crossingHandshakesLoseNothing(long seed) {
    LinkSimulation sim =
        new LinkSimulation(seed, PathModel.clean(10_000).withLoss(0.05).withReordering(0.1, 3_000));
    List<LinkSimulation.Node> nodes = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      nodes.add(sim.addNode(LinkConfig.defaults()));
    }
    Map<String, List<Integer>> received = new HashMap<>();
    int[] failures = {0};
    for (LinkSimulation.Node node : nodes) {
      int[] nextSequence = new int[NODES + 1];
      node.withApplication(
          new LinkSimulation.Application() {
            @Override
            public void onSessionEstablished(long now, PeerId peer, int address) {
              // Reported again after a replacement: keep numbering where it left off.
              for (int i = 0; i < MESSAGES / 2; i++) {
                int sequence = nextSequence[address]++;
                node.endpoint().send(now, peer, 0, new byte[] {(byte) sequence});
              }
            }

            @Override
            public void onMessage(long now, PeerId from, int streamId, byte[] message) {
              received
                  .computeIfAbsent(from + ">" + node.peer(), k -> new ArrayList<>())
                  .add((int) message[0]);
            }

            @Override
            public void onPeerFailed(long now, PeerId peer, LinkIo.FailureReason reason) {
              failures[0]++;
            }

            @Override
            public void onConnectFailed(long now, int address) {
              node.endpoint().connect(now, address);
            }
          });
    }
    for (LinkSimulation.Node from : nodes) {
      for (LinkSimulation.Node to : nodes) {
        if (from != to) {
          sim.at(0, () -> from.endpoint().connect(0, to.index()));
        }
      }
    }
    sim.runUntil(20_000_000);
    assertEquals(0, failures[0]);
    for (LinkSimulation.Node node : nodes) {
      assertEquals(NODES - 1, node.endpoint().sessionCount());
      assertTrue(node.endpoint().counters().get(LinkCounters.Counter.SESSIONS_REPLACED) > 0);
    }
    assertEquals(NODES * (NODES - 1), received.size());
    for (Map.Entry<String, List<Integer>> pair : received.entrySet()) {
      List<Integer> sequences = pair.getValue();
      assertTrue(sequences.size() >= MESSAGES / 2, pair.toString());
      List<Integer> sorted = new ArrayList<>(sequences);
      sorted.sort(Integer::compare);
      for (int i = 0; i < sorted.size(); i++) {
        assertEquals(i, sorted.get(i), "exactly once: " + pair);
      }
    }
  }
}
