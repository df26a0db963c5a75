package org.catdit.overlay.link;

/**
 * A model-based controller after BBR v1 (Cardwell et al., "BBR: Congestion-Based Congestion
 * Control", 2016): it estimates the bottleneck bandwidth (windowed maximum of delivery-rate samples
 * over 10 round trips) and the minimum RTT (windowed minimum over 10 s), paces at gain × bandwidth
 * and caps the window at gain × BDP. Loss alone is not read as a congestion signal, so random loss
 * costs only the retransmitted bytes; the model itself keeps the queue short. The one use of loss
 * is BBR v2's startup exit, and only together with a queue the RTT reveals.
 */
public final class BbrController implements CongestionController {
  private static final double HIGH_GAIN = 2.885; // 2/ln 2: doubles the rate each round in STARTUP
  private static final double[] PROBE_BW_GAINS = {1.25, 0.75, 1, 1, 1, 1, 1, 1};
  private static final int BANDWIDTH_WINDOW_ROUNDS = 10;
  private static final long MIN_RTT_WINDOW_MICROS = 10_000_000;
  private static final long PROBE_RTT_DURATION_MICROS = 200_000;
  private static final double CWND_GAIN = 2.0;
  // ACK aggregation, as Linux BBR (tcp_bbr.c, "extra_acked"): the most data acknowledged beyond
  // the estimated rate within one aggregation epoch, as a windowed maximum over 5-10 round trips,
  // capped at 100 ms of bandwidth.
  private static final int EXTRA_ACKED_WINDOW_ROUNDS = 5;
  private static final long EXTRA_ACKED_MAX_MICROS = 100_000;
  private static final long ACK_EPOCH_RESET_BYTES = 1L << 30;

  private enum Mode {
    STARTUP,
    DRAIN,
    PROBE_BW,
    PROBE_RTT
  }

  private int maxDatagramBytes;
  private Mode mode = Mode.STARTUP;
  private double pacingGain = HIGH_GAIN;
  // BBR v2 keeps the startup window at 2·BDP (v1 used 2.885): the queue it can build in STARTUP
  // is then one BDP, which a one-BDP bottleneck buffer absorbs without overflowing.
  private double cwndGain = CWND_GAIN;
  private long congestionWindowBytes;

  // Windowed max bandwidth: the best sample of each of the last rounds that had one.
  private final long[] roundMaxRate = new long[BANDWIDTH_WINDOW_ROUNDS];
  private long lastBandwidthRound = -1;
  private long roundCount;
  private long deliveredBytes;
  private boolean isRoundStart;

  private long minRttMicros = Long.MAX_VALUE;
  private long minRttStampMicros;
  // Linux BBR's idle_restart: sending again after the pipe emptied, until the first ACK of new
  // data.
  private boolean isIdleRestart;
  private long probeRttDoneMicros;
  private boolean isProbeRttRoundDone;
  private long probeRttRoundTarget;

  private long fullBandwidth;
  private long deliveredAtRoundStart;
  private long lostBytesInRound;
  private long latestRttMicros;
  private int fullBandwidthRounds;
  private boolean isPipeFilled;

  private int cycleIndex;
  private long cycleStartMicros;

  private final long[] extraAcked = new long[2];
  private int extraAckedIndex;
  private int extraAckedWindowRounds;
  private long ackEpochStartMicros;
  private long ackEpochAckedBytes;

  public BbrController(int maxDatagramBytes) {
    this.maxDatagramBytes = maxDatagramBytes;
    this.congestionWindowBytes = NewRenoController.initialWindow(maxDatagramBytes);
  }

  long bottleneckBandwidth() {
    long best = 0;
    for (long rate : roundMaxRate) {
      best = Math.max(best, rate);
    }
    return best;
  }

