package org.catdit.sim.broadcast;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.catdit.overlay.broadcast.BroadcastConfig;
import org.catdit.overlay.broadcast.BroadcastMode;
import org.catdit.overlay.membership.ScampConfig;
import org.catdit.overlay.node.NodeConfig;
import org.catdit.sim.SimSettings;
import org.catdit.sim.Simulation;

/**
 * Runs broadcast experiments by hand until the {@code sim} command carries them; one JSON line per
 * seed on standard output. Arguments are {@code key=value}: {@code n} (peers, 1000), {@code seeds}
 * (comma-separated, 1), {@code mode} (shared|per-source|hybrid|flood, hybrid), {@code senders}
 * (single|random|all, single), {@code broadcasts} (50), {@code intervalMs} (1000), {@code loss}
 * (0), {@code fail} (0), {@code failAfter} (10), {@code c} (1), {@code threshold} (the config's),
 * {@code graftMs} and {@code regraftMs} (the config's), {@code links} (both|out: PartialView ∪
 * InView both ways, or PartialView arcs only), {@code out} (a directory for peers.csv, tree.dot,
 * tree.png of the first seed).
 */
public final class BroadcastBench {
  private BroadcastBench() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("arguments are key=value, not " + arg);
      }
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int n = Integer.parseInt(options.getOrDefault("n", "1000"));
    BroadcastMode mode =
        BroadcastMode.valueOf(
            options.getOrDefault("mode", "hybrid").toUpperCase(Locale.ROOT).replace('-', '_'));
    Senders senders =
        Senders.valueOf(options.getOrDefault("senders", "single").toUpperCase(Locale.ROOT));
    int broadcasts = Integer.parseInt(options.getOrDefault("broadcasts", "50"));
    long intervalMicros = 1000L * Long.parseLong(options.getOrDefault("intervalMs", "1000"));
    double loss = Double.parseDouble(options.getOrDefault("loss", "0"));
    double fail = Double.parseDouble(options.getOrDefault("fail", "0"));
    int failAfter = Integer.parseInt(options.getOrDefault("failAfter", "10"));
    int c = Integer.parseInt(options.getOrDefault("c", "1"));
    Path out = options.containsKey("out") ? Path.of(options.get("out")) : null;

    BroadcastConfig broadcast = BroadcastConfig.defaults().withMode(mode);
    if (options.getOrDefault("links", "both").equals("out")) {
      broadcast = broadcast.withSymmetricLinks(false);
    }
    if (options.containsKey("threshold")) {
      broadcast =
          broadcast.withOptimizationThresholdHops(Integer.parseInt(options.get("threshold")));
    }
    if (options.containsKey("graftMs")) {
      broadcast =
          broadcast.withGraftTimeouts(
              1000L * Long.parseLong(options.get("graftMs")),
              1000L * Long.parseLong(options.getOrDefault("regraftMs", "150")));
    }
    // Failure and loss runs need heartbeats: SCAMP, and with it the tree, must forget crashed
    // peers and repair its bookkeeping when messages are lost.
    ScampConfig membership =
        fail > 0 || loss > 0
            ? ScampConfig.defaults().withC(c)
            : ScampConfig.defaults().withC(c).withoutMaintenance();
    NodeConfig config = new NodeConfig(membership, broadcast);
    BroadcastScenario scenario =
        BroadcastScenario.of(broadcasts, senders).withInterval(intervalMicros);
    if (fail > 0) {
      scenario = scenario.withFailure(fail, failAfter);
    }
    ObjectMapper json = new ObjectMapper();
    boolean isFirst = true;
    for (String seedText : options.getOrDefault("seeds", "1").split(",")) {
      long seed = Long.parseLong(seedText.trim());
      SimSettings base = SimSettings.defaults(seed, n);
      SimSettings settings =
          new SimSettings(
              seed,
              n,
              base.delayMeanMicros(),
              base.delaySdMicros(),
              base.jitterSdMicros(),
              loss,
              false);
      // The overlay joins without loss (SCAMP's join has no retry yet, see docs/broadcast.md); the
      // loss then applies to everything from the first broadcast on.
      Simulation sim = JoinedOverlay.build(SimSettings.defaults(seed, n), config, n);
      sim.setLossProbability(settings.lossProbability());
      BroadcastExperiment experiment = new BroadcastExperiment(sim, scenario);
      BroadcastResult result = experiment.run();
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("n", n);
      line.put("seed", seed);
      line.put("mode", mode.name().toLowerCase(Locale.ROOT));
      line.put("senders", senders.name().toLowerCase(Locale.ROOT));
      line.put("loss", loss);
      line.put("fail", fail);
      line.putAll(result.toJsonMap());
      line.put(
          "reliabilityOfReachableAfterFailureMin", result.reliabilityOfReachableAfterFailureMin());
      line.put("settleBroadcasts", result.settleBroadcasts());
      line.put("latencyMaxMs", result.latencyMaxMs());
      System.out.println(json.writeValueAsString(line));
      if (out != null && isFirst) {
        Files.createDirectories(out);
        BroadcastOutput.writePeersCsv(out.resolve("peers.csv"), sim, result);
        BroadcastOutput.writeBroadcastsCsv(out.resolve("broadcasts.csv"), result);
        if (n <= BroadcastOutput.MAX_DRAWN_PEERS) {
          TreePicture picture = new TreePicture(sim, experiment.lastTree());
          picture.writeDot(out.resolve("tree.dot"));
          picture.writePng(out.resolve("tree.png"));
        }
      }
      isFirst = false;
    }
  }
}
