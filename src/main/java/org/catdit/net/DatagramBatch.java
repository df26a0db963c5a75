package org.catdit.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.SegmentedDatagramPacket;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The datagrams one event-loop turn produced, written when the turn flushes. A run of datagrams of
 * one size to one address (what a bulk transfer is: every full packet has the path's datagram size)
 * leaves as one UDP generic-segmentation-offload send (Linux {@code UDP_SEGMENT}, Netty's {@link
 * SegmentedDatagramPacket}): one system call and one trip down the stack for up to {@link
 * #MAX_SEGMENTS} datagrams, cut into their original sizes by the kernel (or the NIC) at the end.
 * The receiver sees the same datagrams as without it. Where the kernel or the transport cannot do
 * it (NIO, old kernels), every datagram is written on its own, as before.
 */
final class DatagramBatch {
  /** Linux's {@code UDP_MAX_SEGMENTS} (64 before 5.x kernels raised it). */
  static final int MAX_SEGMENTS = 64;

  /** A segmented send is one UDP datagram until it is cut: its payload must fit in 64 KiB. */
  static final int MAX_RUN_BYTES = 65_000;

  private final boolean isSegmentationEnabled;
  private final List<InetSocketAddress> addresses = new ArrayList<>();
  private final List<byte[]> datagrams = new ArrayList<>();
  private long segmentedSends;
  private long segmentedDatagrams;

  /**
   * @param isSegmentationEnabled whether runs go out as segmented sends ({@link #canSegment})
   */
  DatagramBatch(boolean isSegmentationEnabled) {
    this.isSegmentationEnabled = isSegmentationEnabled;
  }

  /** Whether {@code channel} can send segmented datagrams here. */
  static boolean canSegment(Channel channel) {
    return channel instanceof EpollDatagramChannel && SegmentedDatagramPacket.isSupported();
  }

  boolean isSegmentationEnabled() {
    return isSegmentationEnabled;
  }

  void add(InetSocketAddress to, byte[] datagram) {
    addresses.add(to);
    datagrams.add(datagram);
  }

  /** Writes everything added since the last call to {@code channel} and flushes it. */
  void flush(Channel channel) {
    int count = datagrams.size();
    int start = 0;
    while (start < count) {
      int end = isSegmentationEnabled ? runEnd(start) : start + 1;
      if (end - start == 1) {
        channel.write(
            new DatagramPacket(Unpooled.wrappedBuffer(datagrams.get(start)), addresses.get(start)),
            channel.voidPromise());
      } else {
        channel.write(segmented(channel, start, end), channel.voidPromise());
        segmentedSends++;
        segmentedDatagrams += end - start;
      }
      start = end;
    }
    addresses.clear();
    datagrams.clear();
    channel.flush();
  }

  /**
   * The end (exclusive) of the run that starts at {@code start}: datagrams to the same address, all
   * of the first one's size except perhaps a shorter last one (as GSO allows), within the segment
   * and byte limits.
   */
  int runEnd(int start) {
    InetSocketAddress to = addresses.get(start);
    int size = datagrams.get(start).length;
    int total = size;
    int end = start + 1;
    while (end < datagrams.size()
        && end - start < MAX_SEGMENTS
        && addresses.get(end).equals(to)
        && datagrams.get(end).length <= size
        && total + datagrams.get(end).length <= MAX_RUN_BYTES) {
      total += datagrams.get(end).length;
      end++;
      if (datagrams.get(end - 1).length < size) {
        break; // a shorter datagram can only be the last segment
      }
    }
    return end;
  }

  private SegmentedDatagramPacket segmented(Channel channel, int start, int end) {
    int total = 0;
    for (int i = start; i < end; i++) {
      total += datagrams.get(i).length;
    }
    ByteBuf content = channel.alloc().directBuffer(total);
    for (int i = start; i < end; i++) {
      content.writeBytes(datagrams.get(i));
    }
    return new SegmentedDatagramPacket(content, datagrams.get(start).length, addresses.get(start));
  }

  /** Sends that carried more than one datagram, and the datagrams they carried. */
  long segmentedSends() {
    return segmentedSends;
  }

  long segmentedDatagrams() {
    return segmentedDatagrams;
  }
}
