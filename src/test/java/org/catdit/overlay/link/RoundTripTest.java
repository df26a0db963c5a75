package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.catdit.sim.link.LinkSimulation;
import org.catdit.sim.link.PathModel;
import org.junit.jupiter.api.Test;

/** The round-trip time a session reports (the network panel and {@code /status} show it). */
class RoundTripTest {

  @Test
  void aQuietSessionReportsItsTrueRoundTripOnBothSidesFromTheStart() {
    // 100 µs round trips; one small message a second, far apart, so every ACK but the first is
    // delayed by up to max_ack_delay (25 ms). The first RTT sample is taken whole (RFC 9002 §5.3);
    // unless the first packet is acknowledged at once it carries that delay, and the smoothed RTT
    // stayed at 9-17 ms here for half a minute.
    LinkSimulation sim = new LinkSimulation(1, PathModel.clean(50));
    LinkSimulation.Node a = sim.addNode(LinkConfig.defaults());
    LinkSimulation.Node b = sim.addNode(LinkConfig.defaults());
    sim.at(0, () -> a.endpoint().connect(0, b.index()));
    sim.runUntil(1_000_000);
    for (int i = 0; i < 3; i++) {
      long t = sim.nowMicros();
      sim.at(t + 1, () -> a.endpoint().send(sim.nowMicros(), b.peer(), 0, new byte[] {1}));
      sim.runUntil(t + 1_000_000);
    }
    long atA = a.endpoint().stats(b.peer()).smoothedRttMicros();
    long atB = b.endpoint().stats(a.peer()).smoothedRttMicros();
    assertTrue(atA >= 100 && atA < 1_000, "initiator's smoothed RTT " + atA + " µs");
    assertTrue(atB >= 100 && atB < 1_000, "responder's smoothed RTT " + atB + " µs");
  }
}
