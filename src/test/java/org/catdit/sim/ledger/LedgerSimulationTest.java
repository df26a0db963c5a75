package org.catdit.sim.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.catdit.overlay.node.NodeConfig;
import org.catdit.sim.SimSettings;
import org.junit.jupiter.api.Test;

class LedgerSimulationTest {
  private static final int PEERS = 50;

  static LedgerResult run(long seed, LedgerScenario scenario) {
    SimSettings settings = new SimSettings(seed, PEERS, 50_000, 10_000, 1_000, 0, true);
    return LedgerExperiment.run(settings, NodeConfig.defaults(), PEERS, scenario);
  }

  static LedgerScenario scenario(boolean isPartitioned, double loss, boolean isReconciling) {
    // The partition lasts 40 % of the activity: 8 s, as long as SCAMP's failure timeout, so the
    // overlay itself may split and only reconciliation with remembered peers joins the halves.
    // Without reconciliation, 20 s of drain is plenty to show they never meet.
    return new LedgerScenario(
        20, 8, loss, isPartitioned, 0.1, true, isReconciling, false, isReconciling ? 60 : 20);
  }

  @Test
  void convergesAfterAPartitionHealsUnderLossWithCrashesAndExcludesTheEquivocator() {
    LedgerResult result = run(7, scenario(true, 0.02, true));
    assertTrue(result.isConverged(), result.toString());
    assertTrue(result.equivocatorExcludedEverywhere(), result.toString());
    assertTrue(result.transitionsAtEnd() >= result.published() - 10, result.toString());
    assertEquals(PEERS - 5, result.livePeers());
  }

  @Test
  void convergesUnderLossAlone() {
    LedgerResult result = run(11, scenario(false, 0.05, true));
    assertTrue(result.isConverged(), result.toString());
  }

  @Test
  void withoutReconciliationThePartitionedHalvesStayApart() {
    LedgerResult result = run(7, scenario(true, 0.02, false));
    assertFalse(result.isConverged(), result.toString());
  }

  @Test
  void sameSeedSameOutcome() {
    LedgerScenario small = new LedgerScenario(5, 5, 0.02, false, 0, false, true, false, 30);
    LedgerResult a = run(3, small);
    LedgerResult b = run(3, small);
    assertEquals(a.convergenceSeconds(), b.convergenceSeconds());
    assertEquals(a.bytesPerTransitionPerPeer(), b.bytesPerTransitionPerPeer());
    assertEquals(a.transitionsAtEnd(), b.transitionsAtEnd());
  }
}
