package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Netty edge in isolation: what reaches the sink, buffers released, errors survived. */
class DatagramHandlerTest {
  private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 4100);
  private static final InetSocketAddress RECIPIENT = new InetSocketAddress("127.0.0.1", 4200);

  private final List<byte[]> datagrams = new ArrayList<>();
  private final List<InetSocketAddress> senders = new ArrayList<>();
  private int readBatchesEnded;

  private final DatagramHandler handler =
      new DatagramHandler(
          new DatagramHandler.Sink() {
            @Override
            public void onDatagram(InetSocketAddress from, byte[] bytes, int length) {
              senders.add(from);
              datagrams.add(Arrays.copyOf(bytes, length));
            }

            @Override
            public void onReadComplete() {
              readBatchesEnded++;
            }
          });

  @Test
  void handsOverACopyOfEachDatagramAndReleasesNettysBuffer() {
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    ByteBuf content = Unpooled.directBuffer().writeBytes(new byte[] {1, 2, 3});
    channel.writeInbound(new DatagramPacket(content, RECIPIENT, SENDER));

    assertEquals(List.of(SENDER), senders);
    assertArrayEquals(new byte[] {1, 2, 3}, datagrams.get(0));
    assertEquals(0, content.refCnt(), "the handler releases what it read");
    assertEquals(1, readBatchesEnded, "the end of the read batch is passed on for the flush");
  }

  @Test
  void aFullSizeDatagramArrivesWhole() {
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    byte[] large = new byte[65_507];
    large[large.length - 1] = 42;
    channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(large), RECIPIENT, SENDER));

    assertEquals(large.length, datagrams.get(0).length);
    assertEquals(42, datagrams.get(0)[large.length - 1]);
  }

  @Test
  void anEmptyDatagramIsHandedOnForTheEndpointToCount() {
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    channel.writeInbound(new DatagramPacket(Unpooled.EMPTY_BUFFER, RECIPIENT, SENDER));

    assertEquals(0, datagrams.get(0).length);
  }

  @Test
  void aSocketErrorIsCountedAndTheChannelStaysOpen() {
    EmbeddedChannel channel = new EmbeddedChannel(handler);
    channel.pipeline().fireExceptionCaught(new IOException("port unreachable"));

    assertEquals(1, handler.socketErrors());
    assertTrue(channel.isOpen());
    channel.writeInbound(
        new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {7}), RECIPIENT, SENDER));
    assertEquals(1, datagrams.size());
  }
}
