package org.catdit.overlay.link;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The session packet codec as {@link Session} uses it: header, frames and (with {@code sealed})
 * ChaCha20-Poly1305 over the frames, and the reverse as {@link LinkEndpoint} does it.
 *
 * <ul>
 *   <li>a full 1472-byte datagram (Ethernet path MTU) with two STREAM frames: a 40-byte control
 *       message on stream 0 and a bulk slice on stream 1 filling the rest;
 *   <li>an ACK-only packet with 8 ranges (7 gaps), packet numbers in the 4-byte varint form.
 * </ul>
 *
 * Encoding allocates a writer of the datagram size, as {@code Session.sendPacket} does, and packet
 * numbers go up by one per call (the cipher refuses a repeated nonce, and so would a real session).
 * Decoding cycles over 256 datagrams with consecutive packet numbers sealed beforehand.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PacketCodecBenchmark {
  static final int DATAGRAM_BYTES = 1472;
  private static final long CONNECTION_ID = 0x0123_4567_89AB_CDEFL;

  /** In the 4-byte varint range, as after 16,384 packets of a session. */
  private static final long FIRST_PACKET_NUMBER = 1_000_000;

  private static final int PREPARED = 256;
  private static final int MAX_STREAM_FRAME_BYTES = LinkConfig.defaults().maxDatagramBytes();

  @Param({"false", "true"})
  public boolean sealed;

  private PacketProtection sender;
  private PacketProtection receiver;
  private int sealBytes;
  private Frame.Stream control;
  private Frame.Stream bulk;
  private Frame.Ack ack;
  private long nextPacketNumber;
  private final byte[][] streamDatagrams = new byte[PREPARED][];
  private final byte[][] ackDatagrams = new byte[PREPARED][];
  private int nextStream;
  private int nextAck;

  @Setup
  public void setUp() throws MalformedPacketException {
    SplittableRandom random = new SplittableRandom(4);
    byte[] secret = new byte[32];
    byte[] transcript = new byte[96];
    random.nextBytes(secret);
    random.nextBytes(transcript);
    sender = sealed ? PacketProtection.derive(secret, transcript, true) : null;
    receiver = sealed ? PacketProtection.derive(secret, transcript, false) : null;
    sealBytes = sealed ? PacketProtection.TAG_BYTES : 0;

    byte[] controlBytes = new byte[40];
    random.nextBytes(controlBytes);
    control = new Frame.Stream(0, 52_000, controlBytes);
    int headerBytes = 1 + 8 + PacketWriter.varintLength(FIRST_PACKET_NUMBER);
    long bulkOffset = 48_000_000;
    int room =
        DATAGRAM_BYTES
            - sealBytes
            - headerBytes
            - FrameCodec.encodedSize(control)
            - FrameCodec.streamHeaderSize(bulkOffset, 1400);
    byte[] bulkBytes = new byte[room];
    random.nextBytes(bulkBytes);
    bulk = new Frame.Stream(1, bulkOffset, bulkBytes);

    // 8 ranges below packet 5,000,000: runs of 40 received packets separated by 3 missing ones.
    long[] ranges = new long[16];
    long high = 5_000_000;
    for (int i = 0; i < 8; i++) {
      ranges[2 * i] = high;
      ranges[2 * i + 1] = high - 39;
      high -= 43;
    }
    ack = new Frame.Ack(1_200, ranges);

    // Datagrams to decode, sealed by a protection instance of their own.
    PacketProtection preparer = sealed ? PacketProtection.derive(secret, transcript, true) : null;
    for (int i = 0; i < PREPARED; i++) {
      streamDatagrams[i] = encode(preparer, FIRST_PACKET_NUMBER + i, control, bulk);
      ackDatagrams[i] = encode(preparer, FIRST_PACKET_NUMBER + PREPARED + i, ack, null);
    }
    if (streamDatagrams[0].length != DATAGRAM_BYTES) {
      throw new IllegalStateException("stream packet is " + streamDatagrams[0].length + " bytes");
    }
    // Check once that everything decodes to what was encoded (with a separate opener).
    PacketProtection checker = sealed ? PacketProtection.derive(secret, transcript, false) : null;
    FrameCodec.Packet packet =
        FrameCodec.decode(streamDatagrams[0], 0, DATAGRAM_BYTES, MAX_STREAM_FRAME_BYTES, checker);
    if (packet == null || !packet.frames().equals(List.of(control, bulk))) {
      throw new IllegalStateException("stream packet does not round-trip");
    }
    packet =
        FrameCodec.decode(
            ackDatagrams[0], 0, ackDatagrams[0].length, MAX_STREAM_FRAME_BYTES, checker);
    if (packet == null || !packet.frames().equals(List.of(ack))) {
      throw new IllegalStateException("ACK packet does not round-trip");
    }
    nextPacketNumber = FIRST_PACKET_NUMBER + 2 * PREPARED;
  }

  /** What {@code Session.sendPacket} and {@code Session.seal} do with the frames. */
  private byte[] encode(PacketProtection protection, long packetNumber, Frame first, Frame second) {
    PacketWriter out = new PacketWriter(DATAGRAM_BYTES - sealBytes);
    FrameCodec.writeHeader(out, CONNECTION_ID, packetNumber);
    int clearLength = out.position();
    FrameCodec.encode(out, first);
    if (second != null) {
      FrameCodec.encode(out, second);
    }
    if (protection == null) {
      return out.toByteArray();
    }
    int length = protection.seal(packetNumber, out.array(), clearLength, out.position());
    return Arrays.copyOf(protection.sealed(), length);
  }

  @Benchmark
  public byte[] encodeStreamPacket() {
    return encode(sender, nextPacketNumber++, control, bulk);
  }

  @Benchmark
  public FrameCodec.Packet decodeStreamPacket() throws MalformedPacketException {
    byte[] datagram = streamDatagrams[nextStream];
    nextStream = (nextStream + 1) & (PREPARED - 1);
    return FrameCodec.decode(datagram, 0, datagram.length, MAX_STREAM_FRAME_BYTES, receiver);
  }

  @Benchmark
  public byte[] encodeAckPacket() {
    return encode(sender, nextPacketNumber++, ack, null);
  }

  @Benchmark
  public FrameCodec.Packet decodeAckPacket() throws MalformedPacketException {
    byte[] datagram = ackDatagrams[nextAck];
    nextAck = (nextAck + 1) & (PREPARED - 1);
    return FrameCodec.decode(datagram, 0, datagram.length, MAX_STREAM_FRAME_BYTES, receiver);
  }
}
