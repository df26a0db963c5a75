package org.catdit.sim.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * {@code overlay.png}: the overlay drawn with a force-directed layout, links as thin translucent
 * lines (with arrowheads when few enough to read), peers coloured by in-degree, and peers nobody
 * points to ringed in red, since they never receive gossip.
 */
public final class OverlayPicture {

  /** Above a few thousand peers the picture is a solid disc and the layout takes too long. */
  public static final int MAX_VERTICES = 2_000;

  public static final int WIDTH_PIXELS = 1400;
  public static final int HEIGHT_PIXELS = 1500;

  private static final int MARGIN_PIXELS = 40;
  private static final int HEADER_PIXELS = 100;
  private static final int LEGEND_PIXELS = 90;
  private static final int ARROWHEADS_MAX_EDGES = 600;
  private static final Color EDGE_RGB = new Color(0xb4c8ff);

  private OverlayPicture() {}

  public static void write(OverlayGraph overlay, Path file, long layoutSeed) throws IOException {
    draw(overlay, Optional.empty(), file, layoutSeed);
  }

  /** As {@link #write(OverlayGraph, Path, long)}, with a metrics summary under the title. */
  public static void write(OverlayGraph overlay, GraphMetrics metrics, Path file, long layoutSeed)
      throws IOException {
    draw(overlay, Optional.of(metrics), file, layoutSeed);
  }

  private static void draw(
      OverlayGraph overlay, Optional<GraphMetrics> metrics, Path file, long layoutSeed)
      throws IOException {
    ForceLayout.Positions layout = ForceLayout.of(overlay, MAX_VERTICES, layoutSeed);
    int vertexCount = overlay.vertexCount();
    int[] inDegrees = overlay.inDegrees();
    int maxInDegree = Arrays.stream(inDegrees).max().orElse(0);
    ColorRamp ramp = new ColorRamp(0, maxInDegree);
    double nodeRadius = Math.max(3.0, Math.min(10.0, 220.0 / Math.sqrt(Math.max(1, vertexCount))));

    int plotSide = Math.min(WIDTH_PIXELS, HEIGHT_PIXELS - HEADER_PIXELS - LEGEND_PIXELS);
    double usable = plotSide - 2 * (MARGIN_PIXELS + nodeRadius);
    double left = (WIDTH_PIXELS - plotSide) / 2.0 + MARGIN_PIXELS + nodeRadius;
    double top = HEADER_PIXELS + MARGIN_PIXELS + nodeRadius;
    double[] x = new double[vertexCount];
    double[] y = new double[vertexCount];
    for (int v = 0; v < vertexCount; v++) {
      x[v] = left + layout.x()[v] * usable;
      y[v] = top + layout.y()[v] * usable;
    }

    BufferedImage image = Canvas.blank(WIDTH_PIXELS, HEIGHT_PIXELS);
    drawEdges(image, overlay, x, y, nodeRadius);
    Graphics2D graphics = Canvas.graphics(image);
    drawNodes(graphics, inDegrees, ramp, x, y, nodeRadius);
    drawHeader(graphics, overlay, metrics, layoutSeed);
    drawLegend(graphics, maxInDegree, inDegrees);
    graphics.dispose();
    Canvas.savePng(image, file);
  }

  private static void drawEdges(
      BufferedImage image, OverlayGraph overlay, double[] x, double[] y, double nodeRadius) {
    int edgeCount = Math.max(1, overlay.edgeCount());
    // Fainter lines as links multiply, so dense overlays show density rather than a white blot.
    double singleLineOpacity = Math.max(0.06, Math.min(0.6, 0.4 * Math.sqrt(300.0 / edgeCount)));
    EdgeInk ink = new EdgeInk(image.getWidth(), image.getHeight());
    int[] offsets = overlay.offsets();
    int[] targets = overlay.targets();
    for (int source = 0; source < overlay.vertexCount(); source++) {
      for (int e = offsets[source]; e < offsets[source + 1]; e++) {
        ink.addLine(x[source], y[source], x[targets[e]], y[targets[e]]);
      }
    }
    ink.paintOnto(image, EDGE_RGB, singleLineOpacity);
    if (overlay.edgeCount() <= ARROWHEADS_MAX_EDGES) {
      Graphics2D graphics = Canvas.graphics(image);
      graphics.setColor(withOpacity(EDGE_RGB, Math.min(1.0, 1.5 * singleLineOpacity)));
      for (int source = 0; source < overlay.vertexCount(); source++) {
        for (int e = offsets[source]; e < offsets[source + 1]; e++) {
          int target = targets[e];
          graphics.fill(arrowhead(x[source], y[source], x[target], y[target], nodeRadius));
        }
      }
      graphics.dispose();
    }
  }

  private static Color withOpacity(Color color, double opacity) {
    return new Color(
        color.getRed(), color.getGreen(), color.getBlue(), (int) Math.round(255 * opacity));
  }

  /** A small triangle touching the target node's rim, pointing along the link. */
  private static Path2D arrowhead(
      double fromX, double fromY, double toX, double toY, double nodeRadius) {
    double length = Math.hypot(toX - fromX, toY - fromY);
    Path2D.Double head = new Path2D.Double();
    if (length < 1e-6) {
      return head;
    }
    double unitX = (toX - fromX) / length;
    double unitY = (toY - fromY) / length;
    double tipX = toX - unitX * (nodeRadius + 1.5);
    double tipY = toY - unitY * (nodeRadius + 1.5);
    double headLength = 4 + nodeRadius * 0.6;
    double headHalfWidth = headLength * 0.45;
    double baseX = tipX - unitX * headLength;
    double baseY = tipY - unitY * headLength;
    head.moveTo(tipX, tipY);
    head.lineTo(baseX - unitY * headHalfWidth, baseY + unitX * headHalfWidth);
    head.lineTo(baseX + unitY * headHalfWidth, baseY - unitX * headHalfWidth);
    head.closePath();
    return head;
  }

