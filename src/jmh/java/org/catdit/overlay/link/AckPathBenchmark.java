package org.catdit.overlay.link;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.LinkCounters.Counter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The acknowledgement and loss-detection path.
 *
 * <p>Sender side, through a real {@link Session} (unsealed, so only the recovery logic is timed):
 * before every invocation a fresh session sends 1,000 packets of one 1400-byte message each on
 * stream 1, so the {@link SentPacketLog} holds 1,000 packets in flight. Then
 *
 * <ul>
 *   <li>{@link #processOneAck}: one incoming packet with an ACK frame for all 1,000 packets, either
 *       as one range or as 9 ranges around 8 gaps of 2 packets. The op is {@code Session.onPacket}:
 *       duplicate check and recording of the incoming packet number ({@link ReceivedPackets}),
 *       marking every acknowledged packet and releasing its bytes in the send stream ({@link
 *       RangeSet}), delivery-rate sample, RTT sample, BBR update, loss detection (the 16 packets in
 *       the gaps are declared lost by the packet threshold and their frames are requeued), trimming
 *       the log, and the flush that follows, which sends the retransmissions of the lost frames (as
 *       the real path does).
 *   <li>{@link #ackClock}: the same 1,000 packets acknowledged by 500 consecutive ACK frames of two
 *       packets each, as a receiver acknowledging every second packet sends them; per ACK.
 * </ul>
 *
 * The congestion controller is BBR with its window held open at 4 MiB (it still runs its ACK
 * bookkeeping), and pacing is off, so that 1,000 packets can be put in flight at once.
 *
 * <p>Receiver side, {@link ReceivedPackets} alone: {@link #recordPacketNumber} (duplicate check and
 * insertion of one arriving packet number, 1 in 16 missing and some pairs swapped, so the 64 kept
 * ranges stay full and the oldest are folded into the floor) and {@link #buildAck} (an ACK frame
 * with 8 or 64 ranges).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AckPathBenchmark {
  static final int IN_FLIGHT = 1000;
  static final int DATAGRAM_BYTES = 1472;
  private static final int MESSAGE_BYTES = 1400;
  private static final long START_MICROS = 1_000_000;
  private static final long RTT_MICROS = 40_000;
  private static final PeerId PEER = PeerId.of(0, 2);

  /** BBR, whose window is never below 4 MiB: room for 1,000 full packets. */
  static final class OpenWindow implements CongestionController {
    private final BbrController bbr;

    OpenWindow(int maxDatagramBytes) {
      this.bbr = new BbrController(maxDatagramBytes);
    }

    @Override
    public long congestionWindowBytes() {
      return Math.max(4L << 20, bbr.congestionWindowBytes());
    }

    @Override
    public long pacingRateBytesPerSecond(RttEstimator rtt) {
      return bbr.pacingRateBytesPerSecond(rtt);
    }

    @Override
    public void onMaxDatagramBytesChanged(int maxDatagramBytes) {
      bbr.onMaxDatagramBytesChanged(maxDatagramBytes);
    }

    @Override
    public void onPacketSent(long nowMicros, int bytes, long bytesInFlightBefore) {
      bbr.onPacketSent(nowMicros, bytes, bytesInFlightBefore);
    }

    @Override
    public void onAck(
        long nowMicros,
        long ackedBytes,
        long oldestAckedSentMicros,
        RateSample sample,
        RttEstimator rtt,
        long bytesInFlight) {
      bbr.onAck(nowMicros, ackedBytes, oldestAckedSentMicros, sample, rtt, bytesInFlight);
    }

    @Override
    public void onLoss(
        long nowMicros, long lostBytes, long largestLostSentMicros, boolean isPersistent) {
      bbr.onLoss(nowMicros, lostBytes, largestLostSentMicros, isPersistent);
    }

    @Override
    public void onSpuriousLoss(long lostPacketSentMicros) {
      bbr.onSpuriousLoss(lostPacketSentMicros);
    }

    @Override
    public String name() {
      return "bbr-open";
    }
  }

  /** Takes the datagrams a session sends and keeps only the last (nothing is delivered). */
  static final class Sink implements LinkIo<Integer> {
    byte[] lastDatagram;

    @Override
    public void sendDatagram(Integer to, byte[] bytes, int length) {
      lastDatagram = Arrays.copyOf(bytes, length);
    }

    @Override
    public void wakeAt(long deadlineMicros) {}

    @Override
    public void onMessage(PeerId from, int streamId, byte[] message) {}

    @Override
    public void onSessionEstablished(PeerId peer, Integer address) {}

    @Override
    public void onPeerFailed(PeerId peer, FailureReason reason) {}

    @Override
    public byte[] addressBytes(Integer address) {
      return new byte[] {(byte) (int) address};
    }
  }

  /** 1472-byte datagrams from the start (no path-MTU search), unsealed, pacing off. */
  static final LinkConfig CONFIG =
      new LinkConfig(
          DATAGRAM_BYTES,
          DATAGRAM_BYTES,
          25_000,
          30_000_000,
          10_000_000,
          10_000_000,
          10_000_000,
          1024,
          256,
          500,
          64,
          8 << 20,
          32L << 20,
          32L << 20,
          OpenWindow::new,
          false,
          false);

  /** A responder-side session with {@link #IN_FLIGHT} ack-eliciting packets (0..999) in flight. */
  static Session<Integer> sessionWithPacketsInFlight(LinkCounters counters) {
    Session<Integer> session =
        new Session<>(
            1,
            2,
            PEER,
            2,
            false,
            0,
            DATAGRAM_BYTES,
            null,
            START_MICROS,
            CONFIG,
            counters,
            new Sink());
    // The peer's credit: 1,000 packets of data exceed the initial 1 MiB.
    session.onPacket(
        START_MICROS, new FrameCodec.Packet(1, 0, List.of(new Frame.MaxData(1L << 32))), 30);
    byte[] message = new byte[MESSAGE_BYTES];
    for (int i = 0; i < IN_FLIGHT; i++) {
      session.send(1, message);
      session.flush(START_MICROS + i);
    }
    if (counters.get(Counter.DATAGRAMS_SENT) != IN_FLIGHT) {
      throw new IllegalStateException(
          "expected " + IN_FLIGHT + " packets, sent " + counters.get(Counter.DATAGRAMS_SENT));
    }
    return session;
  }

  /** One ACK frame for all 1,000 packets, with {@code ranges} ranges. */
  @State(Scope.Thread)
  public static class OneAck {
    /** 1: everything acknowledged; 9: 8 gaps of 2 packets, i.e. 16 packets declared lost. */
    @Param({"1", "9"})
    public int ranges;

    Session<Integer> session;
    FrameCodec.Packet ackPacket;
    int lostPackets;

    @Setup(Level.Trial)
    public void prepare() {
      List<Long> bounds = new ArrayList<>();
      long high = IN_FLIGHT - 1;
      int gaps = ranges - 1;
      for (int gap = gaps; gap >= 1; gap--) {
        long gapLow = (long) gap * IN_FLIGHT / ranges;
        bounds.add(high);
        bounds.add(gapLow + 2);
        high = gapLow - 1;
      }
      bounds.add(high);
      bounds.add(0L);
      long[] array = bounds.stream().mapToLong(Long::longValue).toArray();
      lostPackets = 2 * gaps;
      ackPacket = new FrameCodec.Packet(1, 1, List.of(new Frame.Ack(1_000, array)));
      // Check once that the ACK does what it says.
      LinkCounters counters = new LinkCounters();
      Session<Integer> check = sessionWithPacketsInFlight(counters);
      check.onPacket(START_MICROS + RTT_MICROS, ackPacket, 60);
      if (counters.get(Counter.PACKETS_LOST) != lostPackets
          || (lostPackets == 0) != (check.bytesInFlight() == 0)
          || check.rtt().latestRttMicros() != RTT_MICROS - (IN_FLIGHT - 1)) {
        throw new IllegalStateException("unexpected ACK outcome: " + counters);
      }
    }

    @Setup(Level.Invocation)
    public void fill() {
      session = sessionWithPacketsInFlight(new LinkCounters());
    }
  }

  @Benchmark
  public long processOneAck(OneAck state) {
    state.session.onPacket(START_MICROS + RTT_MICROS, state.ackPacket, 60);
    return state.session.bytesInFlight();
  }

  /** 500 ACK frames, each acknowledging the next two packets (cumulative, one range). */
  @State(Scope.Thread)
  public static class AckClock {
    static final int ACKS = IN_FLIGHT / 2;
    Session<Integer> session;
    final FrameCodec.Packet[] acks = new FrameCodec.Packet[ACKS];

    @Setup(Level.Trial)
    public void prepare() {
      for (int k = 0; k < ACKS; k++) {
        acks[k] =
            new FrameCodec.Packet(1, 1 + k, List.of(new Frame.Ack(0, new long[] {2L * k + 1, 0})));
      }
      LinkCounters counters = new LinkCounters();
      Session<Integer> check = sessionWithPacketsInFlight(counters);
      run(check);
      if (check.bytesInFlight() != 0 || counters.get(Counter.PACKETS_LOST) != 0) {
        throw new IllegalStateException("unexpected ACK outcome: " + counters);
      }
    }

    @Setup(Level.Invocation)
    public void fill() {
      session = sessionWithPacketsInFlight(new LinkCounters());
    }

    long run(Session<Integer> target) {
      for (int k = 0; k < ACKS; k++) {
        target.onPacket(START_MICROS + RTT_MICROS + 2L * k, acks[k], 30);
      }
      return target.bytesInFlight();
    }
  }

  @Benchmark
  @OperationsPerInvocation(AckClock.ACKS)
  public long ackClock(AckClock state) {
    return state.run(state.session);
  }

  /** A receiver's packet-number record on a lossy, slightly reordering path, in steady state. */
  @State(Scope.Thread)
  public static class Receiver {
    static final int BLOCK = 1024;
    final ReceivedPackets received = new ReceivedPackets(FrameCodec.MAX_ACK_RANGES);
    long[] arrivals;
    int next;
    long base;

    @Setup(Level.Trial)
    public void prepare() {
      List<Long> order = new ArrayList<>();
      for (long pn = 0; pn < BLOCK; pn++) {
        if (pn % 16 == 7) {
          continue; // lost
        }
        if (pn % 32 == 20) {
          order.add(pn + 1); // 21 overtakes 20
          order.add(pn);
          pn++;
          continue;
        }
        order.add(pn);
      }
      arrivals = order.stream().mapToLong(Long::longValue).toArray();
      // Warm the record up to its steady state (all 64 ranges in use).
      for (int i = 0; i < 4 * arrivals.length; i++) {
        record();
      }
      if (received.rangeCount() != FrameCodec.MAX_ACK_RANGES) {
        throw new IllegalStateException("ranges: " + received.rangeCount());
      }
    }

    boolean record() {
      long packetNumber = base + arrivals[next];
      if (++next == arrivals.length) {
        next = 0;
        base += BLOCK;
      }
      if (received.isDuplicate(packetNumber)) {
        return false;
      }
      received.add(packetNumber);
      return true;
    }
  }

  @Benchmark
  public boolean recordPacketNumber(Receiver state) {
    return state.record();
  }

  /** A record holding {@code ranges} ranges (one missing packet between neighbours). */
  @State(Scope.Thread)
  public static class AckBuilder {
    @Param({"8", "64"})
    public int ranges;

    final ReceivedPackets received = new ReceivedPackets(FrameCodec.MAX_ACK_RANGES);

    @Setup(Level.Trial)
    public void prepare() {
      for (long pn = 0; pn < 16L * ranges; pn++) {
        if (pn % 16 != 15) {
          received.add(pn);
        }
      }
      if (received.rangeCount() != ranges) {
        throw new IllegalStateException("ranges: " + received.rangeCount());
      }
    }
  }

  @Benchmark
  public Frame.Ack buildAck(AckBuilder state) {
    return state.received.toAck(3_000, FrameCodec.MAX_ACK_RANGES, 0);
  }
}
