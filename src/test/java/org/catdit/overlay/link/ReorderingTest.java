package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.catdit.overlay.core.PeerId;
import org.catdit.sim.link.Bottleneck;
import org.catdit.sim.link.LinkSimulation;
import org.catdit.sim.link.PathModel;
import org.junit.jupiter.api.Test;

/**
 * Reordering is not loss: with a quarter of the datagrams held back, the adaptive reordering
 * threshold learns from spurious losses, the window cuts they caused are undone, and goodput stays
 * near that of a clean path (quinn#2711 lost 80% here with a fixed threshold).
 */
class ReorderingTest {
  private static final long BYTES = 4_000_000;

  private static long transferMicros(
      PathModel path, CongestionController.Factory controller, LinkCounters[] out) {
    LinkSimulation sim = new LinkSimulation(11, path);
    LinkConfig config = LinkConfig.defaults().withCongestionController(controller);
    LinkSimulation.Node sender =
        sim.addNode(config).withUplink(new Bottleneck(20_000_000, 100_000));
    LinkSimulation.Node receiver = sim.addNode(config);
    long[] delivered = {0};
    long[] started = {0};
    receiver.withApplication(
        new LinkSimulation.Application() {
          @Override
          public void onMessage(long now, PeerId from, int streamId, byte[] message) {
            delivered[0] += message.length;
          }
        });
    sender.withApplication(
        new LinkSimulation.Application() {
          @Override
          public void onSessionEstablished(long now, PeerId peer, int address) {
            started[0] = now;
            for (long sent = 0; sent < BYTES; sent += 50_000) {
              assertTrue(sender.endpoint().send(now, peer, 1, new byte[50_000]));
            }
          }
        });
    sim.at(0, () -> sender.endpoint().connect(0, receiver.index()));
    assertTrue(sim.runUntil(120_000_000, () -> delivered[0] >= BYTES));
    assertEquals(BYTES, delivered[0]);
    out[0] = sender.endpoint().counters();
    return sim.nowMicros() - started[0];
  }

  @Test
  void heavyReorderingCostsLittleGoodput() {
    PathModel clean = PathModel.clean(20_000);
    PathModel reordered = clean.withReordering(0.25, 10_000);
    LinkCounters[] counters = new LinkCounters[1];
    for (CongestionController.Factory controller :
        new CongestionController.Factory[] {NewRenoController::new, BbrController::new}) {
      long cleanMicros = transferMicros(clean, controller, counters);
      long reorderedMicros = transferMicros(reordered, controller, counters);
      assertTrue(
          counters[0].get(LinkCounters.Counter.SPURIOUS_LOSSES) > 0,
          "reordering was first taken for loss: " + counters[0]);
      assertTrue(
          cleanMicros >= 0.75 * reorderedMicros,
          "clean "
              + cleanMicros
              + " µs versus reordered "
              + reorderedMicros
              + " µs, "
              + counters[0]);
    }
  }
}
