package org.catdit.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.Ed25519Authenticator;
import org.catdit.overlay.link.LinkConfig;
import org.catdit.overlay.link.LinkCounters.Counter;
import org.catdit.overlay.link.LinkEndpoint;
import org.catdit.overlay.link.LinkIo;
import org.catdit.overlay.link.SessionStats;

/**
 * One {@link LinkEndpoint} on its own Netty event loop and UDP channel, set up as {@link
 * UdpRuntime} sets up a node's (same receive allocator, read batch, socket buffers, write-then-
 * flush), without a {@code Node}: every peer that connects is served (announced transfers are
 * counted and confirmed, pings answered), and {@link #connect} makes it a {@link BenchClient} of
 * another peer.
 */
final class LinkBenchPeer implements LinkIo<InetSocketAddress>, AutoCloseable {
  private final EventLoopGroup group;
  private final EventLoop loop;
  private final Channel channel;
  private final DatagramBatch batch;
  private final LinkEndpoint<InetSocketAddress> endpoint;
  private final ArrayDeque<Runnable> events = new ArrayDeque<>();
  private final Map<PeerId, BenchWire.Tally> tallies = new HashMap<>();
  private final Map<InetSocketAddress, CompletableFuture<PeerId>> connecting = new HashMap<>();
  private ScheduledFuture<?> wake;
  private boolean isReading;
  private boolean isDraining;

  /** The client's state: at most one transfer or ping-pong at a time. */
  private PeerId server;

  private RuntimeException failed;

  private Consumer<byte[]> onServerMessage = message -> {};
  private Runnable onWritable = () -> {};

  private LinkBenchPeer(InetSocketAddress bind, LinkConfig config, int socketBufferBytes)
      throws InterruptedException {
    this.group = BenchLoops.newLoop();
    this.loop = group.next();
    this.endpoint =
        new LinkEndpoint<>(
            config,
            Ed25519Authenticator.generate(),
            this,
            new SplittableRandom(new SecureRandom().nextLong()));
    DatagramHandler handler =
        new DatagramHandler(
            new DatagramHandler.Sink() {
              @Override
              public void onDatagram(InetSocketAddress from, byte[] bytes, int length) {
                isReading = true;
                try {
                  handle(() -> endpoint.onDatagram(now(), from, bytes, 0, length));
                } finally {
                  isReading = false;
                }
              }

              @Override
              public void onReadComplete() {
                batch.flush(channel());
              }
            });
    Bootstrap bootstrap =
        UdpRuntime.datagramBootstrap(loop, BenchLoops.isEpoll(), socketBufferBytes, handler);
    try {
      this.channel = bootstrap.bind(bind).sync().channel();
      this.batch = new DatagramBatch(channel.alloc(), DatagramBatch.canSegment(channel));
    } catch (InterruptedException | RuntimeException e) {
      BenchLoops.shutdown(group);
      throw e;
    }
  }

  /** Binds a UDP channel at {@code bind} (port 0: any free) and serves whoever connects. */
  static LinkBenchPeer start(InetSocketAddress bind, LinkConfig config, int socketBufferBytes)
      throws InterruptedException {
    return new LinkBenchPeer(bind, config, socketBufferBytes);
  }

  InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  private Channel channel() {
    return channel;
  }

  /** Connects to a serving peer; the client is usable once the future completes. */
  CompletableFuture<BenchClient> connect(InetSocketAddress peer) {
    CompletableFuture<PeerId> session = new CompletableFuture<>();
    loop.execute(
        () ->
            handle(
                () -> {
                  connecting.put(peer, session);
                  endpoint.connect(now(), peer);
                }));
    return session.thenApply(
        id -> {
          loop.execute(() -> server = id);
          return new Client();
        });
  }

  @Override
  public void close() throws InterruptedException {
    try {
      channel.close().await(1, TimeUnit.SECONDS);
    } finally {
      BenchLoops.shutdown(group);
    }
  }

  // ============================================================ loop-thread plumbing

