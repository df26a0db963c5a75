package org.catdit.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.catdit.overlay.core.Environment;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.Ed25519Authenticator;
import org.catdit.overlay.link.LinkConfig;
import org.catdit.overlay.link.SessionStats;
import org.catdit.overlay.node.Node;
import org.catdit.overlay.node.NodeConfig;
import org.catdit.overlay.wire.MessageId;

/**
 * One peer on a real UDP socket: a {@link LinkedNode} on one Netty event loop (epoll where the
 * kernel has it, NIO otherwise) with one datagram channel. Every method may be called from any
 * thread; each posts its work onto the loop and answers with a future. The clock is read here and
 * nowhere else in the stack.
 */
public final class UdpRuntime implements AutoCloseable {
  /** Full datagrams: Netty's default receive buffer would silently truncate large ones. */
  static final int RECEIVE_BUFFER_BYTES = 65_536;

  /** Datagrams taken from the socket per read before the loop turns to other work. */
  static final int DATAGRAMS_PER_READ = 64;

  private final EventLoopGroup group;
  private final EventLoop loop;
  private final Channel channel;
  private final LinkedNode linked;
  private final DatagramHandler handler;
  private final PeerId peerId;
  private final int socketReceiveBufferBytes;
  private final int socketSendBufferBytes;
  private final boolean isEpoll;

  /**
   * @param bind address and port to bind (port 0 picks a free one)
   * @param socketBufferBytes requested kernel send and receive buffer sizes
   * @param deliveries called on the event loop for every broadcast this peer delivers
   */
  public record Settings(
      InetSocketAddress bind,
      Ed25519Authenticator identity,
      NodeConfig node,
      LinkConfig link,
      int socketBufferBytes,
      Consumer<Delivery> deliveries) {

    /**
     * The product's settings: datagrams up to {@link #LOOPBACK_DATAGRAM_BYTES} where path-MTU
     * probing finds them (only on loopback: elsewhere {@link #withoutFragmentation} caps them).
     */
    public static Settings defaults(InetSocketAddress bind, Ed25519Authenticator identity) {
      return new Settings(
          bind,
          identity,
          NodeConfig.defaults(),
          LinkConfig.defaults().withMaxDatagramBytes(LOOPBACK_DATAGRAM_BYTES),
          4 << 20,
          delivery -> {});
    }

    public Settings withDeliveries(Consumer<Delivery> listener) {
      return new Settings(bind, identity, node, link, socketBufferBytes, listener);
    }

    public Settings withBind(InetSocketAddress newBind) {
      return new Settings(newBind, identity, node, link, socketBufferBytes, deliveries);
    }

    public Settings withLink(LinkConfig newLink) {
      return new Settings(bind, identity, node, newLink, socketBufferBytes, deliveries);
    }
  }

