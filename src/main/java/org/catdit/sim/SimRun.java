package org.catdit.sim;

import java.util.function.DoubleConsumer;
import org.catdit.overlay.link.LinkConfig;
import org.catdit.overlay.node.NodeConfig;
import org.catdit.sim.broadcast.BroadcastExperiment;
import org.catdit.sim.broadcast.BroadcastResult;
import org.catdit.sim.broadcast.DeliveryTree;
import org.catdit.sim.graph.GraphMetrics;
import org.catdit.sim.graph.MetricsSettings;
import org.catdit.sim.graph.OverlayGraph;

/** Runs one simulation end to end: joins, membership metrics, then optional churn. */
public final class SimRun {
  /** A drop-tail uplink queue holds 50 ms of traffic. */
  private static final long UPLINK_QUEUE_MICROS = 50_000;

  private SimRun() {}

  /** Everything one run measured. */
  public record Result(
      SimRunSettings settings,
      Simulation simulation,
      OverlayGraph overlay,
      GraphMetrics membership,
      double joinSeconds,
      BroadcastResult broadcast,
      DeliveryTree lastTree,
      ChurnScenario.Result churn) {}

  /**
   * @param progress told the fraction done (joins count for 90%)
   */
  public static Result run(SimRunSettings settings, DoubleConsumer progress) {
    Simulation simulation = new Simulation(settings.network());
    if (settings.isLinked()) {
      simulation.useLinks(LinkConfig.defaults());
      simulation.setUplink(settings.uplinkBitsPerSecond(), UPLINK_QUEUE_MICROS);
    }
    OverlayBuilder builder =
        new OverlayBuilder(
            simulation,
            new NodeConfig(settings.membership(), settings.broadcastConfig()),
            settings.joins());
    long lastWave =
        builder.build(
            settings.peers(), settings.settleMicros(), done -> progress.accept(0.9 * done));
    OverlayGraph overlay = OverlaySnapshot.of(simulation);
    GraphMetrics metrics =
        GraphMetrics.compute(overlay, MetricsSettings.defaults(settings.network().seed()));
    progress.accept(0.92);
    BroadcastResult broadcast = null;
    DeliveryTree lastTree = null;
    if (settings.broadcast() != null) {
      BroadcastExperiment experiment = new BroadcastExperiment(simulation, settings.broadcast());
      broadcast = experiment.run();
      lastTree = experiment.lastTree();
    }
    progress.accept(0.96);
    ChurnScenario.Result churn = settings.churn() == null ? null : settings.churn().run(simulation);
    progress.accept(1.0);
    return new Result(
        settings, simulation, overlay, metrics, lastWave / 1e6, broadcast, lastTree, churn);
  }
}