  private long bandwidthDelayProduct(double gain) {
    long bandwidth = bottleneckBandwidth();
    if (bandwidth == 0 || minRttMicros == Long.MAX_VALUE) {
      return NewRenoController.initialWindow(maxDatagramBytes);
    }
    long bdp = (long) (bandwidth * (double) minRttMicros / 1_000_000 * gain);
    // Send quantum headroom, as BBR does, so pacing and delayed ACKs do not starve the pipe.
    return bdp + 3L * maxDatagramBytes;
  }

  private long minimumWindow() {
    return 4L * maxDatagramBytes;
  }

  @Override
  public long congestionWindowBytes() {
    return mode == Mode.PROBE_RTT ? minimumWindow() : congestionWindowBytes;
  }

  @Override
  public long pacingRateBytesPerSecond(RttEstimator rtt) {
    long bandwidth = bottleneckBandwidth();
    if (bandwidth == 0) {
      long rttMicros = Math.max(1, rtt.hasSample() ? rtt.minRttMicros() : rtt.smoothedRttMicros());
      return Math.max(1, (long) (HIGH_GAIN * congestionWindowBytes * 1_000_000 / rttMicros));
    }
    double gain = isIdleRestart && mode == Mode.PROBE_BW ? 1 : pacingGain;
    return Math.max(1, (long) (gain * bandwidth));
  }

  @Override
  public void onMaxDatagramBytesChanged(int maxDatagramBytes) {
    this.maxDatagramBytes = maxDatagramBytes;
    congestionWindowBytes = Math.max(congestionWindowBytes, minimumWindow());
  }

  @Override
  public void onPacketSent(long nowMicros, int bytes, long bytesInFlightBefore) {
    if (bytesInFlightBefore > 0 || deliveredBytes == 0) {
      return;
    }
    // Restarting from idle (Linux tcp_bbr.c, CA_EVENT_TX_START): a new ACK epoch, pacing at the
    // estimated rate rather than a probing gain, and a PROBE_RTT whose time ran out while idle
    // ends.
    isIdleRestart = true;
    ackEpochStartMicros = nowMicros;
    ackEpochAckedBytes = 0;
    if (mode == Mode.PROBE_RTT && probeRttDoneMicros != 0 && nowMicros >= probeRttDoneMicros) {
      finishProbeRtt(nowMicros);
    }
  }

  @Override
  public void onAck(
      long nowMicros,
      long ackedBytes,
      long oldestAckedSentMicros,
      RateSample sample,
      RttEstimator rtt,
      long bytesInFlight) {
    deliveredBytes += ackedBytes;
    updateRound(sample);
    updateBandwidth(sample);
    updateMinRtt(nowMicros, sample);
    updateAckAggregation(nowMicros, ackedBytes);
    checkFullPipe(sample);
    updateMode(nowMicros, bytesInFlight);
    updateWindow(ackedBytes);
  }

  private void updateRound(RateSample sample) {
    isRoundStart = sample.isRoundStart();
    if (isRoundStart) {
      roundCount++;
    }
  }

  private void updateBandwidth(RateSample sample) {
    long rate = sample.rateBytesPerSecond();
    if (rate == 0) {
      return;
    }
    // App-limited samples only count when they raise the estimate (BBR §4.1.1.5).
    if (!sample.isAppLimited() || rate >= bottleneckBandwidth()) {
      // The window moves only with the samples that enter it, as the max filter of BBR's draft
      // and Linux's minmax do: rounds of app-limited traffic (keep-alives, gossip, the small
      // messages between two pictures) are not measurements and must not age the estimate out.
      // When they did, a transfer after a quiet spell started near zero in PROBE_BW and took a
      // second to regain 100 Mbit/s at a 20 ms RTT.
      long firstStale = Math.max(lastBandwidthRound + 1, roundCount - BANDWIDTH_WINDOW_ROUNDS + 1);
      for (long round = firstStale; round <= roundCount; round++) {
        roundMaxRate[(int) (round % BANDWIDTH_WINDOW_ROUNDS)] = 0;
      }
      lastBandwidthRound = Math.max(lastBandwidthRound, roundCount);
      int slot = (int) (roundCount % BANDWIDTH_WINDOW_ROUNDS);
      roundMaxRate[slot] = Math.max(roundMaxRate[slot], rate);
    }
  }

