package org.catdit.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * The whole Netty edge of a peer: hands each received datagram, copied out of Netty's buffer, to a
 * {@link Sink}, and tells it when a read batch ends so its writes go out in one flush. Socket
 * errors are counted, never fatal: one bad send must not close the peer's only socket.
 */
final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

  /** Where datagrams go; called on the channel's event loop. */
  interface Sink {
    void onDatagram(InetSocketAddress from, byte[] datagram);

    void onReadComplete();
  }

  private final Sink sink;
  private long socketErrors;

  DatagramHandler(Sink sink) {
    super(true);
    this.sink = sink;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, DatagramPacket packet) {
    ByteBuf content = packet.content();
    byte[] datagram = new byte[content.readableBytes()];
    content.getBytes(content.readerIndex(), datagram);
    sink.onDatagram(packet.sender(), datagram);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext context) {
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