  private void handle(Runnable action) {
    action.run();
    if (!isDraining) {
      isDraining = true;
      try {
        Runnable event;
        while ((event = events.poll()) != null) {
          event.run();
        }
      } finally {
        isDraining = false;
      }
    }
    if (!isReading) {
      batch.flush(channel);
    }
  }

  private static long now() {
    return System.nanoTime() / 1000;
  }

  // ============================================================ LinkIo

  @Override
  public void sendDatagram(InetSocketAddress to, byte[] bytes, int length) {
    batch.add(to, bytes, length);
  }

  @Override
  public void wakeAt(long deadlineMicros) {
    if (wake != null) {
      wake.cancel(false);
    }
    long delay = Math.max(0, deadlineMicros - now());
    wake =
        loop.schedule(
            () -> {
              wake = null;
              handle(() -> endpoint.onTimer(now()));
            },
            delay,
            TimeUnit.MICROSECONDS);
  }

  @Override
  public void onMessage(PeerId from, int streamId, byte[] message) {
    events.add(() -> receive(from, message));
  }

  @Override
  public void onSessionEstablished(PeerId peer, InetSocketAddress address) {
    events.add(
        () -> {
          CompletableFuture<PeerId> session = connecting.remove(address);
          if (session != null) {
            session.complete(peer);
          }
        });
  }

  @Override
  public void onPeerFailed(PeerId peer, FailureReason reason) {
    events.add(
        () -> {
          tallies.remove(peer);
          if (peer.equals(server)) {
            onServerMessage = message -> {};
            failed = new IllegalStateException("link session failed: " + reason);
            onWritable.run();
          }
        });
  }

  @Override
  public void onConnectFailed(InetSocketAddress address) {
    events.add(
        () -> {
          CompletableFuture<PeerId> session = connecting.remove(address);
          if (session != null) {
            session.completeExceptionally(
                new IllegalStateException("no link handshake answer from " + address));
          }
        });
  }

  @Override
  public void onWritable(PeerId peer) {
    if (peer.equals(server)) {
      events.add(() -> onWritable.run());
    }
  }

  @Override
  public byte[] addressBytes(InetSocketAddress address) {
    byte[] ip = address.getAddress().getAddress();
    byte[] out = new byte[ip.length + 2];
    System.arraycopy(ip, 0, out, 0, ip.length);
    out[ip.length] = (byte) (address.getPort() >>> 8);
    out[ip.length + 1] = (byte) address.getPort();
    return out;
  }

  /** A message from a peer: served if it is for the serving side, else the client's. */
  private void receive(PeerId from, byte[] message) {
    if (message.length == 0) {
      return;
    }
    switch (message[0]) {
      case BenchWire.ANNOUNCE -> {
        if (tallies.computeIfAbsent(from, peer -> new BenchWire.Tally()).expect(message)) {
          endpoint.send(now(), from, BenchWire.CONTROL_STREAM, BenchWire.done());
        }
      }
      case BenchWire.DATA -> {
        if (tallies.computeIfAbsent(from, peer -> new BenchWire.Tally()).add(message.length)) {
          endpoint.send(now(), from, BenchWire.CONTROL_STREAM, BenchWire.done());
        }
      }
      case BenchWire.PING -> {
        message[0] = BenchWire.PONG;
        endpoint.send(now(), from, BenchWire.CONTROL_STREAM, message);
      }
      default -> {
        if (from.equals(server)) {
          onServerMessage.accept(message);
        }
      }
    }
  }

  /** The client side, bound to the session with {@link #server}; its work runs on the loop. */
  private final class Client implements BenchClient {

