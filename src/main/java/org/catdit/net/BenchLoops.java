package org.catdit.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;

/** One-thread Netty event loops for the benchmark: epoll where the kernel has it, as the node. */
final class BenchLoops {
  private BenchLoops() {}

  static boolean isEpoll() {
    return Epoll.isAvailable();
  }

  static EventLoopGroup newLoop() {
    return new MultiThreadIoEventLoopGroup(
        1, isEpoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  }

  static void shutdown(EventLoopGroup group) throws InterruptedException {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }
}