  private void updateMinRtt(long nowMicros, RateSample sample) {
    if (sample.rttMicros() > 0) {
      latestRttMicros = sample.rttMicros();
    }
    boolean isExpired = nowMicros - minRttStampMicros > MIN_RTT_WINDOW_MICROS;
    if (sample.rttMicros() > 0 && (sample.rttMicros() <= minRttMicros || isExpired)) {
      minRttMicros = sample.rttMicros();
      minRttStampMicros = nowMicros;
    }
    // Not when the filter ran out while the sender was idle (Linux: "!bbr->idle_restart"): an
    // idle pipe holds no queue to drain, and this ACK's sample has just renewed the minimum.
    // Before this, every transfer after 10 s of quiet began with 200 ms at a 4-packet window.
    if (isExpired && !isIdleRestart && mode != Mode.PROBE_RTT && minRttMicros != Long.MAX_VALUE) {
      mode = Mode.PROBE_RTT;
      pacingGain = 1;
      cwndGain = 1;
      probeRttDoneMicros = 0;
    }
    if (sample.deliveredBytes() > 0) {
      isIdleRestart = false;
    }
  }

  /**
   * Linux BBR's {@code bbr_update_ack_aggregation}: ACKs that come in bursts (a receiver that
   * acknowledges a batch of datagrams at once, an event loop that reads many before it writes)
   * deliver more than the bandwidth estimate explains; that excess must stay in the window or the
   * sender idles between the bursts.
   */
  private void updateAckAggregation(long nowMicros, long ackedBytes) {
    if (ackedBytes <= 0) {
      return;
    }
    if (isRoundStart && ++extraAckedWindowRounds >= EXTRA_ACKED_WINDOW_ROUNDS) {
      extraAckedWindowRounds = 0;
      extraAckedIndex ^= 1;
      extraAcked[extraAckedIndex] = 0;
    }
    long expected =
        bottleneckBandwidth() * Math.max(0, nowMicros - ackEpochStartMicros) / 1_000_000;
    // A new epoch when ACKs come no faster than expected, or after a very long one.
    if (ackEpochAckedBytes <= expected
        || ackEpochAckedBytes + ackedBytes >= ACK_EPOCH_RESET_BYTES) {
      ackEpochAckedBytes = 0;
      ackEpochStartMicros = nowMicros;
      expected = 0;
    }
    ackEpochAckedBytes += ackedBytes;
    long extra = Math.min(ackEpochAckedBytes - expected, congestionWindowBytes);
    extraAcked[extraAckedIndex] = Math.max(extraAcked[extraAckedIndex], extra);
  }

  /** The window's allowance for ACK aggregation (only once the pipe is known full, as Linux). */
  private long ackAggregationBytes() {
    if (!isPipeFilled) {
      return 0;
    }
    long cap = bottleneckBandwidth() * EXTRA_ACKED_MAX_MICROS / 1_000_000;
    return Math.min(Math.max(extraAcked[0], extraAcked[1]), cap);
  }

  private void checkFullPipe(RateSample sample) {
    if (isPipeFilled || !isRoundStart) {
      return;
    }
    long deliveredInRound = deliveredBytes - deliveredAtRoundStart;
    boolean isQueueLoss =
        lostBytesInRound * 50 > deliveredInRound && latestRttMicros > minRttMicros * 5 / 4;
    deliveredAtRoundStart = deliveredBytes;
    lostBytesInRound = 0;
    // Linux's bbr_check_full_bw_reached skips app-limited rounds: a handshake and a few small
    // messages show no growth because nothing asked for any, not because the pipe is full.
    if (sample.isAppLimited()) {
      return;
    }
    if (isQueueLoss) {
      // BBR v2's startup exit: more than 2% loss in a round while the RTT shows a standing queue
      // means the bottleneck buffer overflowed. Random loss without queueing does not qualify.
      isPipeFilled = true;
      return;
    }
    long bandwidth = bottleneckBandwidth();
    if (bandwidth >= fullBandwidth * 5 / 4) {
      fullBandwidth = bandwidth;
      fullBandwidthRounds = 0;
      return;
    }
    if (++fullBandwidthRounds >= 3) {
      isPipeFilled = true;
    }
  }