  private static void drawNodes(
      Graphics2D graphics,
      int[] inDegrees,
      ColorRamp ramp,
      double[] x,
      double[] y,
      double nodeRadius) {
    // Popular peers on top, and in-degree-0 peers (drawn with a ring) last of all.
    Integer[] drawingOrder = new Integer[inDegrees.length];
    Arrays.setAll(drawingOrder, v -> v);
    Arrays.sort(
        drawingOrder,
        Comparator.<Integer>comparingInt(v -> inDegrees[v] == 0 ? 1 : 0)
            .thenComparingInt(v -> inDegrees[v])
            .thenComparingInt(v -> v));
    Ellipse2D.Double disc = new Ellipse2D.Double();
    BasicStroke outline = new BasicStroke((float) Math.max(0.8, nodeRadius / 5));
    BasicStroke ring = new BasicStroke((float) Math.max(1.5, nodeRadius / 3));
    for (int v : drawingOrder) {
      disc.setFrame(x[v] - nodeRadius, y[v] - nodeRadius, 2 * nodeRadius, 2 * nodeRadius);
      graphics.setColor(ramp.color(inDegrees[v]));
      graphics.fill(disc);
      graphics.setStroke(outline);
      graphics.setColor(Canvas.BACKGROUND);
      graphics.draw(disc);
      if (inDegrees[v] == 0) {
        double ringRadius = nodeRadius + 2.5;
        disc.setFrame(x[v] - ringRadius, y[v] - ringRadius, 2 * ringRadius, 2 * ringRadius);
        graphics.setStroke(ring);
        graphics.setColor(Canvas.ALERT);
        graphics.draw(disc);
      }
    }
  }

  private static void drawHeader(
      Graphics2D graphics, OverlayGraph overlay, Optional<GraphMetrics> metrics, long layoutSeed) {
    graphics.setColor(Canvas.TEXT);
    graphics.setFont(Canvas.TITLE_FONT);
    graphics.drawString(
        "catdit overlay  \u00b7  %,d peers  \u00b7  %,d directed links"
            .formatted(overlay.vertexCount(), overlay.edgeCount()),
        MARGIN_PIXELS,
        48);
    graphics.setColor(Canvas.MUTED_TEXT);
    graphics.setFont(Canvas.SUBTITLE_FONT);
    String subtitle =
        metrics
            .map(OverlayPicture::metricsLine)
            .orElse("force-directed layout (Fruchterman\u2013Reingold), seed " + layoutSeed);
    graphics.drawString(subtitle, MARGIN_PIXELS, 78);
  }

  private static String metricsLine(GraphMetrics metrics) {
    return ("view size mean %.1f  \u00b7  in-degree %d\u2013%d  \u00b7  %d strong / %d weak"
            + " components  \u00b7  clustering %.3f  \u00b7  mean path %.2f hops, diameter \u2265 %d")
        .formatted(
            metrics.outDegree().mean(),
            metrics.inDegree().min(),
            metrics.inDegree().max(),
            metrics.strongComponentCount(),
            metrics.weakComponentCount(),
            metrics.clustering().coefficient(),
            metrics.pathLengths().meanHops(),
            metrics.pathLengths().diameterSeenHops());
  }

  private static void drawLegend(Graphics2D graphics, int maxInDegree, int[] inDegrees) {
    int barLeft = MARGIN_PIXELS;
    int barTop = HEIGHT_PIXELS - LEGEND_PIXELS + 30;
    int barWidth = 420;
    int barHeight = 14;
    graphics.setFont(Canvas.LABEL_FONT);
    graphics.setColor(Canvas.TEXT);
    graphics.drawString("colour = in-degree (how many views hold the peer)", barLeft, barTop - 10);
    int segments = 64;
    for (int i = 0; i < segments; i++) {
      int segmentLeft = barLeft + i * barWidth / segments;
      int segmentRight = barLeft + (i + 1) * barWidth / segments;
      graphics.setPaint(
          new GradientPaint(
              segmentLeft,
              0,
              ColorRamp.color((double) i / segments),
              segmentRight,
              0,
              ColorRamp.color((double) (i + 1) / segments)));
      graphics.fillRect(segmentLeft, barTop, segmentRight - segmentLeft + 1, barHeight);
    }
    graphics.setColor(Canvas.MUTED_TEXT);
    long step = Canvas.niceStep(maxInDegree, 6);
    for (long tick = 0; tick <= maxInDegree; tick += step) {
      int tickX =
          barLeft + (int) Math.round(maxInDegree == 0 ? 0 : barWidth * tick / (double) maxInDegree);
      graphics.drawLine(tickX, barTop + barHeight, tickX, barTop + barHeight + 4);
      String label = Long.toString(tick);
      int labelWidth = graphics.getFontMetrics().stringWidth(label);
      graphics.drawString(label, tickX - labelWidth / 2, barTop + barHeight + 18);
    }
    long orphanCount = Arrays.stream(inDegrees).filter(inDegree -> inDegree == 0).count();
    int ringX = barLeft + barWidth + 60;
    int ringCentreY = barTop + barHeight / 2;
    graphics.setStroke(new BasicStroke(2.5f));
    graphics.setColor(Canvas.ALERT);
    graphics.draw(new Ellipse2D.Double(ringX - 8, ringCentreY - 8, 16, 16));
    graphics.setColor(Canvas.TEXT);
    graphics.drawString(
        "in-degree 0: in nobody's view, never receives gossip (%d peers)".formatted(orphanCount),
        ringX + 16,
        ringCentreY + 5);
  }
}
