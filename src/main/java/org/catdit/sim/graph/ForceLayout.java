package org.catdit.sim.graph;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Fruchterman-Reingold force-directed layout (Software: Practice and Experience 21(11), 1991) on
 * plain arrays: linked peers attract with {@code d^2/k}, all pairs repel with {@code k^2/d}, and a
 * linearly cooling temperature caps each step. All pairs, not the paper's grid variant: with ~10
 * links per peer the grid's short-range repulsion lets the layout collapse into a few crowded
 * cells, which made it slower than the exact sum. A pull towards the centre, as in Gephi's layouts,
 * keeps small components and lone peers near the rest instead of pressed against the frame. Seeded,
 * so one overlay and seed always give the same picture.
 *
 * <p>Written here rather than taken from JGraphT's {@code FRLayoutAlgorithm2D}, which keeps
 * positions in hash maps: on 2,000 peers with 10 links each, JGraphT's Barnes-Hut variant took 8 s
 * for 100 iterations; this one takes 1-1.5 s for its 125.
 */
final class ForceLayout {

  private static final int MAX_ITERATIONS = 300;
  private static final int MIN_ITERATIONS = 50;
  // Pair evaluations per layout: about a second or two on one core.
  private static final double PAIR_BUDGET = 250e6;
  private static final double INITIAL_TEMPERATURE = 0.1;
  private static final double MIN_DISTANCE = 1e-6;
  // Pull towards the centre per unit of distance; 4 keeps a 60-peer, 12-component overlay compact.
  private static final double GRAVITY = 4.0;

  private ForceLayout() {}

  /** {@code x[v], y[v]} for every vertex, in the unit square, with the bounding box filling it. */
  record Positions(double[] x, double[] y) {}

  static Positions of(OverlayGraph overlay, int maxVertices, long seed) {
    int vertexCount = overlay.vertexCount();
    if (vertexCount > maxVertices) {
      throw new IllegalArgumentException(
          vertexCount + " vertices is above the layout limit of " + maxVertices);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[vertexCount];
    double[] y = new double[vertexCount];
    for (int v = 0; v < vertexCount; v++) {
      x[v] = random.nextDouble();
      y[v] = random.nextDouble();
    }
    double idealDistance = Math.sqrt(1.0 / Math.max(1, vertexCount));
    double[] shiftX = new double[vertexCount];
    double[] shiftY = new double[vertexCount];
    int iterations = iterationsFor(vertexCount);
    for (int iteration = 0; iteration < iterations; iteration++) {
      Arrays.fill(shiftX, 0.0);
      Arrays.fill(shiftY, 0.0);
      repel(x, y, shiftX, shiftY, idealDistance);
      attract(overlay, x, y, shiftX, shiftY, idealDistance);
      for (int v = 0; v < vertexCount; v++) {
        shiftX[v] += GRAVITY * (0.5 - x[v]);
        shiftY[v] += GRAVITY * (0.5 - y[v]);
      }
      double temperature = INITIAL_TEMPERATURE * (1.0 - (double) iteration / iterations);
      for (int v = 0; v < vertexCount; v++) {
        double length = Math.max(MIN_DISTANCE, Math.hypot(shiftX[v], shiftY[v]));
        double step = Math.min(length, temperature);
        // The unit frame bounds the first, hot iterations, when steps are largest.
        x[v] = clamp(x[v] + shiftX[v] / length * step);
        y[v] = clamp(y[v] + shiftY[v] / length * step);
      }
    }
    fitToUnitSquare(x, y);
    return new Positions(x, y);
  }

  private static void repel(
      double[] x, double[] y, double[] shiftX, double[] shiftY, double idealDistance) {
    double idealSquared = idealDistance * idealDistance;
    for (int a = 0; a < x.length; a++) {
      double ax = x[a];
      double ay = y[a];
      double pushX = 0.0;
      double pushY = 0.0;
      for (int b = a + 1; b < x.length; b++) {
        double deltaX = ax - x[b];
        double deltaY = ay - y[b];
        // (k^2 / d) along the unit vector delta / d.
        double scale = idealSquared / Math.max(MIN_DISTANCE, deltaX * deltaX + deltaY * deltaY);
        pushX += deltaX * scale;
        pushY += deltaY * scale;
        shiftX[b] -= deltaX * scale;
        shiftY[b] -= deltaY * scale;
      }
      shiftX[a] += pushX;
      shiftY[a] += pushY;
    }
  }

  /**
   * As many iterations as fit a budget of pair evaluations: 300 up to ~1,300 peers, then fewer,
   * down to 125 at 2,000 peers, where the layout has settled enough to read.
   */
  static int iterationsFor(int vertexCount) {
    double pairsPerIteration = Math.max(1.0, vertexCount * (vertexCount - 1) / 2.0);
    return (int)
        Math.max(MIN_ITERATIONS, Math.min(MAX_ITERATIONS, PAIR_BUDGET / pairsPerIteration));
  }

  private static void attract(
      OverlayGraph overlay,
      double[] x,
      double[] y,
      double[] shiftX,
      double[] shiftY,
      double idealDistance) {
    int[] offsets = overlay.offsets();
    int[] targets = overlay.targets();
    for (int source = 0; source < overlay.vertexCount(); source++) {
      for (int e = offsets[source]; e < offsets[source + 1]; e++) {
        int target = targets[e];
        double deltaX = x[source] - x[target];
        double deltaY = y[source] - y[target];
        // (d^2 / k) along the unit vector delta / d.
        double scale = Math.hypot(deltaX, deltaY) / idealDistance;
        shiftX[source] -= deltaX * scale;
        shiftY[source] -= deltaY * scale;
        shiftX[target] += deltaX * scale;
        shiftY[target] += deltaY * scale;
      }
    }
  }

  private static double clamp(double coordinate) {
    return Math.max(0.0, Math.min(1.0, coordinate));
  }

  /** One scale for both axes keeps the proportions; the shorter side is centred. */
  private static void fitToUnitSquare(double[] x, double[] y) {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < x.length; v++) {
      minX = Math.min(minX, x[v]);
      minY = Math.min(minY, y[v]);
      maxX = Math.max(maxX, x[v]);
      maxY = Math.max(maxY, y[v]);
    }
    double span = Math.max(Math.max(maxX - minX, maxY - minY), MIN_DISTANCE);
    double offsetX = (span - (maxX - minX)) / 2;
    double offsetY = (span - (maxY - minY)) / 2;
    for (int v = 0; v < x.length; v++) {
      x[v] = (x[v] - minX + offsetX) / span;
      y[v] = (y[v] - minY + offsetY) / span;
    }
  }
}
