package org.catdit.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * The benchmark's baseline: a plain Netty TCP connection (epoll where available, NIO otherwise;
 * {@code TCP_NODELAY}, the kernel's buffer autotuning) carrying {@link BenchWire} messages, each
 * framed by a u32 length. Data bodies are counted and skipped, not copied.
 */
final class TcpBench {
  private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(1 << 20, 4 << 20);

  private TcpBench() {}

  /** A listening socket on its own loop that serves every connection. */
  static final class Server implements AutoCloseable {
    private final EventLoopGroup group = BenchLoops.newLoop();
    private final Channel channel;

    Server(InetSocketAddress bind) throws InterruptedException {
      try {
        channel =
            new ServerBootstrap()
                .group(group)
                .channel(
                    BenchLoops.isEpoll()
                        ? EpollServerSocketChannel.class
                        : NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(
                    new ChannelInitializer<SocketChannel>() {
                      @Override
                      protected void initChannel(SocketChannel child) {
                        child.pipeline().addLast(new Handler());
                      }
                    })
                .bind(bind)
                .sync()
                .channel();
      } catch (InterruptedException | RuntimeException e) {
        BenchLoops.shutdown(group);
        throw e;
      }
    }

    InetSocketAddress localAddress() {
      return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() throws InterruptedException {
      try {
        channel.close().await(1, TimeUnit.SECONDS);
      } finally {
        BenchLoops.shutdown(group);
      }
    }
  }

  /** Connects to a {@link Server}; the client is usable once the future completes. */
  static CompletableFuture<BenchClient> connect(InetSocketAddress server) {
    EventLoopGroup group = BenchLoops.newLoop();
    Client client = new Client(group);
    CompletableFuture<BenchClient> result = new CompletableFuture<>();
    new Bootstrap()
        .group(group)
        .channel(BenchLoops.isEpoll() ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(client.handler)
        .connect(server)
        .addListener(
            connected -> {
              if (connected.isSuccess()) {
                result.complete(client);
              } else {
                result.completeExceptionally(connected.cause());
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
              }
            });
    return result;
  }

  private static ByteBuf frame(ByteBufAllocator allocator, byte[] body) {
    ByteBuf frame = allocator.directBuffer(4 + body.length);
    frame.writeInt(body.length).writeBytes(body);
    return frame;
  }

  /**
   * Both ends of a connection: decodes frames; as a server it counts transfers and answers pings,
   * as a client it hands DONE and PONG to {@link #onReply}.
   */
  private static final class Handler extends ChannelInboundHandlerAdapter {
    private static final int MAX_CONTROL_BYTES = 1 << 16;
    private final BenchWire.Tally tally = new BenchWire.Tally();
    private final byte[] header = new byte[5];
    private int headerFill;
    private long skipRemaining;
    private long dataLength;
    private byte[] body;
    private int bodyFill;
    Consumer<byte[]> onReply = message -> {};
    Runnable onWritable = () -> {};
    ChannelHandlerContext context;

    @Override
    public void channelActive(ChannelHandlerContext context) {
      this.context = context;
      context.fireChannelActive();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
      this.context = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
      ByteBuf in = (ByteBuf) message;
      try {
        decode(in);
      } finally {
        ReferenceCountUtil.release(in);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
      context.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
      if (context.channel().isWritable()) {
        onWritable.run();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
      onWritable.run();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      context.close();
    }

    private void decode(ByteBuf in) {
      while (in.isReadable()) {
        if (skipRemaining > 0) {
          int n = (int) Math.min(skipRemaining, in.readableBytes());
          in.skipBytes(n);
          skipRemaining -= n;
          if (skipRemaining == 0) {
            onData();
          }
        } else if (body != null) {
          int n = Math.min(body.length - bodyFill, in.readableBytes());
          in.readBytes(body, bodyFill, n);
          bodyFill += n;
          if (bodyFill == body.length) {
            byte[] complete = body;
            body = null;
            onControl(complete);
          }
        } else {
          header[headerFill++] = in.readByte();
          if (headerFill == header.length) {
            headerFill = 0;
            onHeader();
          }
        }
      }
    }

    private void onHeader() {
      int length =
          ((header[0] & 0xFF) << 24)
              | ((header[1] & 0xFF) << 16)
              | ((header[2] & 0xFF) << 8)
              | (header[3] & 0xFF);
      if (length < 1 || (header[4] != BenchWire.DATA && length > MAX_CONTROL_BYTES)) {
        context.close();
        return;
      }
      if (header[4] == BenchWire.DATA) {
        dataLength = length;
        skipRemaining = length - 1;
        if (skipRemaining == 0) {
          onData();
        }
      } else {
        byte[] control = new byte[length];
        control[0] = header[4];
        if (length == 1) {
          onControl(control);
        } else {
          body = control;
          bodyFill = 1;
        }
      }
    }

    private void onData() {
      if (tally.add(dataLength)) {
        context.write(frame(context.alloc(), BenchWire.done()), context.voidPromise());
      }
    }

    private void onControl(byte[] message) {
      switch (message[0]) {
        case BenchWire.ANNOUNCE -> {
          if (tally.expect(message)) {
            context.write(frame(context.alloc(), BenchWire.done()), context.voidPromise());
          }
        }
        case BenchWire.PING -> {
          message[0] = BenchWire.PONG;
          context.write(frame(context.alloc(), message), context.voidPromise());
        }
        default -> onReply.accept(message);
      }
    }
  }

  private static final class Client implements BenchClient {
    private final EventLoopGroup group;
    private final EventLoop loop;
    final Handler handler = new Handler();

    Client(EventLoopGroup group) {
      this.group = group;
      this.loop = group.next();
    }

    @Override
    public CompletableFuture<Long> transfer(long count, int messageBytes) {
      CompletableFuture<Long> result = new CompletableFuture<>();
      loop.execute(
          () -> {
            ChannelHandlerContext context = handler.context;
            Channel channel = context.channel();
            ByteBuf data = frame(context.alloc(), BenchWire.data(messageBytes));
            long started = System.nanoTime();
            long[] remaining = {count};
            handler.onReply =
                message -> {
                  if (message[0] == BenchWire.DONE) {
                    data.release();
                    result.complete(System.nanoTime() - started);
                  }
                };
            handler.onWritable =
                () -> {
                  if (!channel.isActive()) {
                    result.completeExceptionally(new IllegalStateException("TCP closed"));
                    return;
                  }
                  while (remaining[0] > 0 && channel.isWritable()) {
                    context.write(data.retainedDuplicate(), context.voidPromise());
                    remaining[0]--;
                  }
                  context.flush();
                };
            context.write(
                frame(context.alloc(), BenchWire.announce(count * messageBytes, count)),
                context.voidPromise());
            handler.onWritable.run();
          });
      return result;
    }

    @Override
    public CompletableFuture<Histogram> pingPong(int count, int messageBytes) {
      CompletableFuture<Histogram> result = new CompletableFuture<>();
      loop.execute(
          () -> {
            ChannelHandlerContext context = handler.context;
            Histogram rtts = new Histogram(3);
            long[] sentAt = {0};
            int[] remaining = {count};
            Runnable ping =
                () -> {
                  sentAt[0] = System.nanoTime();
                  context.writeAndFlush(
                      frame(context.alloc(), BenchWire.ping(messageBytes)), context.voidPromise());
                };
            handler.onWritable =
                () -> {
                  if (!context.channel().isActive()) {
                    result.completeExceptionally(new IllegalStateException("TCP closed"));
                  }
                };
            handler.onReply =
                message -> {
                  if (message[0] != BenchWire.PONG) {
                    return;
                  }
                  rtts.recordValue(System.nanoTime() - sentAt[0]);
                  if (--remaining[0] > 0) {
                    ping.run();
                  } else {
                    result.complete(rtts);
                  }
                };
            ping.run();
          });
      return result;
    }

    @Override
    public CompletableFuture<Histogram> pingsDuringTransfer(
        long count, int messageBytes, int pingBytes) {
      CompletableFuture<Histogram> result = new CompletableFuture<>();
      loop.execute(
          () -> {
            ChannelHandlerContext context = handler.context;
            Channel channel = context.channel();
            ByteBuf data = frame(context.alloc(), BenchWire.data(messageBytes));
            Histogram rtts = new Histogram(3);
            long[] remaining = {count};
            long[] sentAt = {0};
            boolean[] isDone = {false};
            boolean[] isPingOut = {false};
            Runnable ping =
                () -> {
                  sentAt[0] = System.nanoTime();
                  isPingOut[0] = true;
                  // Behind whatever bulk data is queued: TCP is one ordered byte stream.
                  context.writeAndFlush(
                      frame(context.alloc(), BenchWire.ping(pingBytes)), context.voidPromise());
                };
            handler.onReply =
                message -> {
                  if (message[0] == BenchWire.DONE) {
                    isDone[0] = true;
                    data.release();
                  } else if (message[0] == BenchWire.PONG) {
                    isPingOut[0] = false;
                    rtts.recordValue(System.nanoTime() - sentAt[0]);
                    if (!isDone[0]) {
                      ping.run();
                    }
                  }
                  if (isDone[0] && !isPingOut[0]) {
                    result.complete(rtts);
                  }
                };
            handler.onWritable =
                () -> {
                  if (!channel.isActive()) {
                    result.completeExceptionally(new IllegalStateException("TCP closed"));
                    return;
                  }
                  while (remaining[0] > 0 && channel.isWritable()) {
                    context.write(data.retainedDuplicate(), context.voidPromise());
                    remaining[0]--;
                  }
                  context.flush();
                };
            context.write(
                frame(context.alloc(), BenchWire.announce(count * messageBytes, count)),
                context.voidPromise());
            handler.onWritable.run();
            ping.run();
          });
      return result;
    }

    @Override
    public void close() throws InterruptedException {
      try {
        Channel channel = handler.context == null ? null : handler.context.channel();
        if (channel != null) {
          channel.close().await(1, TimeUnit.SECONDS);
        }
      } finally {
        BenchLoops.shutdown(group);
      }
    }
  }
}
