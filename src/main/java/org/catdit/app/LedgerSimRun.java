package org.catdit.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import org.catdit.overlay.node.NodeConfig;
import org.catdit.sim.SimReport;
import org.catdit.sim.SimRunSettings;
import org.catdit.sim.ledger.LedgerExperiment;
import org.catdit.sim.ledger.LedgerResult;
import org.catdit.sim.ledger.LedgerScenario;

/**
 * {@code catdit sim --ledger}: peers post and vote, the report says whether their ledgers agree.
 */
final class LedgerSimRun {
  private LedgerSimRun() {}

  static int run(SimRunSettings settings, LedgerScenario scenario, boolean isJson, PrintWriter out)
      throws IOException {
    long started = System.nanoTime();
    LedgerResult result =
        LedgerExperiment.run(
            settings.network(),
            new NodeConfig(settings.membership(), settings.broadcastConfig()),
            settings.peers(),
            scenario);
    double wallSeconds = (System.nanoTime() - started) / 1e9;
    ObjectNode report = SimReport.mapper().createObjectNode();
    report.put("seed", settings.network().seed());
    report.put("peers", result.peers());
    ObjectNode ledger = report.putObject("ledger");
    ledger.put("converged", result.isConverged());
    ledger.put("convergenceSeconds", result.convergenceSeconds());
    ledger.put("bytesPerTransitionPerPeer", Math.round(result.bytesPerTransitionPerPeer()));
    ledger.put("published", result.published());
    ledger.put("transitionsAtEnd", result.transitionsAtEnd());
    ledger.put("missingPublished", result.missingPublished());
    ledger.put("livePeers", result.livePeers());
    ledger.put("loss", scenario.loss());
    ledger.put("partitioned", scenario.isPartitioned());
    ledger.put("crashFraction", scenario.crashFraction());
    ledger.put("reconciling", result.isReconciling());
    ledger.put("reconcileMessages", result.reconcileMessages());
    ledger.put("wantsSent", result.wantsSent());
    ledger.put("fetchesGivenUp", result.fetchesGivenUp());
    if (result.isEquivocating()) {
      ledger.put("equivocatorExcludedEverywhere", result.equivocatorExcludedEverywhere());
    }
    ledger.put(
        "signatures",
        result.hasRealSignatures()
            ? "ed25519-bouncycastle"
            : "SIMULATED (cheap deterministic hash, not Ed25519; --ledger-real-signatures for real)");
    report.put("wallSeconds", Math.round(wallSeconds * 10) / 10.0);
    if (isJson) {
      out.println(SimReport.mapper().writeValueAsString(report));
    } else {
      out.printf(
          "ledger: %d peers (%d live), %d transitions authored over %.0f s%s%s%s%n",
          result.peers(),
          result.livePeers(),
          result.published(),
          scenario.activitySeconds(),
          scenario.loss() > 0 ? String.format(", loss %.1f %%", 100 * scenario.loss()) : "",
          scenario.isPartitioned() ? ", partitioned in two halves from 20 % to 60 % of it" : "",
          scenario.crashFraction() > 0
              ? String.format(", %.0f %% crashed", 100 * scenario.crashFraction())
              : "");
      out.printf(
          "ledger.converged %s, ledger.convergenceSeconds %.2f (after the last transition)%n",
          result.isConverged(), result.convergenceSeconds());
      out.printf(
          "ledger.bytesPerTransitionPerPeer %.0f (broadcast tree and ledger sync, encoded)%n",
          result.bytesPerTransitionPerPeer());
      out.printf(
          "held at the end %d, authored but missing at the first live peer %d; reconcile messages %d,"
              + " wants %d, fetches given up %d%n",
          result.transitionsAtEnd(),
          result.missingPublished(),
          result.reconcileMessages(),
          result.wantsSent(),
          result.fetchesGivenUp());
      if (result.isEquivocating()) {
        out.printf(
            "equivocator excluded by every live peer: %s%n",
            result.equivocatorExcludedEverywhere());
      }
      out.println("signatures: " + ledger.get("signatures").asText());
      out.printf("wall time %.1f s%n", wallSeconds);
    }
    out.flush();
    return result.isConverged() ? 0 : 1;
  }
}