  private UdpRuntime(Settings settings) throws InterruptedException {
    this.isEpoll = Epoll.isAvailable();
    this.group =
        new MultiThreadIoEventLoopGroup(
            1, isEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    this.loop = group.next();
    this.peerId = settings.identity().localPeer();
    NettyLoop nettyLoop = new NettyLoop();
    this.linked =
        new LinkedNode(
            nettyLoop,
            settings.identity(),
            settings.node(),
            withoutFragmentation(settings.link(), settings.bind()),
            new SplittableRandom(new SecureRandom().nextLong()),
            settings.deliveries());
    this.handler =
        new DatagramHandler(
            new DatagramHandler.Sink() {
              @Override
              public void onDatagram(InetSocketAddress from, byte[] bytes, int length) {
                linked.onDatagram(from, bytes, length);
              }

              @Override
              public void onReadComplete() {
                linked.onReadComplete();
              }
            });
    Bootstrap bootstrap = datagramBootstrap(loop, isEpoll, settings.socketBufferBytes(), handler);
    try {
      this.channel = bootstrap.bind(settings.bind()).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
    nettyLoop.batch = new DatagramBatch(channel.alloc(), DatagramBatch.canSegment(channel));
    nettyLoop.channel = channel;
    InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
    linked.requireSignedJoins(
        settings.identity(), bound.getAddress().isAnyLocalAddress() ? null : bound);
    // The kernel may grant less (net.core.rmem_max) or, on Linux, double what was asked.
    this.socketReceiveBufferBytes = channel.config().getOption(ChannelOption.SO_RCVBUF);
    this.socketSendBufferBytes = channel.config().getOption(ChannelOption.SO_SNDBUF);
  }

  /**
   * The UDP channel as the runtime (and the transport benchmark) sets it up: socket buffers as
   * asked, and receive buffers that hold a whole datagram (Netty's default would silently truncate
   * large ones). With epoll, UDP generic receive offload is on: a run of equal datagrams from one
   * sender (its segmented send, {@link DatagramBatch}) can arrive in one read of up to 64 KiB,
   * which Netty cuts back into the datagrams, so each still reaches the link on its own.
   */
  static Bootstrap datagramBootstrap(
      EventLoop loop, boolean isEpoll, int socketBufferBytes, ChannelHandler handler) {
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(isEpoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
            .option(
                ChannelOption.RCVBUF_ALLOCATOR,
                new FixedRecvByteBufAllocator(RECEIVE_BUFFER_BYTES)
                    .maxMessagesPerRead(DATAGRAMS_PER_READ))
            .option(ChannelOption.SO_RCVBUF, socketBufferBytes)
            .option(ChannelOption.SO_SNDBUF, socketBufferBytes)
            .handler(handler);
    if (isEpoll) {
      bootstrap.option(EpollChannelOption.UDP_GRO, true);
    }
    return bootstrap;
  }

  /** Binds the socket and starts the node's protocols. */
  public static UdpRuntime start(Settings settings) throws InterruptedException {
    return start(settings, context -> {});
  }

  /**
   * Binds the socket, runs {@code beforeStart} on the loop (to attach further protocols and
   * listeners to the node), then starts the node's protocols.
   */
  public static UdpRuntime start(Settings settings, Consumer<LoopContext> beforeStart)
      throws InterruptedException {
    UdpRuntime runtime = new UdpRuntime(settings);
    runtime.call(
        linked -> {
          beforeStart.accept(runtime.context);
          linked.start();
          return null;
        });
    return runtime;
  }

  /**
   * Runs {@code work} on the event loop, then the link work it caused; completes with its result,
   * or exceptionally with what it threw. The way other threads command the node.
   */
  public <T> CompletableFuture<T> compute(Function<LoopContext, T> work) {
    return call(
        linked -> {
          List<T> result = new ArrayList<>(1);
          RuntimeException[] failure = new RuntimeException[1];
          linked.handle(
              () -> {
                try {
                  result.add(work.apply(context));
                } catch (RuntimeException e) {
                  failure[0] = e;
                }
              });
          if (failure[0] != null) {
            throw failure[0];
          }
          return result.get(0);
        });
  }

  /** Runs {@code work} on the event loop, as {@link #compute}. */
  public CompletableFuture<Void> execute(Consumer<LoopContext> work) {
    return compute(
        context -> {
          work.accept(context);
          return null;
        });
  }

  private final LoopContext context =
      new LoopContext() {
        @Override
        public Node node() {
          return linked.node();
        }

        @Override
        public Environment environment() {
          return linked;
        }

        @Override
        public long nowMicros() {
          return now();
        }

        @Override
        public InetSocketAddress addressOf(PeerId peer) {
          return linked.addressOf(peer);
        }

        @Override
        public NodeStatus status() {
          return linked.status();
        }
      };

  public PeerId peerId() {
    return peerId;
  }

  /** The bound address, with the port the kernel picked if 0 was asked for. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  public boolean isEpoll() {
    return isEpoll;
  }

  public int socketReceiveBufferBytes() {
    return socketReceiveBufferBytes;
  }

  public int socketSendBufferBytes() {
    return socketSendBufferBytes;
  }

  /** Connects to {@code contact}, learns its id from the handshake, and joins through it. */
  public CompletableFuture<PeerId> join(InetSocketAddress contact) {
    return join(contact, null);
  }

  /**
   * Connects to {@code contact} and joins through it only if the peer answering there proves, in
   * the link handshake, the key of {@code expected}; otherwise fails with {@link
   * UnexpectedPeerException} and does not join. A null {@code expected} accepts whoever answers.
   */
  public CompletableFuture<PeerId> join(InetSocketAddress contact, PeerId expected) {
    return call(linked -> linked.join(contact, expected)).thenCompose(Function.identity());
  }

  /** Broadcasts {@code payload} to every peer; completes with its id. */
  public CompletableFuture<MessageId> broadcast(byte[] payload) {
    byte[] copy = payload.clone();
    return call(
        linked -> {
          MessageId[] id = new MessageId[1];
          linked.handle(() -> id[0] = linked.node().broadcast(now(), copy));
          return id[0];
        });
  }

  public CompletableFuture<NodeStatus> status() {
    return call(LinkedNode::status);
  }

  /**
   * Leaves the overlay (SCAMP unsubscription), waits up to {@code linger} for the link to deliver
   * what that sent, closes every session and then the socket.
   */
  public void leaveAndClose(Duration linger) throws InterruptedException {
    try {
      call(linked -> {
            linked.handle(() -> linked.node().leave(now()));
            return null;
          })
          .get(linger.toMillis() + 1000, TimeUnit.MILLISECONDS);
      long deadline = System.nanoTime() + linger.toNanos();
      while (System.nanoTime() - deadline < 0
          && !call(UdpRuntime::isQuiet).get(1, TimeUnit.SECONDS)) {
        Thread.sleep(10);
      }
      call(linked -> {
            linked.handle(linked::closeSessions);
            return null;
          })
          .get(1, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The loop is gone or stuck: closing the socket is all that is left to do.
    } finally {
      close();
    }
  }

  /** Whether every session has handed over and had acknowledged all it was given. */
  private static boolean isQuiet(LinkedNode linked) {
    List<PeerId> peers = linked.sessionPeers();
    for (PeerId peer : peers) {
      SessionStats stats = linked.endpoint().stats(peer);
      if (stats != null && stats.bytesInFlight() > 0) {
        return false;
      }
      if (linked.endpoint().sendBufferAvailableBytes(peer)
          < linked.endpoint().config().sendBufferBytes()) {
        return false;
      }
    }
    return true;
  }

  /** Closes the socket and stops the loop at once, without leaving: to peers, a crash. */
  @Override
  public void close() throws InterruptedException {
    channel.close().await(1, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }

  long socketErrors() {
    return handler.socketErrors();
  }

  private <T> CompletableFuture<T> call(Function<LinkedNode, T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      loop.execute(
          () -> {
            try {
              result.complete(work.apply(linked));
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RuntimeException rejected) {
      result.completeExceptionally(rejected);
    }
    return result;
  }

  private static long now() {
    return System.nanoTime() / 1000;
  }

  /** The event loop as {@link LinkedNode} sees it. */
  private final class NettyLoop implements RuntimeLoop {
    private volatile Channel channel;
    // Set before the channel, on the thread that binds; used on the loop only.
    private volatile DatagramBatch batch;

    @Override
    public long nowMicros() {
      return now();
    }

    @Override
    public Cancellable schedule(long delayMicros, Runnable task) {
      ScheduledFuture<?> future = loop.schedule(task, delayMicros, TimeUnit.MICROSECONDS);
      return () -> future.cancel(false);
    }

    @Override
    public void write(InetSocketAddress to, byte[] bytes, int length) {
      if (channel != null) {
        batch.add(to, bytes, length);
      }
    }

    @Override
    public void flush() {
      Channel current = channel;
      if (current != null) {
        batch.flush(current);
      }
    }
  }

  /**
   * The largest datagram on loopback, the last plateau of path-MTU probing: the loopback MTU is 64
   * KiB, and a datagram of 65,000 bytes fits it under IPv4 and IPv6 headers. Four times fewer
   * datagrams than 16 KiB for a bulk transfer: each costs a system call, a header and an ACK share.
   */
  public static final int LOOPBACK_DATAGRAM_BYTES = 65_000;

  /** Datagrams that fit an Ethernet path with IPv6 headers: 1500 − 40 − 8 bytes. */
  public static final int UNFRAGMENTED_DATAGRAM_BYTES = 1452;

  /**
   * The link must never rely on IP fragmentation (issue 4), but Java 17 cannot set the
   * don't-fragment bit on a UDP socket, so on a real network the kernel would fragment an oversized
   * probe instead of dropping it and path-MTU probing would climb to 16 KiB datagrams (measured
   * between two namespaces: goodput fell to 46.5 Mbit/s at 0% loss and 4.9 at 1%,
   * docs/benchmarks.md). Off loopback, datagrams are therefore capped at what an Ethernet path
   * carries whole; on loopback (MTU 64 KiB) probing may go on up.
   */
  static LinkConfig withoutFragmentation(LinkConfig link, InetSocketAddress bind) {
    boolean isLoopback = bind.getAddress() != null && bind.getAddress().isLoopbackAddress();
    if (isLoopback || link.maxDatagramBytes() <= UNFRAGMENTED_DATAGRAM_BYTES) {
      return link;
    }
    return link.withMaxDatagramBytes(UNFRAGMENTED_DATAGRAM_BYTES);
  }
}
