package org.catdit.sim.graph;

import java.util.Locale;

/** {@link GraphMetrics} as a few plain lines for the run log and {@code metrics.txt}. */
public final class GraphMetricsText {

  private GraphMetricsText() {}

  public static String format(GraphMetrics metrics) {
    DegreeStats out = metrics.outDegree();
    DegreeStats in = metrics.inDegree();
    ClusteringEstimate clustering = metrics.clustering();
    PathLengthStats paths = metrics.pathLengths();
    StringBuilder text = new StringBuilder();
    line(
        text, "overlay: %,d peers, %,d directed links", metrics.vertexCount(), metrics.edgeCount());
    line(
        text,
        "out-degree (view size): min %d, mean %.2f, sd %.2f, max %d",
        out.min(),
        out.mean(),
        out.standardDeviation(),
        out.max());
    line(
        text,
        "in-degree: min %d, mean %.2f, sd %.2f, max %d; peers in nobody's view: %,d",
        in.min(),
        in.mean(),
        in.standardDeviation(),
        in.max(),
        metrics.inDegreeZeroCount());
    line(text, "isolated peers (in- or out-degree 0): %,d", metrics.isolatedPeerCount());
    line(
        text,
        "strongly connected: %s (strong components: %,d, largest %,d peers)",
        metrics.isStronglyConnected() ? "yes" : "no",
        metrics.strongComponents().count(),
        metrics.strongComponents().largestSize());
    line(
        text,
        "weak components: %,d (largest %,d peers)",
        metrics.weakComponents().count(),
        metrics.weakComponents().largestSize());
    line(
        text,
        "clustering coefficient (out-views): %.4f (%s over %,d peers)",
        clustering.coefficient(),
        clustering.isExact() ? "exact" : "sampled",
        clustering.vertexCount());
    line(
        text,
        "shortest paths: mean %.2f hops, diameter %s %d (%s, %,d sources, %.1f%% of pairs reachable)",
        paths.meanHops(),
        paths.isExact() ? "=" : ">=",
        paths.diameterSeenHops(),
        paths.isExact() ? "exact" : "sampled",
        paths.sourceCount(),
        100 * paths.reachableFraction(metrics.vertexCount()));
    return text.toString();
  }

  // A fixed locale keeps the decimal point a point whatever machine writes the log.
  private static void line(StringBuilder text, String format, Object... arguments) {
    text.append(String.format(Locale.ROOT, format, arguments)).append('\n');
  }
}
