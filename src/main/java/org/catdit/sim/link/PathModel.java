package org.catdit.sim.link;

/**
 * What happens to a datagram between two simulated nodes, besides the nodes' bottlenecks.
 *
 * @param oneWayDelayMicros propagation delay
 * @param lossProbability Bernoulli loss, independent per datagram
 * @param reorderProbability chance that a datagram is held back by up to {@code reorderMicros}
 * @param reorderMicros largest extra delay of a held-back datagram
 * @param duplicateProbability chance that a datagram arrives twice
 * @param mtuBytes datagrams above this are dropped (no IP fragmentation)
 */
public record PathModel(
    long oneWayDelayMicros,
    double lossProbability,
    double reorderProbability,
    long reorderMicros,
    double duplicateProbability,
    int mtuBytes) {

  public static PathModel clean(long oneWayDelayMicros) {
    return new PathModel(oneWayDelayMicros, 0, 0, 0, 0, 1472);
  }

  public PathModel withLoss(double probability) {
    return new PathModel(
        oneWayDelayMicros,
        probability,
        reorderProbability,
        reorderMicros,
        duplicateProbability,
        mtuBytes);
  }

  public PathModel withReordering(double probability, long extraMicros) {
    return new PathModel(
        oneWayDelayMicros,
        lossProbability,
        probability,
        extraMicros,
        duplicateProbability,
        mtuBytes);
  }

  public PathModel withDuplication(double probability) {
    return new PathModel(
        oneWayDelayMicros,
        lossProbability,
        reorderProbability,
        reorderMicros,
        probability,
        mtuBytes);
  }

  public PathModel withMtu(int bytes) {
    return new PathModel(
        oneWayDelayMicros,
        lossProbability,
        reorderProbability,
        reorderMicros,
        duplicateProbability,
        bytes);
  }
}
