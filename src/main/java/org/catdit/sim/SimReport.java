package org.catdit.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.catdit.overlay.membership.MembershipCounters;
import org.catdit.overlay.wire.MessageType;
import org.catdit.sim.graph.GraphMetrics;

/** The JSON object {@code catdit sim --json} prints, and {@code metrics.json} holds. */
public final class SimReport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SimReport() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode toJson(SimRun.Result result, double wallSeconds, long peakHeapBytes) {
    SimRunSettings settings = result.settings();
    Simulation simulation = result.simulation();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("peers", settings.peers());
    root.put("seed", settings.network().seed());
    root.put("c", settings.membership().c());

    ObjectNode network = root.putObject("network");
    network.put("delayMeanMs", settings.network().delayMeanMicros() / 1000.0);
    network.put("delaySdMs", settings.network().delaySdMicros() / 1000.0);
    network.put("jitterSdMs", settings.network().jitterSdMicros() / 1000.0);
    network.put("loss", settings.network().lossProbability());
    network.put("strictCodec", settings.network().isStrictCodec());
    network.put("links", settings.isLinked() ? "full" : "ideal");
    network.put("uplinkMbps", settings.uplinkBitsPerSecond() / 1e6);

    ObjectNode joins = root.putObject("joins");
    joins.put("waveSize", settings.joins().waveSize());
    joins.put("waveIntervalMs", settings.joins().waveIntervalMicros() / 1000.0);
    joins.put("waves", settings.joins().waveCount(settings.peers()));
    joins.put("walkHops", settings.membership().walkHops());
    joins.put("lastWaveSeconds", result.joinSeconds());

    ObjectNode membership = membership(result.membership(), settings);
    membership.set("counters", counters(simulation));
    root.set("membership", membership);
    root.set("messages", messages(simulation));
    if (result.broadcast() != null) {
      ObjectNode broadcast = root.putObject("broadcast");
      broadcast.put("mode", settings.broadcastConfig().mode().name().toLowerCase(Locale.ROOT));
      broadcast.put("senders", settings.broadcast().senders().name().toLowerCase(Locale.ROOT));
      broadcast.put("intervalMs", settings.broadcast().intervalMicros() / 1000.0);
      for (Map.Entry<String, Object> entry : result.broadcast().toJsonMap().entrySet()) {
        Object value = entry.getValue();
        if (value instanceof Double number) {
          // NaN (a figure that does not apply) becomes null: JSON has no NaN.
          broadcast.put(entry.getKey(), Double.isNaN(number) ? null : round(number));
        } else {
          broadcast.set(entry.getKey(), MAPPER.valueToTree(value));
        }
      }
      if (settings.broadcast().hasFailure()) {
        broadcast.put(
            "reliabilityOfReachableAfterFailureMin",
            nullIfNaN(result.broadcast().reliabilityOfReachableAfterFailureMin()));
        broadcast.put("settleBroadcasts", result.broadcast().settleBroadcasts());
      }
      broadcast.put("latencyMaxMs", round(result.broadcast().latencyMaxMs()));
    }
    if (result.churn() != null) {
      root.set("churn", churn(result.churn(), settings));
    }