    /**
     * Announces a bulk transfer of {@code count} messages to the server and sends them as fast as
     * the send buffer takes them (again at each {@code onWritable}).
     *
     * @return whether it started; if not, {@code result} has failed
     */
    private boolean startBulk(CompletableFuture<?> result, long count, int messageBytes) {
      byte[] data = BenchWire.data(messageBytes);
      long[] remaining = {count};
      onWritable =
          () -> {
            if (failed != null) {
              result.completeExceptionally(failed);
              return;
            }
            long now = now();
            while (remaining[0] > 0 && endpoint.send(now, server, BenchWire.BULK_STREAM, data)) {
              remaining[0]--;
            }
          };
      if (!endpoint.send(
          now(), server, BenchWire.BULK_STREAM, BenchWire.announce(count * messageBytes, count))) {
        result.completeExceptionally(new IllegalStateException("no link session"));
        return false;
      }
      onWritable.run();
      return true;
    }

    @Override
    public CompletableFuture<Long> transfer(long count, int messageBytes) {
      CompletableFuture<Long> result = new CompletableFuture<>();
      loop.execute(
          () ->
              handle(
                  () -> {
                    long started = System.nanoTime();
                    onServerMessage =
                        message -> {
                          if (message[0] == BenchWire.DONE) {
                            result.complete(System.nanoTime() - started);
                          }
                        };
                    startBulk(result, count, messageBytes);
                  }));
      return result;
    }

    @Override
    public CompletableFuture<Histogram> pingPong(int count, int messageBytes) {
      CompletableFuture<Histogram> result = new CompletableFuture<>();
      loop.execute(
          () ->
              handle(
                  () -> {
                    Histogram rtts = new Histogram(3);
                    long[] sentAt = {0};
                    int[] remaining = {count};
                    Runnable ping =
                        () -> {
                          sentAt[0] = System.nanoTime();
                          if (!endpoint.send(
                              now(),
                              server,
                              BenchWire.CONTROL_STREAM,
                              BenchWire.ping(messageBytes))) {
                            result.completeExceptionally(
                                new IllegalStateException("link ping refused"));
                          }
                        };
                    onWritable =
                        () -> {
                          if (failed != null) {
                            result.completeExceptionally(failed);
                          }
                        };
                    onServerMessage =
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
                  }));
      return result;
    }

    @Override
    public CompletableFuture<Histogram> pingsDuringTransfer(
        long count, int messageBytes, int pingBytes) {
      CompletableFuture<Histogram> result = new CompletableFuture<>();
      loop.execute(
          () ->
              handle(
                  () -> {
                    Histogram rtts = new Histogram(3);
                    long[] sentAt = {0};
                    boolean[] isDone = {false};
                    boolean[] isPingOut = {false};
                    Runnable ping =
                        () -> {
                          sentAt[0] = System.nanoTime();
                          isPingOut[0] = true;
                          if (!endpoint.send(
                              now(), server, BenchWire.CONTROL_STREAM, BenchWire.ping(pingBytes))) {
                            result.completeExceptionally(
                                new IllegalStateException("link ping refused"));
                          }
                        };
                    onServerMessage =
                        message -> {
                          if (message[0] == BenchWire.DONE) {
                            isDone[0] = true;
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
                    if (startBulk(result, count, messageBytes)) {
                      ping.run();
                    }
                  }));
      return result;
    }

    @Override
    public Map<String, Object> details() {
      CompletableFuture<Map<String, Object>> out = new CompletableFuture<>();
      loop.execute(
          () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            SessionStats stats = endpoint.stats(server);
            if (stats != null) {
              details.put("datagramBytes", stats.maxDatagramBytes());
              details.put("congestionController", stats.congestionController());
              details.put("minRttUs", stats.minRttMicros());
            }
            details.put("datagramsSent", endpoint.counters().get(Counter.DATAGRAMS_SENT));
            details.put("bytesSent", endpoint.counters().get(Counter.BYTES_SENT));
            details.put("datagramsReceived", endpoint.counters().get(Counter.DATAGRAMS_RECEIVED));
            details.put("packetsLost", endpoint.counters().get(Counter.PACKETS_LOST));
            out.complete(details);
          });
      try {
        return out.get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        return Map.of();
      }
    }

    @Override
    public void close() throws InterruptedException {
      LinkBenchPeer.this.close();
    }
  }
}
