package org.catdit.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * The whole Netty edge of a peer: hands each received datagram, copied out of Netty's buffer into
 * one reused array, to a {@link Sink}, and tells it when a read batch ends so its writes go out in
 * one flush. Socket errors are counted, never fatal: one bad send must not close the peer's only
 * socket.
 */
final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

  /** Where datagrams go; called on the channel's event loop. */
  interface Sink {
    /** One datagram, {@code bytes[0..length)}: the array is reused for the next one. */
    void onDatagram(InetSocketAddress from, byte[] bytes, int length);

    void onReadComplete();
  }

  /**
   * Writes are flushed at least this often within one read batch. A batch can hold up to {@link
   * UdpRuntime#DATAGRAMS_PER_READ} datagrams, megabytes on loopback; holding the acknowledgements
   * for all of it until the batch ends stalls a sender that waits on them, so each side would idle
   * while the other works.
   */
  static final int FLUSH_EVERY_BYTES = 64 << 10;

  private final Sink sink;
  private long socketErrors;
  private long bytesSinceFlush;

  /** Every datagram is copied here: a fresh array per datagram was a 64 KiB one on loopback. */
  private byte[] buffer = new byte[2048];

  DatagramHandler(Sink sink) {
    super(true);
    this.sink = sink;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
    ByteBuf content = packet.content();
    int length = content.readableBytes();
    if (buffer.length < length) {
      buffer = new byte[Math.max(length, 2 * buffer.length)];
    }
    content.getBytes(content.readerIndex(), buffer, 0, length);
    sink.onDatagram(packet.sender(), buffer, length);
    bytesSinceFlush += length;
    if (bytesSinceFlush >= FLUSH_EVERY_BYTES) {
      bytesSinceFlush = 0;
      sink.onReadComplete();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext context) {
    bytesSinceFlush = 0;
    sink.onReadComplete();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    socketErrors++;
  }

  long socketErrors() {
    return socketErrors;
  }
}
