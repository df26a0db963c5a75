package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TransportBenchmarkTest {

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aSenderMeasuresBothTransportsAgainstAReceiverOfItsOwn() throws Exception {
    TransportBenchmark.Settings settings =
        new TransportBenchmark.Settings(
            1_000_000, 100, 64 << 10, 64, 0, false, 1472, 2, Duration.ofSeconds(20));
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
    CompletableFuture<Void> receiver =
        CompletableFuture.runAsync(
            () -> {
              try {
                TransportBenchmark.serve(
                    settings, new InetSocketAddress("127.0.0.1", 0), bound::complete, stop);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    try {
      Map<String, Object> report =
          TransportBenchmark.runSender(settings, bound.get(10, TimeUnit.SECONDS));
      for (String key : new String[] {"linkMBps", "tcpMBps", "linkRttP99Us", "tcpRttP99Us"}) {
        assertTrue(((Number) report.get(key)).doubleValue() > 0, key + " in " + report);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> link = (Map<String, Object>) report.get("link");
      assertTrue((Integer) link.get("datagramBytes") <= 1472, "the datagram cap holds: " + link);
      assertEquals(
          bound.get().getPort(), Integer.parseInt(((String) report.get("peer")).split(":")[1]));
    } finally {
      stop.countDown();
      receiver.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theRatioIsTheMedianOfTheRounds() {
    assertEquals(0.4, TransportBenchmark.median(new double[] {0.9, 0.4, 0.1}));
    assertEquals(0.5, TransportBenchmark.median(new double[] {0.7, 0.2, 0.4, 0.6}));
  }
}
