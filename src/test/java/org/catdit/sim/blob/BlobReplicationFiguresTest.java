package org.catdit.sim.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.catdit.ledger.Hash;
import org.catdit.ledger.sync.BlobTransferConfig;
import org.catdit.overlay.link.LinkConfig;
import org.catdit.sim.SimSettings;
import org.catdit.sim.Simulation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The figures of docs/pictures.md: time to replicate a 1 MB picture to every one of 100 peers with
 * 1% loss, with messages handed over as datagrams and over the real link layer. Run with {@code mvn
 * -B -o -Pslow test -Dtest=BlobReplicationFiguresTest}.
 */
@Tag("slow")
class BlobReplicationFiguresTest {
  static final int PEERS = 100;
  static final long SECOND = BlobSwarm.SECOND;

  @Test
  void datagrams() throws Exception {
    figure("datagrams", false, BlobTransferConfig.defaults());
  }

  @Test
  void datagramsWithAWindowOf16() throws Exception {
    figure("datagrams window 16", false, BlobTransferConfig.defaults().withWindow(16, 4));
  }

  @Test
  void datagramsServingAt16MiBPerSecond() throws Exception {
    figure(
        "datagrams serving 16 MiB/s",
        false,
        BlobTransferConfig.defaults().withServing(16L << 20, 256 << 10, 64, 64));
  }

  @Test
  void links() throws Exception {
    figure("links 20 Mbit/s uplinks", true, BlobTransferConfig.defaults());
  }

  static void figure(String label, boolean isLinked, BlobTransferConfig config) throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      Simulation sim = new Simulation(new SimSettings(seed, PEERS, 50_000, 10_000, 1_000, 0, true));
      if (isLinked) {
        sim.useLinks(LinkConfig.defaults().withPacketProtection(false));
        sim.setUplink(20_000_000, 200_000);
      }
      BlobSwarm swarm = BlobSwarm.joined(sim, PEERS, config);
      sim.setLossProbability(0.01);
      byte[] picture = new byte[1_000_000];
      new SplittableRandom(seed).nextBytes(picture);
      long start = sim.now();
      Hash hash = swarm.post(0, picture);
      swarm.runUntilReplicated(start + 600 * SECOND);
      assertEquals(PEERS, swarm.holders(), "every peer holds " + hash.shortHex());
      long[] times = new long[PEERS - 1];
      for (int i = 1; i < PEERS; i++) {
        times[i - 1] = swarm.completedAtMicros[i] - start;
      }
      Arrays.sort(times);
      System.out.printf(
          "blob-figure %s seed %d: N=%d 1 MB 1%% loss: median %.2f s, p90 %.2f s, last %.2f s;"
              + " chunks sent %d (%.2f per chunk needed), timeouts %d, switches %d,"
              + " rounds without source %d, BLOB_HAVE sent %d%n",
          label,
          seed,
          PEERS,
          times[times.length / 2] / 1e6,
          times[times.length * 9 / 10] / 1e6,
          times[times.length - 1] / 1e6,
          swarm.sum(t -> t.counters().chunksSent()),
          swarm.sum(t -> t.counters().chunksSent()) / (double) ((PEERS - 1) * 62),
          swarm.sum(t -> t.counters().requestTimeouts()),
          swarm.sum(t -> t.counters().sourceSwitches()),
          swarm.sum(t -> t.counters().roundsWithoutSource()),
          swarm.sum(t -> t.counters().haveSent()));
    }
  }
}
