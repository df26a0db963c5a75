package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TransportBenchCommandTest {
  private static final List<String> FIGURES =
      List.of(
          "linkMBps",
          "tcpMBps",
          "ratio",
          "linkMsgsPerSec",
          "tcpMsgsPerSec",
          "linkRttP50Us",
          "linkRttP99Us",
          "tcpRttP50Us",
          "tcpRttP99Us",
          "linkRttUnderBulkP50Us",
          "linkRttUnderBulkP99Us",
          "tcpRttUnderBulkP50Us",
          "tcpRttUnderBulkP99Us",
          "linkPingsUnderBulk",
          "tcpPingsUnderBulk");

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void smallLoopbackRunPrintsEveryFigureAndItsSettings() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        Main.execute(
            new String[] {
              "bench", "transport", "--mb", "2", "--messages", "200", "--warmup-mb", "0"
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true));

    assertEquals(0, status, err.toString());
    JsonNode report = new ObjectMapper().readTree(out.toString());
    for (String key : FIGURES) {
      assertTrue(report.path(key).isNumber(), key + " missing in " + report);
      assertTrue(report.get(key).asDouble() > 0, key + " not positive in " + report);
    }
    assertTrue(report.path("linkUnderBulkWithinIdlePlus50ms").isBoolean(), report.toString());
    assertEquals(5, report.path("ratioRounds").size(), "five alternating rounds by default");
    assertEquals(5, report.path("linkMBpsRounds").size());
    assertEquals(5, report.path("tcpMBpsRounds").size());
    JsonNode settings = report.path("settings");
    assertTrue(settings.path("packetProtection").asBoolean(), "protection is on by default");
    assertEquals(200, settings.path("messages").asInt());
    assertTrue(settings.path("bulkBytes").asLong() >= 2_000_000);
  }

  @Test
  void nonsenseArgumentsAreRefusedWithStatusTwo() {
    StringWriter err = new StringWriter();
    int status =
        Main.execute(
            new String[] {"bench", "transport", "--mb", "-1"},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));

    assertEquals(2, status);
    assertTrue(err.toString().contains("--mb"), err.toString());
  }
}
