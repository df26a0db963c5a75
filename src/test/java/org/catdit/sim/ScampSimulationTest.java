package org.catdit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.catdit.overlay.membership.ScampConfig;
import org.catdit.overlay.node.NodeConfig;
import org.catdit.sim.graph.GraphMetrics;
import org.catdit.sim.graph.MetricsSettings;
import org.catdit.sim.graph.OverlayGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SCAMP in the simulator: the overlay it grows, at small N, deterministic. */
class ScampSimulationTest {
  private static final ScampConfig STATIC = ScampConfig.defaults().withoutMaintenance();

  private static Simulation grow(int peers, long seed, ScampConfig config, SimSettings network) {
    Simulation simulation = new Simulation(network);
    new OverlayBuilder(simulation, new NodeConfig(config), JoinSchedule.forPeers(peers))
        .build(peers, 5_000_000, done -> {});
    return simulation;
  }

  private static GraphMetrics measure(Simulation simulation) {
    return GraphMetrics.compute(OverlaySnapshot.of(simulation), MetricsSettings.defaults(1));
  }

  @Test
  void growsAStronglyConnectedOverlayOfTheExpectedSize() {
    int peers = 2000;
    double sum = 0;
    for (long seed = 1; seed <= 3; seed++) {
      Simulation simulation = grow(peers, seed, STATIC, SimSettings.defaults(seed, peers));
      GraphMetrics metrics = measure(simulation);
      assertTrue(metrics.isStronglyConnected(), "seed " + seed);
      assertEquals(0, metrics.isolatedPeerCount(), "seed " + seed);
      assertTrue(metrics.inDegree().min() >= 1);
      sum += metrics.outDegree().mean();
    }
    double theory = 2 * Math.log(peers);
    assertEquals(theory, sum / 3, 0.25 * theory, "mean view against (c+1)·ln N");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 5, 8})
  void tinyNetworksFormWithEveryPeerLinkedBothWays(int peers) {
    Simulation simulation = grow(peers, 4, STATIC, SimSettings.defaults(4, peers));
    GraphMetrics metrics = measure(simulation);
    assertTrue(metrics.isStronglyConnected(), "the bootstrap cases leave everyone with in-links");
    assertEquals(0, metrics.isolatedPeerCount());
  }

  @Test
  void cGrowsTheViews() {
    double previous = 0;
    for (int c = 0; c <= 3; c++) {
      Simulation simulation = grow(1000, 2, STATIC.withC(c), SimSettings.defaults(2, 1000));
      double mean = measure(simulation).outDegree().mean();
      assertTrue(mean > previous, "c=" + c + " gives " + mean + " after " + previous);
      previous = mean;
    }
  }

  @Test
  void sameSeedSameTraceAndEveryMessageSurvivesTheCodec() {
    SimSettings strict = new SimSettings(9, 300, 50_000, 10_000, 1_000, 0, true);
    Simulation first = grow(300, 9, ScampConfig.defaults(), strict);
    Simulation second = grow(300, 9, ScampConfig.defaults(), strict);
    assertEquals(first.traceHash(), second.traceHash());
    assertEquals(first.eventsRun(), second.eventsRun());
    assertEquals(0, first.datagramsMalformed());
    Simulation other = grow(300, 10, ScampConfig.defaults(), SimSettings.defaults(10, 300));
    assertTrue(first.traceHash() != other.traceHash());
  }

  @Test
  void underLossHeartbeatsAndRejoinsLeaveNoPeerCutOff() {
    // Each lost hop loses a forwarded subscription, so views shrink under loss (docs/simulator.md);
    // what maintenance must guarantee is that every peer keeps an in-link and an out-link.
    SimSettings lossy = new SimSettings(5, 500, 50_000, 10_000, 1_000, 0.01, false);
    Simulation simulation = grow(500, 5, ScampConfig.defaults(), lossy);
    simulation.runUntil(simulation.now() + 30_000_000);
    GraphMetrics metrics = measure(simulation);
    assertTrue(simulation.datagramsLost() > 0);
    assertEquals(0, metrics.isolatedPeerCount());
    assertEquals(1, metrics.weakComponentCount());
  }

  @Test
  void overLinkSessionsLossNoLongerShrinksTheViews() {
    // One seed's mean view swings by ±1.5 with the join order alone (7.7-10.0 over 12 lossless
    // seeds at N = 120), so the views are compared over six seeds, within 1.0 of each other.
    double overLinksSum = 0;
    double losslessSum = 0;
    for (long seed = 1; seed <= 6; seed++) {
      SimSettings lossy = new SimSettings(seed, 120, 50_000, 10_000, 1_000, 0.02, false);
      Simulation linked = new Simulation(lossy);
      linked.useLinks(org.catdit.overlay.link.LinkConfig.defaults());
      new OverlayBuilder(linked, new NodeConfig(STATIC), JoinSchedule.forPeers(120))
          .build(120, 5_000_000, done -> {});
      Simulation lossless = grow(120, seed, STATIC, SimSettings.defaults(seed, 120));
      GraphMetrics overLinks = measure(linked);
      assertTrue(linked.datagramsLost() > 0, "the network did lose datagrams");
      assertTrue(linked.linkDatagramsDelivered() > 0);
      assertTrue(overLinks.isStronglyConnected(), "seed " + seed);
      assertEquals(0, overLinks.isolatedPeerCount(), "seed " + seed);
      overLinksSum += overLinks.outDegree().mean();
      losslessSum += measure(lossless).outDegree().mean();
    }
    // Every subscription arrives despite 2% loss: the views are what lossless runs give.
    assertEquals(losslessSum / 6, overLinksSum / 6, 1.0);
  }

  @Test
  void churnRecoversWithHeartbeatsAndLeases() {
    ScampConfig maintained = ScampConfig.defaults().withLeaseMicros(30_000_000);
    Simulation simulation = grow(1000, 3, maintained, SimSettings.defaults(3, 1000));
    ChurnScenario.Result result =
        new ChurnScenario(0.2, 0.1, 120_000_000, 10_000_000).run(simulation);
    assertEquals(700, result.survivors());
    ChurnScenario.Sample last = result.samples().get(result.samples().size() - 1);
    assertTrue(last.stronglyConnected(), "recovered: " + last);
    assertEquals(0, last.deadArcs());
    assertEquals(0, last.isolatedPeers());
    assertTrue(result.recoverySeconds() >= 0);
  }

  @Test
  void partitionCutsAndHealing() {
    Simulation simulation = grow(200, 6, STATIC, SimSettings.defaults(6, 200));
    int[] sides = new int[simulation.peerCount()];
    for (int i = 0; i < sides.length; i++) {
      sides[i] = i % 2;
    }
    simulation.partition(sides);
    long cutBefore = simulation.datagramsCutByPartition();
    simulation.node(0).leave(simulation.now());
    simulation.runUntil(simulation.now() + 1_000_000);
    assertTrue(simulation.datagramsCutByPartition() > cutBefore);
    simulation.healPartition();
    OverlayGraph graph = OverlaySnapshot.of(simulation);
    assertEquals(200, graph.vertexCount(), "leaving through the node does not stop the sim peer");
  }

  @Test
  void theHalvesOfALongPartitionFindEachOtherAgainOnceItHeals() {
    Simulation simulation = grow(200, 12, ScampConfig.defaults(), SimSettings.defaults(12, 200));
    double viewBefore = measure(simulation).outDegree().mean();
    int[] sides = new int[simulation.peerCount()];
    for (int i = 0; i < sides.length; i++) {
      sides[i] = i % 2;
    }
    simulation.partition(sides);
    // Far beyond the 8 s failure timeout: each half drops the other from all its views.
    simulation.runUntil(simulation.now() + 60_000_000);
    assertTrue(measure(simulation).weakComponentCount() >= 2, "the partition split the overlay");
    simulation.healPartition();
    simulation.runUntil(simulation.now() + 20_000_000);
    GraphMetrics healed = measure(simulation);
    assertEquals(1, healed.weakComponentCount(), "the halves met again");
    assertTrue(healed.isStronglyConnected(), "and every peer reaches every other");
    long partitionRejoins = 0;
    for (int peer = 0; peer < simulation.peerCount(); peer++) {
      partitionRejoins += simulation.node(peer).membership().counters().partitionRejoins();
    }
    assertTrue(partitionRejoins > 0, "through the neighbours each side lost");
    // Renewals through the lost neighbours keep the lease's arc count: full rejoins by everyone
    // at once had grown the mean view from 9 to 42 in five minutes.
    simulation.runUntil(simulation.now() + 300_000_000);
    GraphMetrics later = measure(simulation);
    assertTrue(later.isStronglyConnected());
    assertEquals(viewBefore, later.outDegree().mean(), 0.25 * viewBefore, "no view growth");
  }
}
