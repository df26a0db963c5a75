package org.catdit.sim.graph;

/**
 * Average directed clustering coefficient over {@code vertexCount} evaluated vertices; {@code
 * isExact} when every vertex of the graph was evaluated rather than a seeded sample.
 */
public record ClusteringEstimate(double coefficient, int vertexCount, boolean isExact) {}
