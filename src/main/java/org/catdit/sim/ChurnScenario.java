package org.catdit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.catdit.sim.graph.GraphMetrics;
import org.catdit.sim.graph.MetricsSettings;
import org.catdit.sim.graph.OverlayGraph;

/**
 * Churn on a joined overlay: at one instant a fraction of the peers leaves gracefully (SCAMP
 * unsubscription) and another fraction crashes; then the overlay is sampled at intervals while
 * heartbeats, failure detection and leases act.
 *
 * @param leaveFraction share of peers that unsubscribe
 * @param crashFraction share of peers that crash (disjoint from those that leave)
 * @param observeMicros how long to watch after the churn
 * @param sampleEveryMicros time between two samples
 */
public record ChurnScenario(
    double leaveFraction, double crashFraction, long observeMicros, long sampleEveryMicros) {

  public ChurnScenario {
    if (leaveFraction < 0 || crashFraction < 0 || leaveFraction + crashFraction > 1) {
      throw new IllegalArgumentException("churn fractions must be >= 0 and add up to at most 1");
    }
    if (observeMicros < 0 || sampleEveryMicros <= 0) {
      throw new IllegalArgumentException("observation times must be positive");
    }
  }

  /** The overlay at one moment after the churn. */
  public record Sample(
      double secondsAfterChurn,
      double viewSizeMean,
      int viewSizeMin,
      int viewSizeMax,
      int inDegreeMin,
      int isolatedPeers,
      boolean stronglyConnected,
      int stronglyConnectedComponents,
      int weakComponents,
      long deadArcs) {}

  /** What happened. {@code recoverySeconds} is -1 if the overlay never recovered. */
  public record Result(
      int peersBefore,
      int left,
      int crashed,
      int survivors,
      List<Sample> samples,
      double recoverySeconds) {}

  /** Applies the churn now and samples until the observation time is over. */
  public Result run(Simulation simulation) {
    int peersBefore = 0;
    List<Integer> alive = new ArrayList<>();
    for (int peer = 0; peer < simulation.peerCount(); peer++) {
      if (simulation.isAlive(peer)) {
        alive.add(peer);
        peersBefore++;
      }
    }
    SplittableRandom random = new SplittableRandom(SimIds.mix(simulation.seed() ^ 0x434855524EL));
    // Partial Fisher-Yates: the first entries become the leavers, the next the crashed.
    int leaving = (int) Math.round(leaveFraction * peersBefore);
    int crashing = (int) Math.round(crashFraction * peersBefore);
    for (int i = 0; i < leaving + crashing; i++) {
      int j = i + random.nextInt(alive.size() - i);
      Integer swap = alive.get(i);
      alive.set(i, alive.get(j));
      alive.set(j, swap);
    }
    long churnTime = simulation.now();
    for (int i = 0; i < leaving; i++) {
      simulation.leave(alive.get(i));
    }
    for (int i = leaving; i < leaving + crashing; i++) {
      simulation.crash(alive.get(i));
    }
    List<Sample> samples = new ArrayList<>();
    double recoverySeconds = -1;
    for (long offset = 0; offset <= observeMicros; offset += sampleEveryMicros) {
      // The first sample comes right after the goodbyes have been delivered (one second).
      long at = churnTime + Math.max(offset, 1_000_000);
      simulation.runUntil(at);
      Sample sample = sample(simulation, (at - churnTime) / 1e6);
      samples.add(sample);
      boolean isHealthy =
          sample.stronglyConnected() && sample.isolatedPeers() == 0 && sample.deadArcs() == 0;
      if (isHealthy && recoverySeconds < 0) {
        recoverySeconds = sample.secondsAfterChurn();
      } else if (!isHealthy) {
        recoverySeconds = -1;
      }
    }
    return new Result(
        peersBefore,
        leaving,
        crashing,
        peersBefore - leaving - crashing,
        List.copyOf(samples),
        recoverySeconds);
  }

  private static Sample sample(Simulation simulation, double secondsAfterChurn) {
    OverlayGraph graph = OverlaySnapshot.of(simulation);
    // Connectivity is exact; path lengths and clustering are not needed here.
    GraphMetrics metrics = GraphMetrics.compute(graph, new MetricsSettings(0, 0, 0, 1));
    return new Sample(
        secondsAfterChurn,
        metrics.outDegree().mean(),
        metrics.outDegree().min(),
        metrics.outDegree().max(),
        metrics.inDegree().min(),
        metrics.isolatedPeerCount(),
        metrics.isStronglyConnected(),
        metrics.strongComponentCount(),
        metrics.weakComponentCount(),
        OverlaySnapshot.deadArcs(simulation));
  }
}
