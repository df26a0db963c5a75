package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.catdit.overlay.core.PeerId;
import org.catdit.sim.link.Bottleneck;
import org.catdit.sim.link.LinkSimulation;
import org.catdit.sim.link.PathModel;
import org.junit.jupiter.api.Test;

/** Path-MTU probing, flow-control growth and send-buffer back-pressure on a simulated path. */
class PathTest {

  private static LinkSimulation.Node[] connectedPair(LinkSimulation sim, LinkConfig config) {
    LinkSimulation.Node a = sim.addNode(config);
    LinkSimulation.Node b = sim.addNode(config);
    sim.at(0, () -> a.endpoint().connect(0, b.index()));
    sim.runUntil(2_000_000);
    assertTrue(a.endpoint().isConnected(b.peer()));
    return new LinkSimulation.Node[] {a, b};
  }

  @Test
  void probingFindsTheLargestPlateauThePathCarries() {
    for (int[] pathAndExpected :
        new int[][] {{1500, 1472}, {9000, 8952}, {1300, 1200}, {65_535, 16_384}}) {
      LinkSimulation sim =
          new LinkSimulation(1, PathModel.clean(5_000).withMtu(pathAndExpected[0]));
      LinkSimulation.Node[] pair = connectedPair(sim, LinkConfig.defaults());
      sim.runUntil(5_000_000);
      SessionStats stats = pair[0].endpoint().stats(pair[1].peer());
      assertEquals(pathAndExpected[1], stats.maxDatagramBytes(), "path MTU " + pathAndExpected[0]);
    }
  }

  @Test
  void probingRaisesTheDatagramSizeWhileABulkTransferKeepsTheWindowFull() {
    // The transfer starts the moment the session is up, over a 20 Mbit/s bottleneck, so the
    // window is full from the first round trip on; the probe must still find its turn.
    LinkSimulation sim = new LinkSimulation(3, PathModel.clean(10_000).withMtu(1500));
    LinkSimulation.Node a =
        sim.addNode(LinkConfig.defaults()).withUplink(new Bottleneck(20_000_000, 100_000));
    LinkSimulation.Node b = sim.addNode(LinkConfig.defaults());
    long[] delivered = {0};
    b.withApplication(
        new LinkSimulation.Application() {
          @Override
          public void onMessage(long now, PeerId from, int streamId, byte[] message) {
            delivered[0] += message.length;
          }
        });
    a.withApplication(
        new LinkSimulation.Application() {
          @Override
          public void onSessionEstablished(long now, PeerId peer, int address) {
            for (int i = 0; i < 100; i++) {
              assertTrue(a.endpoint().send(now, peer, 1, new byte[64_000]));
            }
          }
        });
    sim.at(0, () -> a.endpoint().connect(0, b.index()));
    sim.runUntil(1_000_000);
    assertTrue(delivered[0] > 0, "the transfer is under way");
    assertTrue(delivered[0] < 100L * 64_000, "and not over: the window has stayed full");
    assertEquals(1472, a.endpoint().stats(b.peer()).maxDatagramBytes());
  }

  @Test
  void creditGrowsWithTheBandwidthDelayProduct() {
    LinkSimulation sim = new LinkSimulation(2, PathModel.clean(50_000));
    LinkSimulation.Node[] pair = connectedPair(sim, LinkConfig.defaults());
    long[] delivered = {0};
    pair[1].withApplication(
        new LinkSimulation.Application() {
          @Override
          public void onMessage(long now, PeerId from, int streamId, byte[] message) {
            delivered[0] += message.length;
          }
        });
    for (int i = 0; i < 300; i++) {
      assertTrue(pair[0].endpoint().send(sim.nowMicros(), pair[1].peer(), 1, new byte[64_000]));
    }
    sim.runUntil(sim.nowMicros() + 20_000_000);
    assertEquals(300L * 64_000, delivered[0]);
    // No bottleneck and a 100 ms RTT: a 1 MiB window would cap the rate at 10 MB/s.
    assertTrue(
        pair[1].endpoint().stats(pair[0].peer()).receiveWindowBytes()
            > FlowControl.INITIAL_WINDOW_BYTES,
        "the receiver widened its window");
  }

  @Test
  void aFullSendBufferRefusesAndLaterSignalsWritable() {
    LinkSimulation sim = new LinkSimulation(3, PathModel.clean(5_000));
    LinkConfig config = LinkConfig.defaults().withBuffers(100_000, 300_000);
    List<Long> writable = new ArrayList<>();
    LinkSimulation.Node[] pair = connectedPair(sim, config);
    pair[0].withApplication(
        new LinkSimulation.Application() {
          @Override
          public void onWritable(long now, PeerId peer) {
            writable.add(now);
          }
        });
    int accepted = 0;
    while (pair[0].endpoint().send(sim.nowMicros(), pair[1].peer(), 1, new byte[50_000])) {
      accepted++;
    }
    assertTrue(accepted >= 5 && accepted <= 6, "accepted " + accepted);
    assertFalse(pair[0].endpoint().send(sim.nowMicros(), pair[1].peer(), 1, new byte[100_001]));
    sim.runUntil(sim.nowMicros() + 1_000_000);
    assertFalse(writable.isEmpty());
    assertTrue(pair[0].endpoint().send(sim.nowMicros(), pair[1].peer(), 1, new byte[50_000]));
  }
}
