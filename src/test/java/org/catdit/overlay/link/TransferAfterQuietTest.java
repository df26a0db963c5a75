package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.LinkCounters.Counter;
import org.catdit.sim.link.Bottleneck;
import org.catdit.sim.link.LinkSimulation;
import org.catdit.sim.link.PathModel;
import org.junit.jupiter.api.Test;

/**
 * A picture sent after a quiet spell in which only small messages went by (the overlay's gossip
 * between two pictures): it must go at the rate the session already knows.
 */
class TransferAfterQuietTest {
  private static final int MESSAGE_BYTES = 64 * 1024;
  private static final int MESSAGES = 64; // 4 MiB

  /** 100 Mbit/s into the receiver, a one-BDP drop-tail queue, 20 ms round trips. */
  private static final class Pair {
    final LinkSimulation sim = new LinkSimulation(5, PathModel.clean(10_000).withMtu(1500));
    final LinkSimulation.Node a = sim.addNode(LinkConfig.defaults());
    final LinkSimulation.Node b =
        sim.addNode(LinkConfig.defaults()).withDownlink(new Bottleneck(100_000_000, 250_000));
    final long[] delivered = {0};

    Pair() {
      b.withApplication(
          new LinkSimulation.Application() {
            @Override
            public void onMessage(long now, PeerId from, int streamId, byte[] message) {
              if (streamId == 0) {
                b.endpoint().send(now, from, 0, message); // the pong
              } else {
                delivered[0] += message.length;
              }
            }
          });
      sim.at(0, () -> a.endpoint().connect(0, b.index()));
      sim.runUntil(1_000_000);
      assertTrue(a.endpoint().isConnected(b.peer()));
    }

    long transfer() {
      return TransferAfterQuietTest.transfer(sim, a, b, delivered);
    }

    void assertRunsAtTheKnownRate(long first, long second) {
      // 4 MiB at 100 Mbit/s is 336 ms on the wire, plus a round trip for the last bytes' ACK.
      long ideal = 336_000 + 20_000;
      assertTrue(
          second <= ideal * 12 / 10,
          "after the quiet spell 4 MiB took "
              + second / 1000
              + " ms (the first transfer "
              + first / 1000
              + " ms, ideal "
              + ideal / 1000
              + " ms)");
      assertEquals(0, a.endpoint().counters().get(Counter.SESSIONS_FAILED));
    }
  }

  @Test
  void aTransferAfterTenSecondsOfSmallMessagesRunsAtTheKnownRate() {
    Pair pair = new Pair();
    long first = pair.transfer();
    // Ten seconds of 64-byte ping-pongs, one at a time: 500 round trips, every one app-limited.
    long quietEnd = pair.sim.nowMicros() + 10_000_000;
    pair.a.withApplication(
        new LinkSimulation.Application() {
          @Override
          public void onMessage(long now, PeerId from, int streamId, byte[] message) {
            if (now < quietEnd) {
              pair.a.endpoint().send(now, from, 0, message);
            }
          }
        });
    pair.sim.at(
        pair.sim.nowMicros() + 1,
        () -> pair.a.endpoint().send(pair.sim.nowMicros(), pair.b.peer(), 0, new byte[64]));
    pair.sim.runUntil(quietEnd + 100_000);
    pair.assertRunsAtTheKnownRate(first, pair.transfer());
  }

  @Test
  void aTransferAfterThreeMinutesOfSilenceRunsAtTheKnownRate() {
    // Nothing but the session's own keep-alive PINGs (every 10 s) for three minutes, 18 rounds:
    // the min-RTT filter runs out, and each keep-alive offers its tiny rate to the bandwidth
    // filter.
    Pair pair = new Pair();
    long first = pair.transfer();
    pair.sim.runUntil(pair.sim.nowMicros() + 180_000_000);
    pair.assertRunsAtTheKnownRate(first, pair.transfer());
  }

  private static long transfer(
      LinkSimulation sim, LinkSimulation.Node a, LinkSimulation.Node b, long[] delivered) {
    long start = sim.nowMicros() + 1;
    long target = delivered[0] + (long) MESSAGES * MESSAGE_BYTES;
    int[] queued = {0};
    Runnable fill =
        () -> {
          while (queued[0] < MESSAGES
              && a.endpoint().send(sim.nowMicros(), b.peer(), 1, new byte[MESSAGE_BYTES])) {
            queued[0]++;
          }
        };
    a.withApplication(
        new LinkSimulation.Application() {
          @Override
          public void onWritable(long now, PeerId peer) {
            fill.run();
          }
        });
    sim.at(start, fill);
    assertTrue(sim.runUntil(start + 10_000_000, () -> delivered[0] >= target), "delivered");
    return sim.nowMicros() - start;
  }
}
