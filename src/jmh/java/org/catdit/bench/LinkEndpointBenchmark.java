package org.catdit.bench;

import java.util.Arrays;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.LinkConfig;
import org.catdit.overlay.link.LinkEndpoint;
import org.catdit.overlay.link.LinkIo;
import org.catdit.overlay.link.SimAuthenticator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two {@link LinkEndpoint}s joined in memory: every datagram one sends is handed to the other's
 * {@code onDatagram} (one hand-off per datagram, no copy, no loss, no delay). One op sends one
 * message from A to B on stream 1 and runs the pair until B has delivered it; ACKs flow back the
 * same way. Throughput is messages per second of both endpoints' work on one thread: encoding,
 * sealing and opening (when protection is on), ACK generation and processing, loss detection
 * bookkeeping, congestion control (BBR) and pacing, stream reassembly.
 *
 * <p>Virtual time advances 1 µs per message and jumps to the next timer deadline whenever the pair
 * has nothing to deliver (a paced or delayed-ACK wait). Datagrams are capped at 1472 bytes, as on
 * an Ethernet path (in memory there is no MTU and the probe would otherwise reach 16 KiB). Peers
 * authenticate with {@link SimAuthenticator}; that only affects the handshake, which is not
 * measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LinkEndpointBenchmark {
  private static final long STEP_MICROS = 1;
  private static final int STREAM = 1;

  @Param({"true", "false"})
  public boolean protection;

  @Param({"64", "16384"})
  public int messageBytes;

  private Side a;
  private Side b;
  private PeerId peerB;
  private byte[] message;
  private long now = 1_000_000;
  private long sent;

  /** One endpoint and its outbox; it implements the endpoint's I/O. */
  static final class Side implements LinkIo<Integer> {
    final int address;
    final LinkEndpoint<Integer> endpoint;
    final ArrayDeque<byte[]> outbox = new ArrayDeque<>();
    long wakeAtMicros = Long.MAX_VALUE;
    long delivered;
    long deliveredBytes;
    long failures;

    Side(int address, LinkConfig config, long seed) {
      this.address = address;
      this.endpoint =
          new LinkEndpoint<>(
              config,
              new SimAuthenticator(PeerId.of(7, address)),
              this,
              new SplittableRandom(seed));
    }

    @Override
    public void sendDatagram(Integer to, byte[] bytes, int length) {
      outbox.addLast(Arrays.copyOf(bytes, length));
    }

    @Override
    public void wakeAt(long deadlineMicros) {
      wakeAtMicros = deadlineMicros;
    }

    @Override
    public void onMessage(PeerId from, int streamId, byte[] message) {
      delivered++;
      deliveredBytes += message.length;
    }

    @Override
    public void onSessionEstablished(PeerId peer, Integer address) {}

    @Override
    public void onPeerFailed(PeerId peer, FailureReason reason) {
      failures++;
    }

    @Override
    public byte[] addressBytes(Integer address) {
      return new byte[] {
        (byte) (address >>> 24),
        (byte) (address >>> 16),
        (byte) (address >>> 8),
        (byte) (int) address
      };
    }

    void fireTimerIfDue(long now) {
      if (wakeAtMicros <= now) {
        wakeAtMicros = Long.MAX_VALUE;
        endpoint.onTimer(now);
      }
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    LinkConfig config =
        LinkConfig.defaults().withMaxDatagramBytes(1472).withPacketProtection(protection);
    a = new Side(1, config, 11);
    b = new Side(2, config, 22);
    peerB = b.endpoint.localPeer();
    message = new byte[messageBytes];
    new SplittableRandom(3).nextBytes(message);
    a.endpoint.connect(now, b.address);
    for (int i = 0; i < 1000 && !a.endpoint.isConnected(peerB); i++) {
      deliverAll();
      advanceToNextDeadline();
    }
    if (!a.endpoint.isConnected(peerB)) {
      throw new IllegalStateException("no session: " + a.endpoint.counters());
    }
  }

  /** Hands every queued datagram over, alternating directions, until both outboxes are empty. */
  private void deliverAll() {
    while (!a.outbox.isEmpty() || !b.outbox.isEmpty()) {
      byte[] datagram = a.outbox.pollFirst();
      if (datagram != null) {
        b.endpoint.onDatagram(now, a.address, datagram);
      }
      datagram = b.outbox.pollFirst();
      if (datagram != null) {
        a.endpoint.onDatagram(now, b.address, datagram);
      }
    }
  }

  private void advanceToNextDeadline() {
    long next = Math.min(a.wakeAtMicros, b.wakeAtMicros);
    if (next == Long.MAX_VALUE) {
      throw new IllegalStateException("stalled: nothing to deliver and no timer armed");
    }
    now = Math.max(now, next);
    a.fireTimerIfDue(now);
    b.fireTimerIfDue(now);
  }

  @Benchmark
  public long sendMessage() {
    now += STEP_MICROS;
    a.fireTimerIfDue(now);
    b.fireTimerIfDue(now);
    if (!a.endpoint.send(now, peerB, STREAM, message)) {
      throw new IllegalStateException("send refused: " + a.endpoint.counters());
    }
    long target = ++sent;
    deliverAll();
    while (b.delivered < target) {
      advanceToNextDeadline();
      deliverAll();
    }
    return b.delivered;
  }

  @TearDown(Level.Trial)
  public void check() {
    if (b.delivered != sent
        || b.deliveredBytes != sent * messageBytes
        || a.failures + b.failures != 0) {
      throw new IllegalStateException(
          "sent "
              + sent
              + ", delivered "
              + b.delivered
              + ", failures "
              + (a.failures + b.failures));
    }
    System.out.println(
        "\n[check] sent "
            + sent
            + " messages, all delivered; A "
            + a.endpoint.stats(peerB)
            + "; A counters "
            + a.endpoint.counters());
  }
}
