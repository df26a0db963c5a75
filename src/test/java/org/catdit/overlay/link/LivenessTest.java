package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LivenessTest {
  private static final long IDLE_MICROS = 3_000_000;
  private static final LinkConfig CONFIG =
      LinkConfig.defaults().withTimeouts(IDLE_MICROS, 1_000_000);

  @Test
  void aSilentPeerIsReportedAfterTheIdleTimeout() {
    TestNetwork net = new TestNetwork(1);
    TestNetwork.Peer a = net.add(CONFIG);
    TestNetwork.Peer b = net.add(CONFIG);
    net.connect(a, b);
    net.isDeliveryEnabled = false; // b crashes, or the path dies
    long cut = net.now;
    net.run(IDLE_MICROS - 200_000);
    assertTrue(a.failed.isEmpty(), "not before the idle timeout");
    net.run(400_000);
    assertEquals(List.of(b.id()), a.failed);
    assertEquals(List.of(LinkIo.FailureReason.IDLE_TIMEOUT), a.failures);
    assertFalse(a.endpoint.isConnected(b.id()));
    assertTrue(net.now - cut >= IDLE_MICROS);
  }

  @Test
  void keepAlivesHoldAnIdleSessionOpen() {
    TestNetwork net = new TestNetwork(2);
    TestNetwork.Peer a = net.add(CONFIG);
    TestNetwork.Peer b = net.add(CONFIG);
    net.connect(a, b);
    net.run(5 * IDLE_MICROS);
    assertTrue(a.failed.isEmpty() && b.failed.isEmpty());
    assertTrue(a.endpoint.isConnected(b.id()) && b.endpoint.isConnected(a.id()));
  }

  @Test
  void aCloseIsReportedToThePeerOnly() {
    TestNetwork net = new TestNetwork(3);
    TestNetwork.Peer a = net.add(CONFIG);
    TestNetwork.Peer b = net.add(CONFIG);
    net.connect(a, b);
    a.endpoint.close(net.now, b.id());
    net.run(100_000);
    assertTrue(a.failed.isEmpty());
    assertEquals(List.of(LinkIo.FailureReason.CLOSED_BY_PEER), b.failures);
    assertEquals(0, b.endpoint.sessionCount());
  }

  @Test
  void aPeerThatDiesMidTransferIsReported() {
    TestNetwork net = new TestNetwork(4);
    TestNetwork.Peer a = net.add(CONFIG);
    TestNetwork.Peer b = net.add(CONFIG);
    net.connect(a, b);
    for (int i = 0; i < 50; i++) {
      a.endpoint.send(net.now, b.id(), 1, new byte[60_000]);
    }
    net.run(50_000);
    net.isDeliveryEnabled = false; // b vanishes with data in flight: probes back off unanswered
    net.run(IDLE_MICROS + 100_000);
    assertEquals(List.of(LinkIo.FailureReason.IDLE_TIMEOUT), a.failures);
    assertTrue(a.endpoint.counters().get(LinkCounters.Counter.PROBE_TIMEOUTS) > 0);
    assertEquals(0, a.endpoint.sessionCount());
  }
}
