package org.catdit.sim.broadcast;

import java.util.SplittableRandom;
import org.catdit.overlay.node.NodeConfig;
import org.catdit.sim.SimSettings;
import org.catdit.sim.Simulation;

/**
 * Builds a joined SCAMP overlay for broadcast experiments: N peers join through a random earlier
 * peer in waves 1 s apart, each wave at most doubling the membership, joins spread over the first
 * half of their second; then the overlay settles (5 s unless said).
 */
public final class JoinedOverlay {
  private static final long SECOND = 1_000_000L;

  private JoinedOverlay() {}

  public static Simulation build(SimSettings settings, NodeConfig config, int peers) {
    return build(settings, config, peers, 5 * SECOND);
  }

  /** As {@link #build(SimSettings, NodeConfig, int)}, settling for {@code settleMicros}. */
  public static Simulation build(
      SimSettings settings, NodeConfig config, int peers, long settleMicros) {
    return build(new Simulation(settings), config, peers, settleMicros, (env, node) -> {});
  }

  /**
   * As {@link #build(SimSettings, NodeConfig, int, long)} on a given simulation (links chosen,
   * say), with {@code setup} attaching further protocols to every peer.
   */
  public static Simulation build(
      Simulation sim, NodeConfig config, int peers, long settleMicros, Simulation.PeerSetup setup) {
    SimSettings settings = sim.settings();
    for (int i = 0; i < peers; i++) {
      sim.addPeer(config, setup);
    }
    SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x4A4F494E4CL);
    int members = 1;
    long waveStart = 0;
    while (members < peers) {
      int waveEnd = Math.min(peers, members * 2);
      for (int i = members; i < waveEnd; i++) {
        int joiner = i;
        int contact = random.nextInt(members);
        sim.at(
            waveStart + random.nextLong(SECOND / 2),
            () -> sim.node(joiner).join(sim.now(), sim.id(contact)));
      }
      members = waveEnd;
      waveStart += SECOND;
    }
    sim.runUntil(waveStart + settleMicros);
    return sim;
  }
}
