package org.catdit.sim;

import java.nio.file.Path;
import org.catdit.overlay.broadcast.BroadcastConfig;
import org.catdit.overlay.membership.ScampConfig;
import org.catdit.sim.broadcast.BroadcastScenario;

/**
 * One {@code catdit sim} run: the network, the membership protocol, how peers join, and what to do
 * afterwards.
 *
 * @param peers number of peers
 * @param network the simulated network (seed, delays, loss)
 * @param membership SCAMP parameters of every peer
 * @param joins how peers join
 * @param settleMicros time after the last wave before measuring
 * @param churn churn to apply after measuring, or null
 * @param outputDirectory where to write files, or null
 * @param broadcastConfig the broadcast tree of every peer
 * @param broadcast broadcasts to run after the membership is measured, or null
 * @param isLinked whether messages travel over link sessions ({@code --links full}) rather than as
 *     single datagrams ({@code --links ideal})
 * @param uplinkBitsPerSecond each peer's uplink for link datagrams, 0 for unlimited
 */
public record SimRunSettings(
    int peers,
    SimSettings network,
    ScampConfig membership,
    JoinSchedule joins,
    long settleMicros,
    ChurnScenario churn,
    Path outputDirectory,
    BroadcastConfig broadcastConfig,
    BroadcastScenario broadcast,
    boolean isLinked,
    long uplinkBitsPerSecond) {

  public SimRunSettings {
    if (peers < 1) {
      throw new IllegalArgumentException("peers must be at least 1");
    }
    if (settleMicros < 0) {
      throw new IllegalArgumentException("settle time must not be negative");
    }
  }
}
