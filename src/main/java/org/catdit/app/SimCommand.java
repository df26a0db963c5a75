package org.catdit.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.catdit.overlay.broadcast.BroadcastConfig;
import org.catdit.overlay.broadcast.BroadcastMode;
import org.catdit.overlay.membership.ScampConfig;
import org.catdit.sim.ChurnScenario;
import org.catdit.sim.JoinSchedule;
import org.catdit.sim.SimReport;
import org.catdit.sim.SimRun;
import org.catdit.sim.SimRunSettings;
import org.catdit.sim.SimSettings;
import org.catdit.sim.broadcast.BroadcastScenario;
import org.catdit.sim.broadcast.Senders;
import org.catdit.sim.ledger.LedgerScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code catdit sim}: runs the overlay in the discrete-event simulator and reports. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates N peers joining with SCAMP on a virtual clock, then measures the overlay.",
      "Prints one JSON object with --json (progress and logs go to stderr)."
    })
public final class SimCommand implements Callable<Integer> {
  private static final long MILLI = 1_000;
  private static final long SECOND = 1_000_000;

  @Spec CommandSpec spec;

  @Option(
      names = "--scenario",
      defaultValue = "membership",
      description =
          "membership (default): peers join, the overlay is measured; transfer: bulk flows over link sessions through one bottleneck.")
  String scenario;

  @Option(names = "--peers", description = "Number of peers (membership scenario).")
  Integer peers;

  @Option(
      names = "--flows",
      defaultValue = "1",
      description = "transfer: parallel flows (default ${DEFAULT-VALUE}).")
  int flows;

  @Option(
      names = "--mb",
      defaultValue = "50",
      description = "transfer: megabytes per flow (default ${DEFAULT-VALUE}).")
  double megabytes;

  @Option(
      names = "--bandwidth-mbps",
      defaultValue = "100",
      description = "transfer: bottleneck bandwidth (default ${DEFAULT-VALUE}).")
  double bandwidthMbps;

  @Option(
      names = "--rtt-ms",
      defaultValue = "40",
      description = "transfer: round-trip time (default ${DEFAULT-VALUE}).")
  double rttMs;

  @Option(
      names = "--controller",
      defaultValue = "bbr",
      description = "transfer: congestion controller, bbr or newreno (default ${DEFAULT-VALUE}).")
  String controller;

