package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CongestionControlTest {
  private static final RttEstimator RTT = rtt(40_000);

  private static RttEstimator rtt(long micros) {
    RttEstimator rtt = new RttEstimator(RttEstimator.INITIAL_RTT_MICROS);
    rtt.onSample(micros, 0, 25_000);
    return rtt;
  }

  private static final RateSample SAMPLE = new RateSample(12_000, 40_000, 40_000, false);

  @Test
  void newRenoFollowsRfc9002() {
    NewRenoController reno = new NewRenoController(1200);
    assertEquals(12_000, reno.congestionWindowBytes(), "initial window: 10 datagrams");
    reno.onAck(1_000, 12_000, 0, SAMPLE, RTT, 0);
    assertEquals(24_000, reno.congestionWindowBytes(), "slow start doubles per round");
    reno.onLoss(2_000, 1200, 1_500, false);
    assertEquals(12_000, reno.congestionWindowBytes(), "a loss halves the window");
    reno.onLoss(2_500, 1200, 1_800, false);
    assertEquals(12_000, reno.congestionWindowBytes(), "once per recovery period");
    reno.onAck(3_000, 12_000, 1_900, SAMPLE, RTT, 0);
    assertEquals(12_000, reno.congestionWindowBytes(), "no growth for packets sent in recovery");
    reno.onAck(4_000, 12_000, 2_100, SAMPLE, RTT, 0);
    assertEquals(13_200, reno.congestionWindowBytes(), "avoidance: one datagram per window");
    reno.onLoss(5_000, 1200, 4_500, true);
    assertEquals(2_400, reno.congestionWindowBytes(), "persistent congestion: the minimum");
    assertEquals(
        2_400L * 1_250_000 / 40_000, reno.pacingRateBytesPerSecond(RTT), "pacing 1.25·cwnd/srtt");
  }

  @Test
  void newRenoUndoesACutCausedBySpuriousLoss() {
    NewRenoController reno = new NewRenoController(1200);
    reno.onAck(1_000, 36_000, 0, SAMPLE, RTT, 0);
    long before = reno.congestionWindowBytes();
    reno.onLoss(2_000, 1200, 1_500, false);
    assertTrue(reno.congestionWindowBytes() < before);
    reno.onSpuriousLoss(1_500);
    assertEquals(before, reno.congestionWindowBytes());
  }

  @Test
  void bbrIgnoresRandomLossAndPacesAtTheBottleneckRate() {
    BbrController bbr = new BbrController(1200);
    long now = 0;
    // 12.5 MB/s (100 Mbit/s) delivered at a 40 ms RTT for 50 rounds.
    for (int round = 0; round < 50; round++) {
      now += 40_000;
      bbr.onAck(
          now, 500_000, now - 40_000, new RateSample(500_000, 40_000, 40_000, false), RTT, 400_000);
      bbr.onLoss(now, 5_000, now - 40_000, false); // 1% random loss, no queue
    }
    long bandwidth = bbr.bottleneckBandwidth();
    assertEquals(12_500_000, bandwidth);
    long bdp = 500_000;
    assertTrue(
        bbr.congestionWindowBytes() >= 2 * bdp, "cwnd = 2·BDP: " + bbr.congestionWindowBytes());
    long pacing = bbr.pacingRateBytesPerSecond(RTT);
    assertTrue(pacing >= 0.75 * bandwidth && pacing <= 1.25 * bandwidth, "pacing " + pacing);
  }

  @Test
  void bbrKeepsRoomInTheWindowForAcksThatComeInBursts() {
    // The same 12.5 MB/s at a 40 ms RTT, acknowledged either smoothly (50 kB every 4 ms) or in
    // one burst per round trip (500 kB every 40 ms), as a receiver that batches its ACKs does.
    long smooth = windowAfter(10, 4_000, 50_000);
    long bursty = windowAfter(1, 40_000, 500_000);
    long bdp = 500_000;
    assertTrue(smooth < 2 * bdp + 200_000, "smooth ACKs: about 2·BDP, " + smooth);
    assertTrue(bursty > smooth + 400_000, "a burst's excess stays in the window: " + bursty);
    assertTrue(bursty <= 2 * bdp + 3 * 1200 + bdp, "at most the excess seen: " + bursty);
  }

  private static long windowAfter(int acksPerRound, long intervalMicros, long bytesPerAck) {
    BbrController bbr = new BbrController(1200);
    long now = 0;
    for (int ack = 0; ack < 50 * acksPerRound; ack++) {
      now += intervalMicros;
      bbr.onAck(
          now,
          bytesPerAck,
          now - 40_000,
          new RateSample(500_000, 40_000, 40_000, false),
          RTT,
          1_000_000 - bytesPerAck);
    }
    return bbr.congestionWindowBytes();
  }

  /** 12.5 MB/s (100 Mbit/s) delivered at a 40 ms RTT for 50 rounds; returns the time after. */
  private static long steady(BbrController bbr) {
    long now = 0;
    for (int round = 0; round < 50; round++) {
      now += 40_000;
      bbr.onAck(
          now, 500_000, now - 40_000, new RateSample(500_000, 40_000, 40_000, false), RTT, 400_000);
    }
    return now;
  }

  @Test
  void bbrKeepsItsBandwidthEstimateThroughRoundsOfAppLimitedTraffic() {
    // 8,200 small ping-pongs (64 bytes, one per round trip once the transfer's last round has
    // been acknowledged, so a few hundred rounds) after a transfer: they measure the application,
    // not the path, so the next transfer starts at the known rate.
    BbrController bbr = new BbrController(1200);
    long now = steady(bbr);
    for (int ack = 0; ack < 8_200; ack++) {
      now += 40_000;
      bbr.onAck(now, 64, now - 40_000, new RateSample(64, 40_000, 40_000, true), RTT, 0);
    }
    assertEquals(12_500_000, bbr.bottleneckBandwidth());

    // Measurements still move the window: ten rounds at half the rate replace the old estimate.
    for (int round = 0; round < 12; round++) {
      now += 40_000;
      bbr.onAck(
          now, 250_000, now - 40_000, new RateSample(250_000, 40_000, 40_000, false), RTT, 200_000);
    }
    assertEquals(6_250_000, bbr.bottleneckBandwidth());
  }

  @Test
  void bbrSkipsProbeRttWhenTheMinRttWindowRanOutWhileTheSenderWasIdle() {
    // Linux tcp_bbr.c enters PROBE_RTT on an expired min-RTT filter only "!bbr->idle_restart":
    // a picture fetched after 12 s of quiet must not start with 200 ms at a 4-packet window.
    BbrController bbr = new BbrController(1200);
    long now = steady(bbr) + 12_000_000;
    long window = bbr.congestionWindowBytes();
    bbr.onPacketSent(now, 1200, 0);
    assertEquals(12_500_000, bbr.pacingRateBytesPerSecond(RTT), "restarting at the estimated rate");
    now += 41_000;
    bbr.onAck(now, 1200, now - 41_000, new RateSample(1200, 41_000, 41_000, true), RTT, 0);
    assertTrue(bbr.congestionWindowBytes() >= window, "no PROBE_RTT dip after idle");

    // The sample renewed the minimum, so the next ten seconds need no probe either.
    bbr.onPacketSent(now, 1200, 1200);
    now += 41_000;
    bbr.onAck(now, 1200, now - 41_000, new RateSample(1200, 41_000, 41_000, true), RTT, 0);
    assertTrue(bbr.congestionWindowBytes() >= window);
  }

  @Test
  void bbrStillProbesRttDuringALongTransferAndLeavesAFinishedProbeWhenSendingResumes() {
    BbrController bbr = new BbrController(1200);
    long now = steady(bbr);
    // Ten seconds of continuous sending with no sample at the minimum: the filter expires.
    for (int round = 0; round < 250; round++) {
      now += 41_000;
      bbr.onAck(
          now, 500_000, now - 41_000, new RateSample(500_000, 41_000, 41_000, false), RTT, 400_000);
    }
    assertEquals(4 * 1200, bbr.congestionWindowBytes(), "PROBE_RTT: the 4-packet window");
    now += 1_000;
    bbr.onAck(now, 400_000, now - 41_000, new RateSample(400_000, 41_000, 41_000, false), RTT, 0);
    // The transfer ends before a round completes; the probe's 200 ms pass while idle.
    now += 1_000_000;
    bbr.onPacketSent(now, 1200, 0);
    assertTrue(
        bbr.congestionWindowBytes() > 400_000,
        "the finished probe ends when sending resumes: " + bbr.congestionWindowBytes());
  }

  @Test
  void rttEstimationFollowsRfc9002() {
    RttEstimator rtt = new RttEstimator(RttEstimator.INITIAL_RTT_MICROS);
    assertEquals(333_000 + 4 * 166_500 + 25_000, rtt.probeTimeoutMicros(25_000), "first PTO ~1 s");
    rtt.onSample(100_000, 0, 25_000);
    assertEquals(100_000, rtt.smoothedRttMicros());
    assertEquals(50_000, rtt.rttVarianceMicros());
    rtt.onSample(130_000, 20_000, 25_000); // ack delay subtracted: adjusted 110 ms
    assertEquals((7 * 100_000 + 110_000) / 8, rtt.smoothedRttMicros());
    assertEquals(100_000, rtt.minRttMicros());
  }
}
