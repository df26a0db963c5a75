package org.catdit.sim.graph;

import java.util.Arrays;

/**
 * Summary of one degree sequence (out-degree = view size, or in-degree). {@code histogram[d]} is
 * the number of vertices with degree {@code d}, so its length is {@code max + 1}. Immutable: the
 * histogram is copied in and out.
 */
public record DegreeStats(
    int vertexCount, int min, int max, double mean, double standardDeviation, int[] histogram) {

  public DegreeStats {
    histogram = histogram.clone();
  }

  /** Summarises {@code degrees} (one entry per vertex); an empty sequence gives all zeros. */
  public static DegreeStats of(int[] degrees) {
    if (degrees.length == 0) {
      return new DegreeStats(0, 0, 0, 0.0, 0.0, new int[] {0});
    }
    int min = Integer.MAX_VALUE;
    int max = 0;
    long sum = 0;
    for (int degree : degrees) {
      min = Math.min(min, degree);
      max = Math.max(max, degree);
      sum += degree;
    }
    int[] histogram = new int[max + 1];
    double mean = (double) sum / degrees.length;
    double squaredDeviationSum = 0.0;
    for (int degree : degrees) {
      histogram[degree]++;
      squaredDeviationSum += (degree - mean) * (degree - mean);
    }
    double standardDeviation = Math.sqrt(squaredDeviationSum / degrees.length);
    return new DegreeStats(degrees.length, min, max, mean, standardDeviation, histogram);
  }

  @Override
  public int[] histogram() {
    return histogram.clone();
  }

  /** Number of vertices with exactly {@code degree}; 0 beyond the maximum. */
  public int countWithDegree(int degree) {
    return degree >= 0 && degree < histogram.length ? histogram[degree] : 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DegreeStats that
        && vertexCount == that.vertexCount
        && min == that.min
        && max == that.max
        && Double.compare(mean, that.mean) == 0
        && Double.compare(standardDeviation, that.standardDeviation) == 0
        && Arrays.equals(histogram, that.histogram);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(histogram) + Double.hashCode(mean);
  }

  @Override
  public String toString() {
    return "DegreeStats[n=%d, min=%d, max=%d, mean=%.3f, sd=%.3f]"
        .formatted(vertexCount, min, max, mean, standardDeviation);
  }
}
