package org.catdit.sim.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code degree-histogram.png}: out-degree (view size) and in-degree distributions as two bar
 * charts sharing one degree axis, so their spread can be compared by eye. Works for any overlay
 * size: it only needs the two histograms.
 */
public final class DegreeHistogramChart {

  public static final int WIDTH_PIXELS = 1200;
  public static final int HEIGHT_PIXELS = 900;

  private static final int MAX_BARS = 120;
  private static final int HEADER_PIXELS = 90;
  private static final int PANEL_GAP_PIXELS = 30;
  private static final int LEFT_AXIS_PIXELS = 90;
  private static final int RIGHT_MARGIN_PIXELS = 40;
  private static final int BOTTOM_AXIS_PIXELS = 50;
  private static final Color OUT_DEGREE_BARS = ColorRamp.color(0.35);
  private static final Color IN_DEGREE_BARS = ColorRamp.color(0.8);
  private static final float[] DASH = {6f, 4f};

  private DegreeHistogramChart() {}

  public static void write(OverlayGraph overlay, Path file) throws IOException {
    int[] outDegrees = new int[overlay.vertexCount()];
    for (int v = 0; v < outDegrees.length; v++) {
      outDegrees[v] = overlay.outDegree(v);
    }
    draw(
        DegreeStats.of(outDegrees), DegreeStats.of(overlay.inDegrees()), overlay.edgeCount(), file);
  }

  /** Draws from already computed metrics, without touching the graph again. */
  public static void write(GraphMetrics metrics, Path file) throws IOException {
    draw(metrics.outDegree(), metrics.inDegree(), metrics.edgeCount(), file);
  }

  private static void draw(DegreeStats outDegree, DegreeStats inDegree, long edgeCount, Path file)
      throws IOException {
    BufferedImage image = Canvas.blank(WIDTH_PIXELS, HEIGHT_PIXELS);
    Graphics2D graphics = Canvas.graphics(image);
    graphics.setColor(Canvas.TEXT);
    graphics.setFont(Canvas.TITLE_FONT);
    graphics.drawString(
        "Degree distribution  \u00b7  %,d peers  \u00b7  %,d directed links"
            .formatted(outDegree.vertexCount(), edgeCount),
        LEFT_AXIS_PIXELS - 50,
        46);
    graphics.setFont(Canvas.SUBTITLE_FONT);
    graphics.setColor(Canvas.MUTED_TEXT);
    graphics.drawString(
        "%,d peers have in-degree 0 (in nobody's view)  \u00b7  %,d have out-degree 0"
            .formatted(inDegree.countWithDegree(0), outDegree.countWithDegree(0)),
        LEFT_AXIS_PIXELS - 50,
        74);

    int sharedMaxDegree = Math.max(outDegree.max(), inDegree.max());
    int panelHeight = (HEIGHT_PIXELS - HEADER_PIXELS - PANEL_GAP_PIXELS) / 2;
    Rectangle2D.Double outPanel =
        new Rectangle2D.Double(0, HEADER_PIXELS, WIDTH_PIXELS, panelHeight);
    Rectangle2D.Double inPanel =
        new Rectangle2D.Double(
            0, HEADER_PIXELS + panelHeight + PANEL_GAP_PIXELS, WIDTH_PIXELS, panelHeight);
    drawPanel(
        graphics, outPanel, "out-degree (view size)", outDegree, sharedMaxDegree, OUT_DEGREE_BARS);
    drawPanel(graphics, inPanel, "in-degree", inDegree, sharedMaxDegree, IN_DEGREE_BARS);
    graphics.dispose();
    Canvas.savePng(image, file);
  }

