package org.catdit.sim.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TransferScenarioTest {
  private static final long MBIT = 1_000_000;

  private static TransferScenario.Settings settings(
      int flows, long megabytes, long mbps, double loss, String controller, boolean isBulk) {
    return new TransferScenario.Settings(
        flows,
        megabytes * 1_000_000,
        mbps * MBIT,
        40_000,
        loss,
        1,
        controller,
        isBulk,
        isBulk ? 600_000_000 : 10_000_000);
  }

  private static void assertIntact(TransferScenario.Result result) {
    assertTrue(result.isComplete(), result.toString());
    assertEquals(0, result.duplicatesDelivered(), result.toString());
    assertEquals(0, result.outOfOrderDelivered(), result.toString());
  }

  /** A small version of the bulk-versus-control measurement that runs with every build. */
  @Test
  void bulkTransferDoesNotDelayControlMessages() {
    TransferScenario.Result idle = TransferScenario.run(settings(1, 5, 20, 0, "bbr", false));
    TransferScenario.Result bulk = TransferScenario.run(settings(1, 5, 20, 0, "bbr", true));
    assertIntact(bulk);
    assertTrue(bulk.goodputFraction() >= 0.85, bulk.toString());
    assertTrue(
        bulk.controlLatencyP99Ms() <= idle.controlLatencyP99Ms() + 50,
        bulk + " versus idle " + idle);
  }

  @Test
  void twoFlowsShareFairly() {
    TransferScenario.Result result = TransferScenario.run(settings(2, 5, 20, 0, "bbr", true));
    assertIntact(result);
    assertTrue(result.jainFairness() >= 0.9, result.toString());
  }

  // ------------------------------------------------------------------ the figures (slow)

  @Tag("slow")
  @Test
  void defaultControllerMeetsTheGoodputTargets() {
    double[][] lossAndTarget = {{0, 0.90}, {0.01, 0.70}, {0.05, 0.40}};
    for (double[] row : lossAndTarget) {
      TransferScenario.Result result =
          TransferScenario.run(settings(1, 50, 100, row[0], "bbr", true));
      System.out.println("bbr loss " + row[0] + ": " + result);
      assertIntact(result);
      assertTrue(result.goodputFraction() >= row[1], result.toString());
    }
  }

  @Tag("slow")
  @Test
  void fourFlowsShareTheBottleneckFairly() {
    TransferScenario.Result result = TransferScenario.run(settings(4, 50, 100, 0, "bbr", true));
    System.out.println("bbr 4 flows: " + result);
    assertIntact(result);
    assertTrue(result.jainFairness() >= 0.9, result.toString());
  }

  @Tag("slow")
  @Test
  void controlLatencyWhileBulkRunsStaysNearIdle() {
    for (double loss : new double[] {0, 0.01}) {
      TransferScenario.Result idle = TransferScenario.run(settings(1, 50, 100, loss, "bbr", false));
      TransferScenario.Result bulk = TransferScenario.run(settings(1, 50, 100, loss, "bbr", true));
      System.out.println("loss " + loss + " idle: " + idle + "\nloss " + loss + " bulk: " + bulk);
      assertTrue(bulk.controlLatencyP99Ms() <= idle.controlLatencyP99Ms() + 50, bulk.toString());
    }
  }

  @Tag("slow")
  @Test
  void theDefaultIsChosenByMeasurement() {
    for (double loss : new double[] {0, 0.01, 0.05}) {
      TransferScenario.Result bbr = TransferScenario.run(settings(1, 50, 100, loss, "bbr", true));
      TransferScenario.Result reno =
          TransferScenario.run(settings(1, 50, 100, loss, "newreno", true));
      System.out.println("loss " + loss + " bbr: " + bbr + "\nloss " + loss + " newreno: " + reno);
      assertTrue(bbr.goodputMbps() >= 0.95 * reno.goodputMbps(), bbr + " versus " + reno);
      if (loss > 0) {
        assertTrue(bbr.goodputMbps() > 5 * reno.goodputMbps(), bbr + " versus " + reno);
      }
    }
  }
}