  @Option(
      names = "--c",
      defaultValue = "1",
      description = "SCAMP fault-tolerance parameter c (default ${DEFAULT-VALUE}).")
  int c;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Master seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--delay-mean-ms",
      defaultValue = "50",
      description = "Mean per-pair latency (default ${DEFAULT-VALUE}).")
  double delayMeanMs;

  @Option(
      names = "--delay-sd-ms",
      defaultValue = "10",
      description = "Standard deviation of per-pair latency (default ${DEFAULT-VALUE}).")
  double delaySdMs;

  @Option(
      names = "--jitter-sd-ms",
      defaultValue = "1",
      description = "Per-datagram jitter standard deviation (default ${DEFAULT-VALUE}).")
  double jitterSdMs;

  @Option(
      names = "--loss",
      defaultValue = "0",
      description = "Bernoulli datagram loss, 0..1 (default ${DEFAULT-VALUE}).")
  double loss;

  @Option(
      names = "--walk-hops",
      defaultValue = "8",
      description = "Indirection random-walk length; 0 turns it off (default ${DEFAULT-VALUE}).")
  int walkHops;

  @Option(
      names = "--wave-size",
      description = "Peers per join wave (default N/100, at most a tenth of the members).")
  Integer waveSize;

  @Option(
      names = "--wave-interval-ms",
      defaultValue = "1000",
      description = "Time between join waves (default ${DEFAULT-VALUE}).")
  double waveIntervalMs;

  @Option(
      names = "--settle-ms",
      defaultValue = "5000",
      description = "Time after the last wave before measuring (default ${DEFAULT-VALUE}).")
  double settleMs;

  @Option(
      names = "--heartbeat-ms",
      description = "Heartbeat period; 0 = off (default off, 2000 with churn).")
  Double heartbeatMs;

  @Option(
      names = "--lease-s",
      description = "Subscription lease; 0 = off (default off, 60 with churn).")
  Double leaseSeconds;

  @Option(
      names = "--leave-fraction",
      defaultValue = "0",
      description = "Share of peers that unsubscribe after the joins.")
  double leaveFraction;

  @Option(
      names = "--crash-fraction",
      defaultValue = "0",
      description = "Share of peers that crash after the joins.")
  double crashFraction;

  @Option(
      names = "--churn-observe-s",
      defaultValue = "180",
      description = "How long to watch after churn (default ${DEFAULT-VALUE}).")
  double churnObserveSeconds;

  @Option(
      names = "--churn-sample-s",
      defaultValue = "5",
      description = "Sampling period after churn (default ${DEFAULT-VALUE}).")
  double churnSampleSeconds;

  @Option(
      names = "--broadcasts",
      defaultValue = "0",
      description = "Broadcasts to send after the joins (default ${DEFAULT-VALUE}: none).")
  int broadcasts;

  @Option(
      names = "--senders",
      defaultValue = "single",
      description = "Who sends them: single, random or all (default ${DEFAULT-VALUE}).")
  String senders;

  @Option(
      names = "--broadcast-interval-ms",
      defaultValue = "1000",
      description = "Time between broadcasts (default ${DEFAULT-VALUE}).")
  double broadcastIntervalMs;

  @Option(
      names = "--trees",
      description = "Broadcast tree: shared, per-source or hybrid (default hybrid, ADR 0003).")
  String trees;

  @Option(
      names = "--flood",
      description = "Baseline: every peer forwards every new message to its whole PartialView.")
  boolean flood;

  @Option(
      names = "--fail-fraction",
      defaultValue = "0",
      description = "Share of peers that crash at once after broadcast --fail-after.")
  double failFraction;

  @Option(
      names = "--fail-after",
      defaultValue = "10",
      description = "The crash follows this broadcast (default ${DEFAULT-VALUE}).")
  int failAfter;

  @Option(
      names = "--links",
      defaultValue = "ideal",
      description =
          "ideal (default): each message is one datagram; full: messages travel over link"
              + " sessions (reliable, congestion-controlled).")
  String links;

  @Option(
      names = "--uplink-mbps",
      defaultValue = "0",
      description =
          "With --links full: each peer's uplink in Mbit/s, with a 50 ms drop-tail queue"
              + " (default 0: unlimited).")
  double uplinkMbps;

  @Option(
      names = "--strict-codec",
      description = "Encode and decode every message, as on a socket.")
  boolean strictCodec;

  @Option(
      names = "--out",
      description = "Directory for metrics.json, peers.csv, edges.csv and graph files.")
  Path outputDirectory;

  @Option(
      names = "--ledger",
      description =
          "Ledger scenario: peers post and vote (with --loss, --ledger-partition, --ledger-crash-fraction);"
              + " reports ledger.converged, ledger.convergenceSeconds, ledger.bytesPerTransitionPerPeer."
              + " Exit code 1 if the live peers did not converge.")
  boolean ledger;

  @Option(
      names = "--ledger-seconds",
      defaultValue = "20",
      description = "Ledger: seconds of posting and voting (default ${DEFAULT-VALUE}).")
  double ledgerSeconds;

  @Option(
      names = "--ledger-rate",
      defaultValue = "10",
      description = "Ledger: transitions per second over the network (default ${DEFAULT-VALUE}).")
  double ledgerRate;

  @Option(
      names = "--ledger-partition",
      description = "Ledger: split the peers in two halves from 20 % to 60 % of the activity.")
  boolean ledgerPartition;

  @Option(
      names = "--ledger-crash-fraction",
      defaultValue = "0",
      description = "Ledger: share of peers that crash at half the activity (default 0).")
  double ledgerCrashFraction;

  @Option(
      names = "--ledger-equivocate",
      description = "Ledger: one key signs two transitions with one sequence number.")
  boolean ledgerEquivocate;

  @Option(
      names = "--ledger-no-reconcile",
      description = "Ledger: turn periodic reconciliation off (push and parent fetch only).")
  boolean ledgerNoReconcile;

  @Option(
      names = "--ledger-real-signatures",
      description = "Ledger: real Ed25519 (slow at scale) instead of a cheap simulated signature.")
  boolean ledgerRealSignatures;

  @Option(
      names = "--ledger-drain-s",
      defaultValue = "120",
      description =
          "Ledger: how long to wait for convergence after the activity (default ${DEFAULT-VALUE}).")
  double ledgerDrainSeconds;

  @Option(names = "--json", description = "Print one JSON object on stdout.")
  boolean json;

  @Option(names = "--quiet", description = "No progress bar on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    if (scenario.equals("transfer")) {
      return TransferRun.run(this, spec.commandLine().getOut());
    }
    if (ledger || scenario.equals("ledger")) {
      require(
          ledgerSeconds > 0 && ledgerRate > 0 && ledgerDrainSeconds > 0,
          "ledger times must be positive");
      require(
          ledgerCrashFraction >= 0 && ledgerCrashFraction < 1,
          "--ledger-crash-fraction must be in [0, 1)");
      require(peers != null && peers >= 2, "--ledger needs --peers of at least 2");
      LedgerScenario ledgerScenario =
          new LedgerScenario(
              ledgerSeconds,
              ledgerRate,
              loss,
              ledgerPartition,
              ledgerCrashFraction,
              ledgerEquivocate,
              !ledgerNoReconcile,
              ledgerRealSignatures,
              ledgerDrainSeconds);
      return LedgerSimRun.run(settings(), ledgerScenario, json, spec.commandLine().getOut());
    }
    require(
        scenario.equals("membership"),
        "--scenario must be membership or transfer, was " + scenario);
    SimRunSettings settings = settings();
    PrintWriter err = spec.commandLine().getErr();
    // A redrawn bar only makes sense on a terminal; redirected stderr gets no bar.
    ProgressBar progress = new ProgressBar(err, quiet || System.console() == null);
    resetPeakHeap();
    long started = System.nanoTime();
    SimRun.Result result = SimRun.run(settings, progress::update);
    double wallSeconds = (System.nanoTime() - started) / 1e9;
    progress.finish();
    ObjectNode report = SimReport.toJson(result, wallSeconds, peakHeapBytes());
    if (outputDirectory != null) {
      SimOutput.write(result, report, outputDirectory, err);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(SimReport.mapper().writeValueAsString(report));
    } else {
      out.println(SimSummary.describe(report));
    }
    out.flush();
    return 0;
  }

  /** Checks every argument and builds the settings; nonsense is a ParameterException (exit 2). */
  SimRunSettings settings() {
    require(peers != null, "--peers is required");
    require(peers >= 1, "--peers must be at least 1, was " + peers);
    require(peers <= 10_000_000, "--peers must be at most 10,000,000, was " + peers);
    require(c >= 0 && c <= 64, "--c must be between 0 and 64, was " + c);
    require(loss >= 0 && loss <= 1, "--loss must be between 0 and 1, was " + loss);
    require(delayMeanMs >= 0 && delaySdMs >= 0 && jitterSdMs >= 0, "delays must not be negative");
    require(walkHops >= 0 && walkHops <= 255, "--walk-hops must be between 0 and 255");
    require(waveSize == null || waveSize >= 1, "--wave-size must be at least 1");
    require(waveIntervalMs > 0, "--wave-interval-ms must be positive");
    require(settleMs >= 0, "--settle-ms must not be negative");
    require(leaveFraction >= 0 && leaveFraction <= 1, "--leave-fraction must be between 0 and 1");
    require(crashFraction >= 0 && crashFraction <= 1, "--crash-fraction must be between 0 and 1");
    require(leaveFraction + crashFraction <= 1, "--leave-fraction plus --crash-fraction exceeds 1");
    require(links.equals("ideal") || links.equals("full"), "--links must be ideal or full");
    require(uplinkMbps >= 0, "--uplink-mbps must not be negative");
    require(uplinkMbps == 0 || links.equals("full"), "--uplink-mbps needs --links full");
    require(churnObserveSeconds >= 0 && churnSampleSeconds > 0, "churn times must be positive");
    boolean hasChurn = leaveFraction > 0 || crashFraction > 0;
    BroadcastScenario broadcast = broadcastScenario();
    BroadcastConfig broadcastConfig = broadcastConfig();
    // Failures and loss need SCAMP's heartbeats: crashed peers must be forgotten, and bookkeeping
    // that lost messages broke must be repaired.
    boolean needsMaintenance = hasChurn || failFraction > 0 || loss > 0;
    double heartbeat = heartbeatMs != null ? heartbeatMs : needsMaintenance ? 2000 : 0;
    double lease = leaseSeconds != null ? leaseSeconds : hasChurn ? 60 : 0;
    require(heartbeat >= 0 && lease >= 0, "--heartbeat-ms and --lease-s must not be negative");
    require(heartbeat == 0 || heartbeat >= 10, "--heartbeat-ms must be at least 10 (or 0 for off)");

    SimSettings network =
        new SimSettings(
            seed,
            peers,
            micros(delayMeanMs * MILLI),
            micros(delaySdMs * MILLI),
            micros(jitterSdMs * MILLI),
            loss,
            strictCodec);
    long heartbeatMicros = micros(heartbeat * MILLI);
    ScampConfig membership =
        new ScampConfig(
            c,
            walkHops,
            10,
            heartbeatMicros,
            Math.max(8 * SECOND, 4 * heartbeatMicros),
            Math.max(10 * SECOND, 5 * heartbeatMicros),
            micros(lease * SECOND));
    JoinSchedule joins =
        waveSize == null
            ? new JoinSchedule(
                JoinSchedule.forPeers(peers).waveSize(), micros(waveIntervalMs * MILLI))
            : new JoinSchedule(waveSize, micros(waveIntervalMs * MILLI));
    ChurnScenario churn =
        hasChurn
            ? new ChurnScenario(
                leaveFraction,
                crashFraction,
                micros(churnObserveSeconds * SECOND),
                micros(churnSampleSeconds * SECOND))
            : null;
    if (outputDirectory != null) {
      require(
          !Files.isRegularFile(outputDirectory),
          "--out names a file, not a directory: " + outputDirectory);
    }
    return new SimRunSettings(
        peers,
        network,
        membership,
        joins,
        micros(settleMs * MILLI),
        churn,
        outputDirectory,
        broadcastConfig,
        broadcast,
        links.equals("full"),
        Math.round(uplinkMbps * 1_000_000));
  }

  private BroadcastScenario broadcastScenario() {
    require(broadcasts >= 0 && broadcasts <= 100_000, "--broadcasts must be between 0 and 100,000");
    require(failFraction >= 0 && failFraction < 1, "--fail-fraction must be in [0, 1)");
    if (broadcasts == 0) {
      require(failFraction == 0, "--fail-fraction needs --broadcasts");
      return null;
    }
    require(peers >= 2, "broadcasts need at least 2 peers");
    Senders who =
        switch (senders) {
          case "single" -> Senders.SINGLE;
          case "random" -> Senders.RANDOM;
          case "all" -> Senders.ALL;
          default ->
              throw new ParameterException(
                  spec.commandLine(), "--senders must be single, random or all, was " + senders);
        };
    require(broadcastIntervalMs > 0, "--broadcast-interval-ms must be positive");
    BroadcastScenario scenario =
        BroadcastScenario.of(broadcasts, who).withInterval(micros(broadcastIntervalMs * MILLI));
    if (failFraction > 0) {
      require(
          failAfter >= 1 && failAfter < broadcasts,
          "--fail-after must be between 1 and --broadcasts - 1");
      scenario = scenario.withFailure(failFraction, failAfter);
    }
    return scenario;
  }

  private BroadcastConfig broadcastConfig() {
    BroadcastConfig config = BroadcastConfig.defaults();
    require(!(flood && trees != null), "--flood and --trees exclude each other");
    if (flood) {
      return config.withMode(BroadcastMode.FLOOD);
    }
    if (trees == null) {
      return config;
    }
    return switch (trees) {
      case "shared" -> config.withMode(BroadcastMode.SHARED);
      case "per-source" -> config.withMode(BroadcastMode.PER_SOURCE);
      case "hybrid" -> config.withMode(BroadcastMode.HYBRID);
      default ->
          throw new ParameterException(
              spec.commandLine(), "--trees must be shared, per-source or hybrid, was " + trees);
    };
  }

  void require(boolean condition, String reason) {
    if (!condition) {
      throw new ParameterException(spec.commandLine(), reason);
    }
  }

  private static long micros(double value) {
    return Math.round(value);
  }

  private static void resetPeakHeap() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peaks since the reset: an upper bound on the peak heap in use. */
  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
