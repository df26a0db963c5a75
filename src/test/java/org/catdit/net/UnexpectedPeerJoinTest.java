package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.Ed25519Authenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A join that names the peer it expects (an invite, or a saved peer) and finds another one at that
 * address: the join fails, but the other peer, which may itself be joining through us, keeps its
 * session.
 */
class UnexpectedPeerJoinTest {
  private UdpRuntime restarted;
  private UdpRuntime newcomer;

  @AfterEach
  void close() throws InterruptedException {
    for (UdpRuntime runtime : new UdpRuntime[] {restarted, newcomer}) {
      if (runtime != null) {
        runtime.close();
      }
    }
  }

  private static UdpRuntime start(int port) throws InterruptedException {
    return UdpRuntime.start(
        UdpRuntime.Settings.defaults(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            Ed25519Authenticator.generate()));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aNewPeerAtASavedPeersAddressStillJoinsAtOnce() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    InetSocketAddress savedAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    restarted = start(0);
    // The restarted peer rejoins through the peer it saved at this address, which is gone: its
    // handshake goes unanswered and is retried ...
    PeerId gone = Ed25519Authenticator.generate().localPeer();
    var stale = restarted.join(savedAddress, gone);
    Thread.sleep(300);
    // ... until a new peer, with another key, has the address, and joins through it.
    newcomer = start(port);
    newcomer.join(restarted.localAddress(), restarted.peerId()).get(10, TimeUnit.SECONDS);

    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> stale.get(10, TimeUnit.SECONDS));
    assertInstanceOf(UnexpectedPeerException.class, failed.getCause());
    // Until 27 November the restarted peer closed the newcomer's session here, and the
    // newcomer's subscription waited for its rejoin, 4-5 s later.
    Await.until(
        Duration.ofSeconds(2),
        () -> newcomer.status().join().partialView().contains(restarted.peerId()),
        () -> "the newcomer's view: " + newcomer.status().join().partialView());
  }
}
