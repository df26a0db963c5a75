package org.catdit.sim;

import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import org.catdit.overlay.node.NodeConfig;

/**
 * Grows a simulated overlay: creates the peers and makes them join with SCAMP according to a {@link
 * JoinSchedule}, then lets the joins settle.
 */
public final class OverlayBuilder {
  private final Simulation simulation;
  private final NodeConfig nodeConfig;
  private final JoinSchedule schedule;
  private final SplittableRandom contactRandom;

  public OverlayBuilder(Simulation simulation, NodeConfig nodeConfig, JoinSchedule schedule) {
    this.simulation = simulation;
    this.nodeConfig = nodeConfig;
    this.schedule = schedule;
    this.contactRandom = new SplittableRandom(SimIds.mix(simulation.seed() ^ 0x4A4F494EL));
  }

  /**
   * Adds {@code peers} peers (the first is the initial member) and runs the simulation until every
   * wave has joined and {@code settleMicros} more have passed.
   *
   * @param progress told the fraction of peers added so far, after each wave
   * @return the virtual time at which the last wave started
   */
  public long build(int peers, long settleMicros, DoubleConsumer progress) {
    if (peers < 1) {
      throw new IllegalArgumentException("need at least one peer");
    }
    int firstIndex = simulation.peerCount();
    simulation.addPeer(nodeConfig);
    long waveTime = simulation.now();
    int members = 1;
    while (members < peers) {
      int waveSize = schedule.sizeOfWave(members, peers);
      int membersBefore = members;
      simulation.at(waveTime, () -> runWave(firstIndex, membersBefore, waveSize));
      simulation.runUntil(waveTime + schedule.waveIntervalMicros() - 1);
      members += waveSize;
      waveTime += schedule.waveIntervalMicros();
      progress.accept((double) members / peers);
    }
    long lastWave = waveTime - schedule.waveIntervalMicros();
    simulation.runUntil(Math.max(simulation.now(), lastWave) + settleMicros);
    return lastWave;
  }

  private void runWave(int firstIndex, int members, int waveSize) {
    long now = simulation.now();
    for (int i = 0; i < waveSize; i++) {
      int contact = firstIndex + contactRandom.nextInt(members);
      int peer = simulation.addPeer(nodeConfig);
      simulation.node(peer).join(now, simulation.id(contact));
    }
  }
}
