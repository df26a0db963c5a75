package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.LinkCounters.Counter;
import org.catdit.sim.link.LinkSimulation;
import org.catdit.sim.link.PathModel;
import org.junit.jupiter.api.Test;

/** The per-session figures the admin API shows: bytes each way and the loss rate. */
class SessionStatsTest {

  private static LinkSimulation.Node[] transfer(PathModel path, long seed, long[] delivered) {
    LinkSimulation sim = new LinkSimulation(seed, path);
    LinkSimulation.Node a = sim.addNode(LinkConfig.defaults());
    LinkSimulation.Node b = sim.addNode(LinkConfig.defaults());
    b.withApplication(
        new LinkSimulation.Application() {
          @Override
          public void onMessage(long now, PeerId from, int streamId, byte[] message) {
            delivered[0] += message.length;
          }
        });
    sim.at(0, () -> a.endpoint().connect(0, b.index()));
    sim.runUntil(2_000_000);
    assertTrue(a.endpoint().isConnected(b.peer()));
    for (int i = 0; i < 40; i++) {
      assertTrue(a.endpoint().send(sim.nowMicros(), b.peer(), 1, new byte[20_000]));
    }
    sim.runUntil(sim.nowMicros() + 30_000_000);
    return new LinkSimulation.Node[] {a, b};
  }

  @Test
  void aCleanPathCountsBytesBothWaysAndNoLoss() {
    long[] delivered = {0};
    LinkSimulation.Node[] pair = transfer(PathModel.clean(10_000).withMtu(65_535), 11, delivered);
    assertEquals(40L * 20_000, delivered[0]);
    SessionStats sender = pair[0].endpoint().stats(pair[1].peer());
    SessionStats receiver = pair[1].endpoint().stats(pair[0].peer());
    assertTrue(sender.bytesSent() > 40L * 20_000, sender.toString());
    // Nothing is lost: each side took exactly what the other sent on this session, except the
    // ACKs and probes still in the air, which the clean path delivers before the run ends.
    assertEquals(sender.bytesSent(), receiver.bytesReceived(), receiver.toString());
    assertEquals(receiver.bytesSent(), sender.bytesReceived(), sender.toString());
    assertTrue(sender.packetsSent() > 0);
    assertEquals(0.0, sender.lossRate(), sender.toString());
  }

  @Test
  void aLossyPathShowsItsLossRate() {
    long[] delivered = {0};
    LinkSimulation.Node[] pair = transfer(PathModel.clean(10_000).withLoss(0.05), 12, delivered);
    assertEquals(40L * 20_000, delivered[0]);
    SessionStats sender = pair[0].endpoint().stats(pair[1].peer());
    assertTrue(
        sender.lossRate() > 0.01 && sender.lossRate() < 0.15, "5% loss: " + sender.lossRate());
    assertTrue(
        sender.packetsLost() <= pair[0].endpoint().counters().get(Counter.PACKETS_LOST),
        sender.toString());
  }
}
