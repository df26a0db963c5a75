package org.catdit.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import org.catdit.sim.SimReport;
import org.catdit.sim.link.TransferScenario;

/**
 * {@code catdit sim --scenario transfer}: bulk flows over link sessions through one bottleneck,
 * then the same path with no bulk traffic, so that control-message latency under load can be
 * compared with idle latency.
 */
final class TransferRun {
  private static final long IDLE_DURATION_MICROS = 10_000_000;
  private static final long BULK_DURATION_LIMIT_MICROS = 600_000_000;

  private TransferRun() {}

  static int run(SimCommand options, PrintWriter out) throws IOException {
    options.require(options.flows >= 1 && options.flows <= 64, "--flows must be between 1 and 64");
    options.require(
        options.megabytes > 0 && options.megabytes <= 10_000, "--mb must be in (0, 10000]");
    options.require(
        options.bandwidthMbps > 0 && options.bandwidthMbps <= 100_000,
        "--bandwidth-mbps must be in (0, 100000]");
    options.require(options.rttMs > 0 && options.rttMs <= 10_000, "--rtt-ms must be in (0, 10000]");
    options.require(options.loss >= 0 && options.loss < 1, "--loss must be in [0, 1)");
    options.require(
        options.controller.equals("bbr") || options.controller.equals("newreno"),
        "--controller must be bbr or newreno");
    long started = System.nanoTime();
    TransferScenario.Result bulk = TransferScenario.run(settings(options, true));
    TransferScenario.Result idle = TransferScenario.run(settings(options, false));
    double wallSeconds = (System.nanoTime() - started) / 1e9;

    ObjectNode root = SimReport.mapper().createObjectNode();
    root.put("scenario", "transfer");
    root.put("seed", options.seed);
    root.put("flows", options.flows);
    root.put("mbPerFlow", options.megabytes);
    root.put("rttMs", options.rttMs);
    root.put("loss", options.loss);
    root.put("controller", options.controller);
    ObjectNode link = root.putObject("link");
    link.put("goodputMbps", round(bulk.goodputMbps()));
    link.put("bottleneckMbps", round(bulk.bottleneckMbps()));
    link.put("goodputFraction", round(bulk.goodputFraction()));
    ArrayNode perFlow = link.putArray("flowGoodputMbps");
    for (double flow : bulk.flowGoodputMbps()) {
      perFlow.add(round(flow));
    }
    link.put("messagesSent", bulk.messagesSent());
    link.put("messagesDelivered", bulk.messagesDelivered());
    link.put("duplicatesDelivered", bulk.duplicatesDelivered());
    link.put("outOfOrderDelivered", bulk.outOfOrderDelivered());
    if (options.flows > 1) {
      link.put("jainFairness", round(bulk.jainFairness()));
    }
    link.put("controlLatencyP50Ms", round(bulk.controlLatencyP50Ms()));
    link.put("controlLatencyP99Ms", round(bulk.controlLatencyP99Ms()));
    link.put("idleLatencyP50Ms", round(idle.controlLatencyP50Ms()));
    link.put("idleLatencyP99Ms", round(idle.controlLatencyP99Ms()));
    link.put("isComplete", bulk.isComplete());
    link.put("simulatedSeconds", round(bulk.simulatedSeconds()));
    root.putObject("run").put("wallSeconds", round(wallSeconds));
    if (options.json) {
      out.println(SimReport.mapper().writeValueAsString(root));
    } else {
      out.printf(
          "%d flow(s) x %.0f MB over %.0f Mbit/s, %.0f ms RTT, loss %.3f, %s:%n"
              + "  goodput %.1f Mbit/s (%.1f%% of the bottleneck)%s%n"
              + "  control latency p99 %.1f ms under bulk, %.1f ms idle%n"
              + "  %d/%d messages, %d duplicates, %d out of order; %.1f s simulated, %.1f s wall%n",
          options.flows,
          options.megabytes,
          options.bandwidthMbps,
          options.rttMs,
          options.loss,
          options.controller,
          bulk.goodputMbps(),
          100 * bulk.goodputFraction(),
          options.flows > 1 ? String.format(", Jain fairness %.3f", bulk.jainFairness()) : "",
          bulk.controlLatencyP99Ms(),
          idle.controlLatencyP99Ms(),
          bulk.messagesDelivered(),
          bulk.messagesSent(),
          bulk.duplicatesDelivered(),
          bulk.outOfOrderDelivered(),
          bulk.simulatedSeconds(),
          wallSeconds);
    }
    out.flush();
    return 0;
  }

  private static TransferScenario.Settings settings(SimCommand options, boolean isBulk) {
    return new TransferScenario.Settings(
        options.flows,
        Math.round(options.megabytes * 1_000_000),
        Math.round(options.bandwidthMbps * 1_000_000),
        Math.round(options.rttMs * 1000),
        options.loss,
        options.seed,
        options.controller,
        isBulk,
        isBulk ? BULK_DURATION_LIMIT_MICROS : IDLE_DURATION_MICROS);
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