  private void updateMode(long nowMicros, long bytesInFlight) {
    switch (mode) {
      case STARTUP -> {
        if (isPipeFilled) {
          mode = Mode.DRAIN;
          pacingGain = 1 / HIGH_GAIN;
          cwndGain = CWND_GAIN;
        }
      }
      case DRAIN -> {
        if (bytesInFlight <= bandwidthDelayProduct(1.0)) {
          enterProbeBandwidth(nowMicros);
        }
      }
      case PROBE_BW -> {
        boolean isCycleOver = nowMicros - cycleStartMicros > minRttMicros;
        if (pacingGain > 1 && bytesInFlight < bandwidthDelayProduct(pacingGain)) {
          isCycleOver = false; // keep probing until the extra data is actually in flight
        }
        if (pacingGain < 1 && bytesInFlight <= bandwidthDelayProduct(1.0)) {
          isCycleOver = true; // drained early
        }
        if (isCycleOver) {
          cycleIndex = (cycleIndex + 1) % PROBE_BW_GAINS.length;
          cycleStartMicros = nowMicros;
          pacingGain = PROBE_BW_GAINS[cycleIndex];
        }
      }
      case PROBE_RTT -> {
        if (probeRttDoneMicros == 0 && bytesInFlight <= minimumWindow()) {
          probeRttDoneMicros = nowMicros + PROBE_RTT_DURATION_MICROS;
          probeRttRoundTarget = roundCount + 1;
          isProbeRttRoundDone = false;
        } else if (probeRttDoneMicros != 0) {
          if (roundCount >= probeRttRoundTarget) {
            isProbeRttRoundDone = true;
          }
          if (isProbeRttRoundDone && nowMicros >= probeRttDoneMicros) {
            finishProbeRtt(nowMicros);
          }
        }
      }
    }
  }

  private void finishProbeRtt(long nowMicros) {
    minRttStampMicros = nowMicros;
    if (isPipeFilled) {
      enterProbeBandwidth(nowMicros);
    } else {
      mode = Mode.STARTUP;
      pacingGain = HIGH_GAIN;
      cwndGain = CWND_GAIN;
    }
  }

  private void enterProbeBandwidth(long nowMicros) {
    mode = Mode.PROBE_BW;
    cwndGain = CWND_GAIN;
    // Start anywhere but the draining phase, as BBR does (a fixed choice keeps runs reproducible).
    cycleIndex = (int) (roundCount % (PROBE_BW_GAINS.length - 1));
    if (cycleIndex >= 1) {
      cycleIndex++;
    }
    pacingGain = PROBE_BW_GAINS[cycleIndex];
    cycleStartMicros = nowMicros;
  }

  private void updateWindow(long ackedBytes) {
    long target = bandwidthDelayProduct(cwndGain) + ackAggregationBytes();
    if (isPipeFilled) {
      congestionWindowBytes = Math.min(congestionWindowBytes + ackedBytes, target);
    } else if (congestionWindowBytes < target || deliveredBytes < 10L * maxDatagramBytes) {
      congestionWindowBytes += ackedBytes;
    }
    congestionWindowBytes = Math.max(congestionWindowBytes, minimumWindow());
  }

  @Override
  public void onLoss(
      long nowMicros, long lostBytes, long largestLostSentMicros, boolean isPersistentCongestion) {
    lostBytesInRound += lostBytes;
    if (isPersistentCongestion) {
      // Everything sent over several PTOs vanished: the path changed; rebuild the model.
      congestionWindowBytes = minimumWindow();
    }
  }

  @Override
  public void onSpuriousLoss(long lostPacketSentMicros) {}

  @Override
  public String name() {
    return "bbr";
  }
}
