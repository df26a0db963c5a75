package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.SegmentedDatagramPacket;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Arrays;
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

  @Test
  void aRunIsOneAddressAndOneSizeWithAtMostAShorterLastDatagram() {
    DatagramBatch batch = new DatagramBatch(true);
    for (int i = 0; i < 5; i++) {
      batch.add(A, datagram(1452, i));
    }
    batch.add(A, datagram(700, 5)); // may end the run
    batch.add(A, datagram(1452, 6)); // may not follow a shorter one
    batch.add(B, datagram(1452, 7)); // another address
    batch.add(B, datagram(1452, 8));
    batch.add(B, datagram(1500, 9)); // a larger one starts a new run
    assertEquals(6, batch.runEnd(0));
    assertEquals(7, batch.runEnd(6));
    assertEquals(9, batch.runEnd(7));
    assertEquals(10, batch.runEnd(9));
  }

  @Test
  void aRunStaysWithinOneUdpDatagramsWorthOfBytesAndTheSegmentLimit() {
    DatagramBatch bySize = new DatagramBatch(true);
    for (int i = 0; i < 50; i++) {
      bySize.add(A, datagram(1452, i));
    }
    assertEquals(DatagramBatch.MAX_RUN_BYTES / 1452, bySize.runEnd(0));
    DatagramBatch byCount = new DatagramBatch(true);
    for (int i = 0; i < 100; i++) {
      byCount.add(A, datagram(100, i));
    }
    assertEquals(DatagramBatch.MAX_SEGMENTS, byCount.runEnd(0));
  }

  @Test
  void flushWritesRunsAsSegmentedPacketsOfTheOriginalBytesAndTheRestOneByOne() {
    EmbeddedChannel channel = new EmbeddedChannel();
    DatagramBatch batch = new DatagramBatch(true);
    byte[][] run = {datagram(1452, 1), datagram(1452, 2), datagram(300, 3)};
    for (byte[] bytes : run) {
      batch.add(A, bytes);
    }
    batch.add(B, datagram(80, 4));
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
    DatagramBatch batch = new DatagramBatch(false);
    for (int i = 0; i < 3; i++) {
      batch.add(A, datagram(1452, i));
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
