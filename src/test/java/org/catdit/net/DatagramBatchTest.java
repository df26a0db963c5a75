package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.SegmentedDatagramPacket;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How one turn's datagrams are grouped into segmented (GSO) sends. */
class DatagramBatchTest {
  private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 1000);
  private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 2000);

  private static byte[] datagram(int size, int fill) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) fill);
    return bytes;
  }

  /** The datagrams in each send {@code batch} writes, in order. */
  private static List<Integer> sends(DatagramBatch batch) {
    EmbeddedChannel channel = new EmbeddedChannel();
    batch.flush(channel);
    List<Integer> datagrams = new ArrayList<>();
    for (Object sent; (sent = channel.readOutbound()) != null; ) {
      DatagramPacket packet = (DatagramPacket) sent;
      int bytes = packet.content().readableBytes();
      datagrams.add(
          packet instanceof SegmentedDatagramPacket segmented
              ? (bytes + segmented.segmentSize() - 1) / segmented.segmentSize()
              : 1);
      packet.release();
    }
    return datagrams;
  }

  private static void add(DatagramBatch batch, InetSocketAddress to, int size, int fill) {
    byte[] bytes = datagram(size + 10, fill);
    batch.add(to, bytes, size);
  }

  @Test
  void aRunIsOneAddressAndOneSizeWithAtMostAShorterLastDatagram() {
    DatagramBatch batch = new DatagramBatch(ByteBufAllocator.DEFAULT, true);
    for (int i = 0; i < 5; i++) {
      add(batch, A, 1452, i);
    }
    add(batch, A, 700, 5); // may end the run
    add(batch, A, 1452, 6); // may not follow a shorter one
    add(batch, B, 1452, 7); // another address
    add(batch, B, 1452, 8);
    add(batch, B, 1500, 9); // a larger one starts a new run
    assertEquals(List.of(6, 1, 2, 1), sends(batch));
  }

  @Test
  void aRunStaysWithinOneUdpDatagramsWorthOfBytesAndTheSegmentLimit() {
    DatagramBatch bySize = new DatagramBatch(ByteBufAllocator.DEFAULT, true);
    for (int i = 0; i < 50; i++) {
      add(bySize, A, 1452, i);
    }
    int perRun = DatagramBatch.MAX_RUN_BYTES / 1452;
    assertEquals(List.of(perRun, 50 - perRun), sends(bySize));
    DatagramBatch byCount = new DatagramBatch(ByteBufAllocator.DEFAULT, true);
    for (int i = 0; i < 100; i++) {
      add(byCount, A, 100, i);
    }
    assertEquals(
        List.of(DatagramBatch.MAX_SEGMENTS, 100 - DatagramBatch.MAX_SEGMENTS), sends(byCount));
  }

  @Test
  void theCallersArrayIsFreeOnceAdded() {
    DatagramBatch batch = new DatagramBatch(ByteBufAllocator.DEFAULT, true);
    byte[] reused = datagram(1452, 1);
    batch.add(A, reused, 1452);
    Arrays.fill(reused, (byte) 2);
    batch.add(A, reused, 1452);
    EmbeddedChannel channel = new EmbeddedChannel();
    batch.flush(channel);
    SegmentedDatagramPacket sent = channel.readOutbound();
    byte[] joined = ByteBufUtil.getBytes(sent.content());
    assertArrayEquals(datagram(1452, 1), Arrays.copyOfRange(joined, 0, 1452));
    assertArrayEquals(datagram(1452, 2), Arrays.copyOfRange(joined, 1452, 2904));
    sent.release();
  }

  @Test
  void flushWritesRunsAsSegmentedPacketsOfTheOriginalBytesAndTheRestOneByOne() {
    EmbeddedChannel channel = new EmbeddedChannel();
    DatagramBatch batch = new DatagramBatch(channel.alloc(), true);
    byte[][] run = {datagram(1452, 1), datagram(1452, 2), datagram(300, 3)};
    for (byte[] bytes : run) {
      batch.add(A, bytes, bytes.length);
    }
    batch.add(B, datagram(80, 4), 80);
    batch.flush(channel);

    SegmentedDatagramPacket segmented =
        assertInstanceOf(SegmentedDatagramPacket.class, channel.readOutbound());
    assertEquals(1452, segmented.segmentSize());
    assertEquals(A, segmented.recipient());
    byte[] joined = ByteBufUtil.getBytes(segmented.content());
    assertArrayEquals(run[0], Arrays.copyOfRange(joined, 0, 1452));
    assertArrayEquals(run[1], Arrays.copyOfRange(joined, 1452, 2904));
    assertArrayEquals(run[2], Arrays.copyOfRange(joined, 2904, joined.length));
    segmented.release();
    DatagramPacket single = assertInstanceOf(DatagramPacket.class, channel.readOutbound());
    assertFalse(single instanceof SegmentedDatagramPacket);
    assertEquals(B, single.recipient());
    assertArrayEquals(datagram(80, 4), ByteBufUtil.getBytes(single.content()));
    single.release();
    assertNull(channel.readOutbound());
    assertEquals(1, batch.segmentedSends());
    assertEquals(3, batch.segmentedDatagrams());
  }

  @Test
  void withoutSegmentationEveryDatagramIsItsOwnSend() {
    EmbeddedChannel channel = new EmbeddedChannel();
    DatagramBatch batch = new DatagramBatch(channel.alloc(), false);
    for (int i = 0; i < 3; i++) {
      add(batch, A, 1452, i);
    }
    batch.flush(channel);
    for (int i = 0; i < 3; i++) {
      DatagramPacket packet = assertInstanceOf(DatagramPacket.class, channel.readOutbound());
      assertFalse(packet instanceof SegmentedDatagramPacket);
      assertArrayEquals(datagram(1452, i), ByteBufUtil.getBytes(packet.content()));
      packet.release();
    }
    assertNull(channel.readOutbound());
    assertFalse(DatagramBatch.canSegment(channel), "an embedded channel cannot segment");
  }
}
