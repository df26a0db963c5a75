package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandTest {
  private record Outcome(int status, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(status, out.toString(), err.toString());
  }

  @Test
  void printsOneJsonObjectWithTheDocumentedFields() throws Exception {
    Outcome outcome = run("sim", "--peers", "300", "--c", "1", "--seed", "5", "--json");
    assertEquals(0, outcome.status(), outcome.err());
    JsonNode report = new ObjectMapper().readTree(outcome.out());
    assertEquals(300, report.get("peers").asInt());
    assertEquals(5, report.get("seed").asLong());
    assertEquals(1, report.get("c").asInt());
    JsonNode membership = report.get("membership");
    for (String field :
        new String[] {
          "viewSizeMean", "viewSizeTheory", "viewSizeMin", "viewSizeMax", "inDegreeMin",
          "isolatedPeers", "stronglyConnected", "weakComponents", "clustering", "pathLengthMean"
        }) {
      assertTrue(membership.has(field), "membership." + field);
    }
    assertEquals(2 * Math.log(300), membership.get("viewSizeTheory").asDouble(), 1e-3);
    assertTrue(membership.get("stronglyConnected").asBoolean());
    assertEquals(0, membership.get("isolatedPeers").asInt());
    JsonNode run = report.get("run");
    for (String field : new String[] {"events", "wallSeconds", "peakHeapBytes", "traceHash"}) {
      assertTrue(run.has(field), "run." + field);
    }
  }

  @Test
  void sameSeedSameTraceDifferentSeedDifferentTrace() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    String first =
        mapper
            .readTree(run("sim", "--peers", "200", "--seed", "9", "--json").out())
            .at("/run/traceHash")
            .asText();
    String again =
        mapper
            .readTree(run("sim", "--peers", "200", "--seed", "9", "--json").out())
            .at("/run/traceHash")
            .asText();
    String other =
        mapper
            .readTree(run("sim", "--peers", "200", "--seed", "10", "--json").out())
            .at("/run/traceHash")
            .asText();
    assertEquals(first, again);
    assertTrue(!first.equals(other), "a different seed gives a different trace");
  }

  @Test
  void nonsenseArgumentsExitWithStatusTwoAndOneLine() {
    String[][] nonsense = {
      {"sim", "--peers", "-5"},
      {"sim", "--peers", "10", "--loss", "1.5"},
      {"sim", "--peers", "10", "--no-such-flag"},
      {"sim", "--peers", "ten"},
      {"sim"},
      {"sim", "--peers", "10", "--c", "-1"},
      {"sim", "--peers", "10", "--leave-fraction", "0.7", "--crash-fraction", "0.5"},
    };
    for (String[] args : nonsense) {
      Outcome outcome = run(args);
      assertEquals(2, outcome.status(), String.join(" ", args));
      assertEquals(1, outcome.err().strip().lines().count(), "one line: " + outcome.err());
      assertTrue(outcome.err().startsWith("catdit: "), outcome.err());
      assertEquals("", outcome.out());
    }
  }

  @Test
  void churnReportsATimeline() throws Exception {
    Outcome outcome =
        run(
            "sim",
            "--peers",
            "300",
            "--seed",
            "2",
            "--leave-fraction",
            "0.2",
            "--crash-fraction",
            "0.1",
            "--churn-observe-s",
            "30",
            "--churn-sample-s",
            "10",
            "--json");
    assertEquals(0, outcome.status(), outcome.err());
    JsonNode churn = new ObjectMapper().readTree(outcome.out()).get("churn");
    assertEquals(60, churn.get("left").asInt());
    assertEquals(30, churn.get("crashed").asInt());
    assertEquals(210, churn.get("survivors").asInt());
    assertEquals(4, churn.get("timeline").size());
    JsonNode last = churn.get("timeline").get(3);
    assertEquals(0, last.get("deadArcs").asLong(), "failure detection removed every crashed peer");
  }

  @Test
  void broadcastsReportTheTreeFiguresAndWriteItsPicture(@TempDir Path directory) throws Exception {
    Outcome outcome =
        run(
            "sim",
            "--peers",
            "200",
            "--seed",
            "3",
            "--broadcasts",
            "12",
            "--senders",
            "random",
            "--out",
            directory.toString(),
            "--json");
    assertEquals(0, outcome.status(), outcome.err());
    JsonNode broadcast = new ObjectMapper().readTree(outcome.out()).get("broadcast");
    for (String field :
        new String[] {
          "count",
          "reliabilityMin",
          "reliabilityMean",
          "rmrFirst",
          "rmrSteady",
          "ldhMax",
          "latencyP50Ms",
          "latencyP99Ms",
          "controlPerPayload",
          "duplicatesPerPeerMean"
        }) {
      assertTrue(broadcast.has(field), "broadcast." + field);
    }
    assertEquals(12, broadcast.get("count").asInt());
    assertEquals(1.0, broadcast.get("reliabilityMin").asDouble());
    assertTrue(Files.size(directory.resolve("tree.png")) > 1000);
    assertTrue(
        Files.readString(directory.resolve("peers.csv"))
            .startsWith("peer,outDegree,inDegree,payload_copies"));

    JsonNode failure =
        new ObjectMapper()
            .readTree(
                run(
                        "sim",
                        "--peers",
                        "200",
                        "--seed",
                        "3",
                        "--broadcasts",
                        "15",
                        "--fail-fraction",
                        "0.5",
                        "--fail-after",
                        "5",
                        "--json")
                    .out())
            .get("broadcast");
    assertTrue(failure.has("reliabilityAfterFailureMin"));
    assertTrue(failure.has("survivorsReachableFraction"));

    assertEquals(2, run("sim", "--peers", "50", "--broadcasts", "5", "--senders", "some").status());
    assertEquals(2, run("sim", "--peers", "50", "--broadcasts", "5", "--trees", "forest").status());
    assertEquals(2, run("sim", "--peers", "50", "--fail-fraction", "0.5").status());
    assertEquals(
        2,
        run("sim", "--peers", "50", "--broadcasts", "5", "--flood", "--trees", "shared").status());
  }

  @Test
  void transferScenarioReportsLinkFigures() throws Exception {
    Outcome outcome =
        run(
            "sim",
            "--scenario",
            "transfer",
            "--flows",
            "2",
            "--mb",
            "2",
            "--loss",
            "0.01",
            "--json");
    assertEquals(0, outcome.status(), outcome.err());
    JsonNode link = new ObjectMapper().readTree(outcome.out()).get("link");
    for (String field :
        new String[] {
          "goodputMbps",
          "bottleneckMbps",
          "messagesSent",
          "messagesDelivered",
          "duplicatesDelivered",
          "outOfOrderDelivered",
          "jainFairness",
          "controlLatencyP99Ms",
          "idleLatencyP99Ms"
        }) {
      assertTrue(link.has(field), "link." + field);
    }
    assertEquals(0, link.get("duplicatesDelivered").asLong());
    assertEquals(0, link.get("outOfOrderDelivered").asLong());
    assertTrue(link.get("goodputMbps").asDouble() > 0);
    assertEquals(2, run("sim", "--scenario", "teleport").status());
    assertEquals(2, run("sim", "--scenario", "transfer", "--controller", "cubic").status());
  }

  @Test
  void writesMetricsIntoTheOutputDirectory(@TempDir Path directory) throws Exception {
    Outcome outcome = run("sim", "--peers", "100", "--out", directory.toString(), "--quiet");
    assertEquals(0, outcome.status(), outcome.err());
    JsonNode metrics = new ObjectMapper().readTree(directory.resolve("metrics.json").toFile());
    assertEquals(100, metrics.get("peers").asInt());
    assertTrue(outcome.out().contains("view size"));
    assertTrue(Files.size(directory.resolve("metrics.json")) > 100);
  }
}