  private static void drawPanel(
      Graphics2D graphics,
      Rectangle2D.Double panel,
      String name,
      DegreeStats stats,
      int maxDegree,
      Color barColor) {
    double plotLeft = panel.x + LEFT_AXIS_PIXELS;
    double plotRight = panel.x + panel.width - RIGHT_MARGIN_PIXELS;
    double plotTop = panel.y + 30;
    double plotBottom = panel.y + panel.height - BOTTOM_AXIS_PIXELS;
    // Wide degree ranges are grouped into at most MAX_BARS bins of equal width.
    int degreesPerBar = Math.max(1, (maxDegree + MAX_BARS) / MAX_BARS);
    int barCount = maxDegree / degreesPerBar + 1;
    long[] peersPerBar = new long[barCount];
    int[] histogram = stats.histogram();
    for (int degree = 0; degree < histogram.length; degree++) {
      peersPerBar[degree / degreesPerBar] += histogram[degree];
    }
    long maxPeers = 1;
    for (long peers : peersPerBar) {
      maxPeers = Math.max(maxPeers, peers);
    }
    long yStep = Canvas.niceStep(maxPeers, 5);
    long yTop = ((maxPeers + yStep - 1) / yStep) * yStep;

    graphics.setColor(Canvas.PANEL);
    graphics.fill(
        new Rectangle2D.Double(plotLeft, plotTop, plotRight - plotLeft, plotBottom - plotTop));
    graphics.setFont(Canvas.LABEL_FONT);
    FontMetrics metrics = graphics.getFontMetrics();
    graphics.setStroke(new BasicStroke(1f));
    for (long tick = 0; tick <= yTop; tick += yStep) {
      double tickY = plotBottom - (plotBottom - plotTop) * tick / (double) yTop;
      graphics.setColor(Canvas.GRID);
      graphics.draw(new Line2D.Double(plotLeft, tickY, plotRight, tickY));
      String label = "%,d".formatted(tick);
      graphics.setColor(Canvas.MUTED_TEXT);
      graphics.drawString(
          label, (float) (plotLeft - 8 - metrics.stringWidth(label)), (float) tickY + 4);
    }

    double slotWidth = (plotRight - plotLeft) / barCount;
    double barGap = slotWidth > 6 ? Math.max(1, slotWidth * 0.15) : 0;
    graphics.setColor(barColor);
    for (int bar = 0; bar < barCount; bar++) {
      double barHeight = (plotBottom - plotTop) * peersPerBar[bar] / (double) yTop;
      graphics.fill(
          new Rectangle2D.Double(
              plotLeft + bar * slotWidth + barGap / 2,
              plotBottom - barHeight,
              Math.max(1, slotWidth - barGap),
              barHeight));
    }

    long xStep = Math.max(degreesPerBar, Canvas.niceStep(maxDegree + 1, 12));
    graphics.setColor(Canvas.MUTED_TEXT);
    for (long degree = 0; degree <= maxDegree; degree += xStep) {
      double tickX = plotLeft + (degree / degreesPerBar + 0.5) * slotWidth;
      graphics.draw(new Line2D.Double(tickX, plotBottom, tickX, plotBottom + 4));
      String label = Long.toString(degree);
      graphics.drawString(
          label, (float) tickX - metrics.stringWidth(label) / 2f, (float) plotBottom + 20);
    }
    String axisName = degreesPerBar == 1 ? name : name + " (bins of " + degreesPerBar + ")";
    graphics.drawString(
        axisName,
        (float) (plotLeft + plotRight) / 2 - metrics.stringWidth(axisName) / 2f,
        (float) plotBottom + 42);
    drawMeanMarker(graphics, stats, plotLeft, slotWidth, degreesPerBar, plotTop, plotBottom);

    graphics.setColor(Canvas.TEXT);
    graphics.setFont(Canvas.SUBTITLE_FONT);
    graphics.drawString(
        "%s   min %d  \u00b7  mean %.2f  \u00b7  sd %.2f  \u00b7  max %d"
            .formatted(name, stats.min(), stats.mean(), stats.standardDeviation(), stats.max()),
        (float) plotLeft,
        (float) plotTop - 10);
  }

  /** A dashed vertical line at the mean degree, centred like the bars. */
  private static void drawMeanMarker(
      Graphics2D graphics,
      DegreeStats stats,
      double plotLeft,
      double slotWidth,
      int degreesPerBar,
      double plotTop,
      double plotBottom) {
    double meanX = plotLeft + (stats.mean() / degreesPerBar + 0.5) * slotWidth;
    graphics.setColor(Canvas.TEXT);
    graphics.setStroke(
        new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, DASH, 0f));
    graphics.draw(new Line2D.Double(meanX, plotTop, meanX, plotBottom));
    graphics.setStroke(new BasicStroke(1f));
    graphics.setFont(Canvas.LABEL_FONT);
    graphics.drawString("mean", (float) meanX + 5, (float) plotTop + 14);
  }
}
