package org.catdit.app;

import com.fasterxml.jackson.databind.JsonNode;

/** The human-readable summary {@code catdit sim} prints without --json. */
final class SimSummary {
  private SimSummary() {}

  static String describe(JsonNode report) {
    JsonNode membership = report.get("membership");
    JsonNode run = report.get("run");
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%d peers, c=%d, seed %d%n",
            report.get("peers").asInt(), report.get("c").asInt(), report.get("seed").asLong()));
    text.append(
        String.format(
            "view size   mean %.2f (theory (c+1)·ln N = %.2f), min %d, max %d%n",
            membership.get("viewSizeMean").asDouble(),
            membership.get("viewSizeTheory").asDouble(),
            membership.get("viewSizeMin").asInt(),
            membership.get("viewSizeMax").asInt()));
    text.append(
        String.format(
            "in-degree   min %d, max %d; isolated peers %d%n",
            membership.get("inDegreeMin").asInt(),
            membership.get("inDegreeMax").asInt(),
            membership.get("isolatedPeers").asInt()));
    text.append(
        String.format(
            "connected   strongly: %s (%d components), weak components %d%n",
            membership.get("stronglyConnected").asBoolean() ? "yes" : "NO",
            membership.get("stronglyConnectedComponents").asInt(),
            membership.get("weakComponents").asInt()));
    text.append(
        String.format(
            "shape       clustering %.4f, mean path %.2f hops, diameter seen %d%n",
            membership.get("clustering").asDouble(),
            membership.get("pathLengthMean").asDouble(),
            membership.get("diameterSeen").asInt()));
    text.append(histogram("view sizes", membership.get("viewSizeHistogram")));
    JsonNode churn = report.get("churn");
    if (churn != null) {
      text.append(
          String.format(
              "churn       %d left, %d crashed, %d survive; recovered after %s%n",
              churn.get("left").asInt(),
              churn.get("crashed").asInt(),
              churn.get("survivors").asInt(),
              churn.get("recoverySeconds").asDouble() < 0
                  ? "never (within the observation)"
                  : churn.get("recoverySeconds").asDouble() + " s"));
      for (JsonNode sample : churn.get("timeline")) {
        text.append(
            String.format(
                "  t+%5.0fs  view %.2f  in-min %d  isolated %d  strongly connected %s  dead arcs %d%n",
                sample.get("secondsAfterChurn").asDouble(),
                sample.get("viewSizeMean").asDouble(),
                sample.get("inDegreeMin").asInt(),
                sample.get("isolatedPeers").asInt(),
                sample.get("stronglyConnected").asBoolean() ? "yes" : "NO",
                sample.get("deadArcs").asLong()));
      }
    }
    text.append(
        String.format(
            "run         %,d events in %.2f s wall (%.1f s virtual), peak heap %d MB, trace %s",
            run.get("events").asLong(),
            run.get("wallSeconds").asDouble(),
            run.get("virtualSeconds").asDouble(),
            run.get("peakHeapBytes").asLong() >> 20,
            run.get("traceHash").asText()));
    return text.toString();
  }

  /** A text histogram, one row per degree, bars scaled to 50 characters. */
  static String histogram(String title, JsonNode counts) {
    int max = 1;
    for (JsonNode count : counts) {
      max = Math.max(max, count.asInt());
    }
    StringBuilder text = new StringBuilder(title).append(System.lineSeparator());
    boolean started = false;
    for (int degree = 0; degree < counts.size(); degree++) {
      int count = counts.get(degree).asInt();
      started |= count > 0;
      if (started) {
        text.append(
            String.format(
                "  %4d │%-50s %d%n",
                degree, "█".repeat((int) Math.ceil(50.0 * count / max)), count));
      }
    }
    return text.toString();
  }
}
