package org.catdit.sim.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.catdit.overlay.broadcast.BroadcastConfig;
import org.catdit.overlay.broadcast.BroadcastMode;
import org.catdit.overlay.membership.ScampConfig;
import org.catdit.overlay.node.NodeConfig;
import org.catdit.sim.SimSettings;
import org.catdit.sim.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broadcast tree in the simulator at small N: 200 peers joined with SCAMP (c = 1), 50 ± 10 ms
 * links, seed fixed. These are the gates at a size the default suite can afford.
 */
class BroadcastSimulationTest {
  static final int PEERS = 200;
  static final long SEED = 20_261_126L;

  static Simulation overlay(BroadcastMode mode, boolean hasMaintenance) {
    ScampConfig membership =
        hasMaintenance ? ScampConfig.defaults() : ScampConfig.defaults().withoutMaintenance();
    NodeConfig config = new NodeConfig(membership, BroadcastConfig.defaults().withMode(mode));
    return JoinedOverlay.build(SimSettings.defaults(SEED, PEERS), config, PEERS);
  }

  static BroadcastResult run(Simulation sim, BroadcastScenario scenario) {
    return new BroadcastExperiment(sim, scenario).run();
  }

  @Test
  void oneSenderReachesEveryoneAndTheTreeSettlesToAboutOneCopyPerPeer() {
    BroadcastResult tree =
        run(overlay(BroadcastMode.HYBRID, false), BroadcastScenario.of(30, Senders.SINGLE));
    assertEquals(1.0, tree.reliabilityMin());
    assertTrue(tree.rmrSteady() <= 0.05, "rmrSteady " + tree.rmrSteady());
    assertTrue(tree.rmrFirst() > 1, "the first message still floods: " + tree.rmrFirst());
    assertTrue(tree.ldhMax() > 0);
    assertEquals(30, tree.count());
  }

  @Test
  void randomSendersReachEveryoneWithLittleRedundancy() {
    BroadcastResult tree =
        run(overlay(BroadcastMode.HYBRID, false), BroadcastScenario.of(30, Senders.RANDOM));
    assertEquals(1.0, tree.reliabilityMin());
    assertTrue(tree.rmrSteady() <= 0.3, "rmrSteady " + tree.rmrSteady());
  }

  @Test
  void everyModeIsReliableAndTheTreesSendFarLessThanFlooding() {
    BroadcastScenario scenario = BroadcastScenario.of(20, Senders.ALL);
    BroadcastResult flood = run(overlay(BroadcastMode.FLOOD, false), scenario);
    BroadcastResult shared = run(overlay(BroadcastMode.SHARED, false), scenario);
    BroadcastResult perSource = run(overlay(BroadcastMode.PER_SOURCE, false), scenario);
    assertEquals(1.0, flood.reliabilityMin());
    assertEquals(1.0, shared.reliabilityMin());
    assertEquals(1.0, perSource.reliabilityMin());
    assertTrue(flood.rmrSteady() > 3, "flood " + flood.rmrSteady());
    assertEquals(0.0, flood.controlPerPayload());
    assertTrue(shared.rmrSteady() < 0.3, "shared " + shared.rmrSteady());
    assertTrue(
        perSource.rmrSteady() > flood.rmrSteady(),
        "every sender new: each first message floods both link directions");
  }

  @Test
  void fivePercentLossLosesNoMessage() {
    Simulation sim = overlay(BroadcastMode.HYBRID, true);
    sim.setLossProbability(0.05);
    BroadcastResult tree = run(sim, BroadcastScenario.of(30, Senders.RANDOM));
    assertEquals(1.0, tree.reliabilityMin());
    assertTrue(sim.datagramsLost() > 0);
  }

  @Test
  void halfThePeersCrashingLeavesEveryReachableSurvivorServed() {
    BroadcastResult tree =
        run(
            overlay(BroadcastMode.HYBRID, true),
            BroadcastScenario.of(30, Senders.SINGLE).withFailure(0.5, 10));
    assertEquals(1.0, tree.reliabilityMin());
    assertTrue(tree.hasFailure());
    assertTrue(
        tree.reliabilityOfReachableAfterFailureMin() >= 0.999,
        "of reachable: " + tree.reliabilityOfReachableAfterFailureMin());
    assertTrue(tree.survivorsReachableFraction() > 0.9);
    assertTrue(tree.settleBroadcasts() >= 0, "the tree settles again");
    assertEquals(PEERS / 2, tree.broadcasts().get(29).live());
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    Simulation first = overlay(BroadcastMode.HYBRID, false);
    Simulation second = overlay(BroadcastMode.HYBRID, false);
    BroadcastResult a = run(first, BroadcastScenario.of(5, Senders.RANDOM));
    BroadcastResult b = run(second, BroadcastScenario.of(5, Senders.RANDOM));
    assertEquals(first.traceHash(), second.traceHash());
    assertEquals(a.toJsonMap(), b.toJsonMap());
  }

  @Test
  void writesPeersCsvAndTheTreePicture(@TempDir Path dir) throws IOException {
    Simulation sim = overlay(BroadcastMode.HYBRID, false);
    BroadcastExperiment experiment =
        new BroadcastExperiment(sim, BroadcastScenario.of(5, Senders.SINGLE));
    BroadcastResult result = experiment.run();
    BroadcastOutput.writePeersCsv(dir.resolve("peers.csv"), sim, result);
    TreePicture picture = new TreePicture(sim, experiment.lastTree());
    picture.writeDot(dir.resolve("tree.dot"));
    picture.writePng(dir.resolve("tree.png"));
    assertEquals(PEERS + 1, Files.readAllLines(dir.resolve("peers.csv")).size());
    String dot = Files.readString(dir.resolve("tree.dot"));
    assertEquals(PEERS - 1, dot.split("color=red").length - 1, "one tree edge per receiver");
    assertTrue(Files.size(dir.resolve("tree.png")) > 10_000);
  }
}
