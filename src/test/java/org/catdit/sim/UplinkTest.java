package org.catdit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.catdit.overlay.link.LinkConfig;
import org.catdit.overlay.membership.ScampConfig;
import org.catdit.overlay.node.NodeConfig;
import org.junit.jupiter.api.Test;

class UplinkTest {
  @Test
  void anUplinkSendsAtItsRateAndDropsWhatOverflowsItsQueue() {
    Simulation simulation = new Simulation(new SimSettings(1, 2, 10_000, 0, 0, 0, false));
    simulation.useLinks(LinkConfig.defaults());
    NodeConfig config = new NodeConfig(ScampConfig.defaults().withoutMaintenance());
    simulation.addPeer(config);
    simulation.addPeer(config);
    // 1 Mbit/s: a 1,250-byte datagram takes 10 ms; the queue holds 50 ms.
    simulation.setUplink(1_000_000, 50_000);
    for (int i = 0; i < 100; i++) {
      simulation.sendDatagram(0, 1, new byte[1250]);
    }
    assertEquals(
        94, simulation.datagramsDroppedAtUplink(), "six fit: starting at 0, 10, ..., 50 ms");
    simulation.runUntil(69_999);
    assertEquals(5, simulation.linkDatagramsDelivered(), "each leaves 10 ms after the one before");
    simulation.runUntil(70_000);
    assertEquals(6, simulation.linkDatagramsDelivered());
  }
}
