package org.catdit.sim.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.catdit.overlay.broadcast.BroadcastConfig;
import org.catdit.overlay.broadcast.BroadcastMode;
import org.catdit.overlay.membership.ScampConfig;
import org.catdit.overlay.node.NodeConfig;
import org.catdit.sim.SimSettings;
import org.catdit.sim.Simulation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The "done means" at N = 10,000 for one seed (about ten minutes on two loaded cores): run
 * with {@code mvn -Pslow test -Dtest=BroadcastScaleTest}. docs/broadcast.md has the figures over
 * several seeds, from {@link BroadcastBench}.
 */
@Tag("slow")
class BroadcastScaleTest {
  static final int PEERS = 10_000;
  static final long SEED = 1;

  static Simulation overlay(BroadcastMode mode) {
    NodeConfig config =
        new NodeConfig(
            ScampConfig.defaults().withoutMaintenance(), BroadcastConfig.defaults().withMode(mode));
    return JoinedOverlay.build(SimSettings.defaults(SEED, PEERS), config, PEERS);
  }

  @Test
  void oneSenderMatchesFloodingLatencyWithAboutOneCopyPerPeer() {
    BroadcastScenario scenario = BroadcastScenario.of(50, Senders.SINGLE);
    BroadcastResult flood = new BroadcastExperiment(overlay(BroadcastMode.FLOOD), scenario).run();
    BroadcastResult tree = new BroadcastExperiment(overlay(BroadcastMode.HYBRID), scenario).run();
    assertEquals(1.0, tree.reliabilityMin());
    assertTrue(tree.rmrSteady() <= 0.05, "rmrSteady " + tree.rmrSteady());
    assertTrue(tree.latencyP99Ms() <= 1.2 * flood.latencyP99Ms());
    assertTrue(tree.ldhMax() <= 1.2 * flood.ldhMax());
  }

  @Test
  void randomSendersStayWithinTwiceFloodingLatency() {
    BroadcastScenario scenario = BroadcastScenario.of(50, Senders.RANDOM);
    BroadcastResult flood = new BroadcastExperiment(overlay(BroadcastMode.FLOOD), scenario).run();
    BroadcastResult tree = new BroadcastExperiment(overlay(BroadcastMode.HYBRID), scenario).run();
    assertEquals(1.0, tree.reliabilityMin());
    assertTrue(tree.rmrSteady() <= 0.3, "rmrSteady " + tree.rmrSteady());
    assertTrue(tree.latencyP99Ms() <= 2 * flood.latencyP99Ms());
  }
}
