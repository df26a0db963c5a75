package org.catdit.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
 *
 * <p>Each datagram is copied into a direct buffer as it is added, the one copy the socket needs
 * anyway (Netty would make it from a heap buffer at write time), so the caller's array is free at
 * once: a session seals every packet into one reused array.
 */
final class DatagramBatch {
  /** Linux's {@code UDP_MAX_SEGMENTS} (64 before 5.x kernels raised it). */
  static final int MAX_SEGMENTS = 64;

  /** A segmented send is one UDP datagram until it is cut: its payload must fit in 64 KiB. */
  static final int MAX_RUN_BYTES = 65_000;

  /** A run's buffer starts with room for this many datagrams of its first one's size. */
  private static final int FIRST_ROOM_DATAGRAMS = 8;

  private final ByteBufAllocator allocator;
  private final boolean isSegmentationEnabled;
  private final List<Run> runs = new ArrayList<>();
  private long segmentedSends;
  private long segmentedDatagrams;

  /**
   * @param allocator where the runs' direct buffers come from (the channel's)
   * @param isSegmentationEnabled whether runs go out as segmented sends ({@link #canSegment})
   */
  DatagramBatch(ByteBufAllocator allocator, boolean isSegmentationEnabled) {
    this.allocator = allocator;
    this.isSegmentationEnabled = isSegmentationEnabled;
  }

  /** Whether {@code channel} can send segmented datagrams here. */
  static boolean canSegment(Channel channel) {
    return channel instanceof EpollDatagramChannel && SegmentedDatagramPacket.isSupported();
  }

  boolean isSegmentationEnabled() {
    return isSegmentationEnabled;
  }

  /** Queues {@code bytes[0..length)} to {@code to}, copying it: the array is free on return. */
  void add(InetSocketAddress to, byte[] bytes, int length) {
    Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
    if (last == null || !last.accepts(to, length)) {
      int room = length * (isSegmentationEnabled ? FIRST_ROOM_DATAGRAMS : 1);
      last = new Run(to, length, allocator.directBuffer(Math.min(room, MAX_RUN_BYTES)));
      runs.add(last);
    }
    last.add(bytes, length);
  }

  /** Writes everything added since the last call to {@code channel} and flushes it. */
  void flush(Channel channel) {
    for (Run run : runs) {
      if (run.datagrams == 1) {
        channel.write(new DatagramPacket(run.content, run.to), channel.voidPromise());
      } else {
        channel.write(
            new SegmentedDatagramPacket(run.content, run.segmentBytes, run.to),
            channel.voidPromise());
        segmentedSends++;
        segmentedDatagrams += run.datagrams;
      }
    }
    runs.clear();
    channel.flush();
  }

  /** Sends that carried more than one datagram, and the datagrams they carried. */
  long segmentedSends() {
    return segmentedSends;
  }

  long segmentedDatagrams() {
    return segmentedDatagrams;
  }

  /** Datagrams to one address, all of the first one's size but perhaps a shorter last one. */
  private final class Run {
    final InetSocketAddress to;
    final int segmentBytes;
    final ByteBuf content;
    int datagrams;
    boolean isEnded;

    Run(InetSocketAddress to, int segmentBytes, ByteBuf content) {
      this.to = to;
      this.segmentBytes = segmentBytes;
      this.content = content;
    }

    /** Whether a datagram can join this run, as GSO allows, within the segment and byte limits. */
    boolean accepts(InetSocketAddress address, int length) {
      return isSegmentationEnabled
          && !isEnded
          && datagrams < MAX_SEGMENTS
          && length <= segmentBytes
          && content.readableBytes() + length <= MAX_RUN_BYTES
          && to.equals(address);
    }

    void add(byte[] bytes, int length) {
      content.writeBytes(bytes, 0, length);
      datagrams++;
      isEnded = length < segmentBytes; // a shorter datagram can only be the last segment
    }
  }
}
