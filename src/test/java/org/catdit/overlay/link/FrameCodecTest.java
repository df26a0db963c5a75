package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  private static byte[] packet(long connectionId, long packetNumber, Frame... frames) {
    PacketWriter out = new PacketWriter(4096);
    FrameCodec.writeHeader(out, connectionId, packetNumber);
    if (frames.length > 0 && frames[0] instanceof Frame.Echo) {
      out.setByte(0, FrameCodec.SESSION_PACKET_WITH_ECHO);
    }
    for (Frame frame : frames) {
      int before = out.position();
      FrameCodec.encode(out, frame);
      assertEquals(FrameCodec.encodedSize(frame), out.position() - before, frame.toString());
    }
    return out.toByteArray();
  }

  private static final Frame[] SAMPLE = {
    new Frame.Ping(),
    new Frame.Ack(800, new long[] {1000, 990, 980, 900, 5, 0}),
    new Frame.Stream(3, 123_456_789, new byte[] {1, 2, 3}),
    new Frame.MaxData(1L << 40),
    new Frame.Close(1),
    new Frame.Stream(0, 0, new byte[0]),
  };

  @Test
  void everyFrameRoundTrips() throws Exception {
    Frame.Echo echo =
        new Frame.Echo(
            5,
            new byte[16],
            1500,
            new byte[32],
            new byte[32],
            77,
            new byte[16],
            new byte[16],
            new byte[64]);
    List<Frame> frames = new ArrayList<>(List.of(echo));
    frames.addAll(List.of(SAMPLE));
    byte[] bytes = packet(42, 1L << 40, frames.toArray(Frame[]::new));
    FrameCodec.Packet decoded = FrameCodec.decode(bytes, 0, bytes.length, 1500);
    assertEquals(42, decoded.destinationConnectionId());
    assertEquals(1L << 40, decoded.packetNumber());
    assertEquals(frames.size(), decoded.frames().size());
    for (int i = 1; i < frames.size(); i++) {
      assertEquals(frames.get(i), decoded.frames().get(i));
    }
    Frame.Echo back = (Frame.Echo) decoded.frames().get(0);
    assertEquals(echo.initiatorConnectionId(), back.initiatorConnectionId());
    assertArrayEquals(echo.signature(), back.signature());
  }

  @Test
  void everyTruncationIsRefused() {
    byte[] bytes = packet(42, 7, SAMPLE);
    for (int length = 0; length < bytes.length; length++) {
      int cut = length;
      // Cutting exactly between frames leaves a valid, shorter packet; elsewhere it must fail.
      try {
        FrameCodec.Packet decoded = FrameCodec.decode(bytes, 0, cut, 1500);
        byte[] again = packet(42, 7, decoded.frames().toArray(Frame[]::new));
        assertArrayEquals(Arrays.copyOf(bytes, cut), again, "a clean cut at " + cut);
      } catch (MalformedPacketException expected) {
        // Refused, as it should be.
      }
    }
  }

  @Test
  void structuralViolationsAreRefused() {
    byte[] echoLater =
        packet(
            1,
            1,
            new Frame.Ping(),
            new Frame.Echo(
                5,
                new byte[16],
                1500,
                new byte[32],
                new byte[32],
                77,
                new byte[16],
                new byte[16],
                new byte[64]));
    assertThrows(
        MalformedPacketException.class,
        () -> FrameCodec.decode(echoLater, 0, echoLater.length, 1500));
    byte[] badStream = packet(1, 1, new Frame.Stream(1, 0, new byte[4]));
    badStream[10] = (byte) FrameCodec.MAX_STREAMS; // the stream id byte
    assertThrows(
        MalformedPacketException.class,
        () -> FrameCodec.decode(badStream, 0, badStream.length, 1500));
    byte[] tooLong = packet(1, 1, new Frame.Stream(1, 0, new byte[100]));
    assertThrows(
        MalformedPacketException.class, () -> FrameCodec.decode(tooLong, 0, tooLong.length, 50));
    byte[] unknown = packet(1, 1, new Frame.Ping());
    unknown[unknown.length - 1] = 0x7F;
    assertThrows(
        MalformedPacketException.class, () -> FrameCodec.decode(unknown, 0, unknown.length, 1500));
    byte[] onlyPadding = Arrays.copyOf(packet(1, 1, new Frame.Ping()), 30);
    onlyPadding[10] = 0;
    assertThrows(
        MalformedPacketException.class,
        () -> FrameCodec.decode(onlyPadding, 0, onlyPadding.length, 1500));
  }

  @Test
  void ackRangesBelowZeroAreRefused() {
    PacketWriter out = new PacketWriter(64);
    FrameCodec.writeHeader(out, 1, 1);
    out.writeByte(FrameCodec.ACK).writeVarint(10).writeVarint(0).writeVarint(1).writeVarint(2);
    out.writeVarint(5).writeVarint(0); // gap 5 below smallest 8 would end at 1: fine
    byte[] ok = out.toByteArray();
    PacketWriter bad = new PacketWriter(64);
    FrameCodec.writeHeader(bad, 1, 1);
    bad.writeByte(FrameCodec.ACK).writeVarint(10).writeVarint(0).writeVarint(1).writeVarint(2);
    bad.writeVarint(7).writeVarint(0); // next range would end at -1
    byte[] below = bad.toByteArray();
    try {
      FrameCodec.decode(ok, 0, ok.length, 1500);
    } catch (MalformedPacketException e) {
      throw new AssertionError(e);
    }
    assertThrows(
        MalformedPacketException.class, () -> FrameCodec.decode(below, 0, below.length, 1500));
  }

  @Property(tries = 300)
  void ackFramesRoundTrip(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed)
      throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    int count = 1 + random.nextInt(FrameCodec.MAX_ACK_RANGES);
    long[] ranges = new long[2 * count];
    long high = random.nextLong(1L << (6 + random.nextInt(50))) + 4L * count * 70_000;
    for (int i = 0; i < count; i++) {
      long length = random.nextInt(3) == 0 ? random.nextInt(70_000) : random.nextInt(3);
      ranges[2 * i] = high;
      ranges[2 * i + 1] = high - length;
      high =
          high - length - 2 - (random.nextBoolean() ? random.nextInt(60) : random.nextInt(70_000));
    }
    Frame.Ack ack = new Frame.Ack(random.nextLong(1L << 32) << 3, ranges);
    byte[] bytes = packet(9, random.nextLong(1L << 62), ack);
    assertEquals(ack, FrameCodec.decode(bytes, 0, bytes.length, 1500).frames().get(0));
  }

  @Property(tries = 200)
  void varintsRoundTrip(@ForAll @LongRange(min = 0, max = (1L << 62) - 1) long value)
      throws Exception {
    PacketWriter out = new PacketWriter(8);
    out.writeVarint(value);
    assertEquals(PacketWriter.varintLength(value), out.position());
    byte[] bytes = out.toByteArray();
    assertEquals(value, new PacketReader(bytes, 0, bytes.length).readVarint());
  }

  @Test
  void handshakePacketsRoundTrip() throws Exception {
    Handshake.Init init = new Handshake.Init(3, new byte[16], 9000, 1, new byte[32], new byte[32]);
    byte[] bytes = Handshake.encodeInit(init);
    assertEquals(Handshake.MIN_INIT_BYTES, bytes.length);
    assertEquals(3, Handshake.decodeInit(bytes, 0, bytes.length).initiatorConnectionId());
    assertThrows(MalformedPacketException.class, () -> Handshake.decodeInit(bytes, 0, 1199));
    Handshake.InitAck ack =
        new Handshake.InitAck(
            3,
            4,
            new byte[16],
            1500,
            1,
            new byte[32],
            new byte[32],
            new byte[64],
            99,
            new byte[16]);
    byte[] ackBytes = Handshake.encodeInitAck(ack);
    Handshake.InitAck back = Handshake.decodeInitAck(ackBytes, 0, ackBytes.length);
    assertEquals(4, back.responderConnectionId());
    assertEquals(99, back.cookieIssuedMicros());
    for (int length = 0; length < ackBytes.length; length++) {
      int cut = length;
      assertThrows(MalformedPacketException.class, () -> Handshake.decodeInitAck(ackBytes, 0, cut));
    }
  }
}