    ObjectNode run = root.putObject("run");
    run.put("events", simulation.eventsRun());
    run.put("virtualSeconds", simulation.now() / 1e6);
    run.put("wallSeconds", Math.round(wallSeconds * 1000) / 1000.0);
    run.put("peakHeapBytes", peakHeapBytes);
    run.put("traceHash", HexFormat.of().toHexDigits(simulation.traceHash()));
    return root;
  }

  private static ObjectNode membership(GraphMetrics metrics, SimRunSettings settings) {
    ObjectNode node = MAPPER.createObjectNode();
    int c = settings.membership().c();
    node.put("viewSizeMean", round(metrics.outDegree().mean()));
    node.put("viewSizeTheory", round((c + 1) * Math.log(settings.peers())));
    node.put("viewSizeMin", metrics.outDegree().min());
    node.put("viewSizeMax", metrics.outDegree().max());
    node.put("viewSizeSd", round(metrics.outDegree().standardDeviation()));
    ArrayNode viewHistogram = node.putArray("viewSizeHistogram");
    for (int count : metrics.outDegree().histogram()) {
      viewHistogram.add(count);
    }
    node.put("inDegreeMin", metrics.inDegree().min());
    node.put("inDegreeMax", metrics.inDegree().max());
    node.put("inDegreeZero", metrics.inDegreeZeroCount());
    ArrayNode inHistogram = node.putArray("inDegreeHistogram");
    for (int count : metrics.inDegree().histogram()) {
      inHistogram.add(count);
    }
    node.put("isolatedPeers", metrics.isolatedPeerCount());
    node.put("stronglyConnected", metrics.isStronglyConnected());
    node.put("stronglyConnectedComponents", metrics.strongComponentCount());
    node.put("weakComponents", metrics.weakComponentCount());
    node.put("clustering", round(metrics.clustering().coefficient()));
    node.put("clusteringExact", metrics.clustering().isExact());
    node.put("pathLengthMean", round(metrics.pathLengths().meanHops()));
    node.put("pathLengthExact", metrics.pathLengths().isExact());
    node.put("diameterSeen", metrics.pathLengths().diameterSeenHops());
    return node;
  }

  /** SCAMP's counters summed over every peer (live or not) since the start. */
  private static ObjectNode counters(Simulation simulation) {
    long[] sums = new long[12];
    for (int peer = 0; peer < simulation.peerCount(); peer++) {
      MembershipCounters counters = simulation.node(peer).membership().counters();
      sums[0] += counters.subscriptionsHandledAsContact();
      sums[1] += counters.subscriptionsWalked();
      sums[2] += counters.subscriptionsKept();
      sums[3] += counters.subscriptionsForwarded();
      sums[4] += counters.subscriptionsKeptAtHopLimit();
      sums[5] += counters.subscriptionsDropped();
      sums[6] += counters.rejoins();
      sums[7] += counters.leaseResubscriptions();
      sums[8] += counters.leaseExpiries();
      sums[9] += counters.failuresDetected();
      sums[10] += counters.bookkeepingRepairs();
      sums[11] += counters.partitionRejoins();
    }
    String[] names = {
      "handledAsContact",
      "walkSteps",
      "kept",
      "forwarded",
      "keptAtHopLimit",
      "dropped",
      "rejoins",
      "leaseRenewals",
      "leaseExpiries",
      "failuresDetected",
      "bookkeepingRepairs",
      "partitionRejoins"
    };
    ObjectNode node = MAPPER.createObjectNode();
    for (int i = 0; i < names.length; i++) {
      node.put(names[i], sums[i]);
    }
    return node;
  }

  private static ObjectNode messages(Simulation simulation) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("sent", simulation.datagramsSent());
    node.put("delivered", simulation.datagramsDelivered());
    node.put("lost", simulation.datagramsLost());
    node.put("toDeadPeers", simulation.datagramsToDeadPeers());
    node.put("cutByPartition", simulation.datagramsCutByPartition());
    node.put("malformed", simulation.datagramsMalformed());
    if (simulation.usesLinks()) {
      node.put("linkDatagramsSent", simulation.linkDatagramsSent());
      node.put("linkDatagramsDelivered", simulation.linkDatagramsDelivered());
      node.put("linkDatagramBytes", simulation.linkDatagramBytes());
      node.put("droppedAtUplink", simulation.datagramsDroppedAtUplink());
    }
    ObjectNode byType = node.putObject("receivedByType");
    for (MessageType type : MessageType.values()) {
      long received = simulation.received(type);
      if (received > 0) {
        byType.put(type.name(), received);
      }
    }
    int peers = simulation.peerCount();
    node.put(
        "receivedPerPeerMean",
        round((double) simulation.datagramsDelivered() / Math.max(1, peers)));
    // The proposal's packet counting: how evenly each type of message falls on the peers.
    ObjectNode perPeer = node.putObject("receivedPerPeerByType");
    for (MessageType type : MessageType.values()) {
      if (simulation.received(type) == 0) {
        continue;
      }
      int max = 0;
      for (int peer = 0; peer < peers; peer++) {
        max = Math.max(max, simulation.received(type, peer));
      }
      ObjectNode entry = perPeer.putObject(type.name());
      entry.put("mean", round((double) simulation.received(type) / Math.max(1, peers)));
      entry.put("max", max);
    }
    return node;
  }

  private static ObjectNode churn(ChurnScenario.Result churn, SimRunSettings settings) {
    ObjectNode node = MAPPER.createObjectNode();
    int c = settings.membership().c();
    node.put("peersBefore", churn.peersBefore());
    node.put("left", churn.left());
    node.put("crashed", churn.crashed());
    node.put("survivors", churn.survivors());
    node.put("viewSizeTheorySurvivors", round((c + 1) * Math.log(Math.max(1, churn.survivors()))));
    node.put("recoverySeconds", churn.recoverySeconds());
    ArrayNode samples = node.putArray("timeline");
    for (ChurnScenario.Sample sample : churn.samples()) {
      ObjectNode entry = samples.addObject();
      entry.put("secondsAfterChurn", sample.secondsAfterChurn());
      entry.put("viewSizeMean", round(sample.viewSizeMean()));
      entry.put("viewSizeMin", sample.viewSizeMin());
      entry.put("viewSizeMax", sample.viewSizeMax());
      entry.put("inDegreeMin", sample.inDegreeMin());
      entry.put("isolatedPeers", sample.isolatedPeers());
      entry.put("stronglyConnected", sample.stronglyConnected());
      entry.put("stronglyConnectedComponents", sample.stronglyConnectedComponents());
      entry.put("weakComponents", sample.weakComponents());
      entry.put("deadArcs", sample.deadArcs());
    }
    return node;
  }

  private static Double nullIfNaN(double value) {
    return Double.isNaN(value) ? null : round(value);
  }

  private static double round(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    return Math.round(value * 10_000) / 10_000.0;
  }
}
