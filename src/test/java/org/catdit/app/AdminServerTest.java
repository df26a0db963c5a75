package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.catdit.net.Delivery;
import org.catdit.net.UdpRuntime;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.Ed25519Authenticator;
import org.catdit.overlay.wire.BroadcastLimits;
import org.catdit.overlay.wire.MessageId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AdminServerTest {
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final DeliveryLog deliveries = new DeliveryLog(DeliveryLog.DEFAULT_CAPACITY);
  private UdpRuntime runtime;
  private AdminServer admin;

  private record Reply(int status, JsonNode body) {}

  @BeforeEach
  void start() throws Exception {
    runtime =
        UdpRuntime.start(
            UdpRuntime.Settings.defaults(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    Ed25519Authenticator.generate())
                .withDeliveries(deliveries::add));
    admin = new AdminServer(runtime, deliveries, 0);
  }

  @AfterEach
  void stop() throws Exception {
    admin.close();
    runtime.close();
  }

  @Test
  void listensOnLoopbackOnly() {
    assertTrue(admin.address().getAddress().isLoopbackAddress());
  }

  @Test
  void statusDescribesThePeer() throws Exception {
    Reply reply = send("GET", "/status", null);
    assertEquals(200, reply.status());
    assertEquals(runtime.peerId().toString(), reply.body().get("peerId").asText());
    assertTrue(
        reply.body().get("address").asText().endsWith(":" + runtime.localAddress().getPort()));
    assertTrue(reply.body().get("membership").get("partialView").isArray());
    assertTrue(reply.body().get("membership").get("inView").isArray());
    assertTrue(reply.body().get("broadcast").get("eager").isArray());
    assertTrue(reply.body().get("broadcast").get("lazy").isArray());
    assertEquals(0, reply.body().get("counters").get("delivered").asLong());
    assertEquals(0, reply.body().get("links").size());
    assertEquals(1.0, reply.body().get("networkSizeEstimate").asDouble());
    assertTrue(reply.body().get("counters").get("link").has("malformedDropped"));
  }

  @Test
  void statusShowsLinksTheSizeEstimateAndCounters() throws Exception {
    try (UdpRuntime other =
        UdpRuntime.start(
            UdpRuntime.Settings.defaults(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Ed25519Authenticator.generate()))) {
      other.join(runtime.localAddress()).get(10, TimeUnit.SECONDS);
      send("POST", "/broadcast", "over the link");
      String peer = other.peerId().toString();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      JsonNode status = send("GET", "/status", null).body();
      // Up once the other peer is in the view and the broadcast's copy was acknowledged.
      while (!(status.get("links").size() == 1
          && status.get("membership").get("inView").size() == 1
          && status.get("links").get(0).get("rttMs").asDouble() > 0
          && other.status().get(5, TimeUnit.SECONDS).deliveredCount() == 1)) {
        assertTrue(System.nanoTime() - deadline < 0, String.valueOf(status));
        Thread.sleep(20);
        status = send("GET", "/status", null).body();
      }
      JsonNode link = status.get("links").get(0);
      assertEquals(peer, link.get("peer").asText());
      assertTrue(link.get("cwndBytes").asLong() > 0, link.toString());
      assertTrue(link.get("bytesSent").asLong() > 0, link.toString());
      assertTrue(link.get("bytesReceived").asLong() > 0, link.toString());
      double lossRate = link.get("lossRate").asDouble(-1);
      assertTrue(lossRate >= 0 && lossRate <= 1, link.toString());
      // Two peers: one knows the other, so the estimate is at least two.
      assertTrue(status.get("networkSizeEstimate").asDouble() >= 2, status.toString());
      JsonNode counters = status.get("counters");
      assertEquals(
          1, counters.get("membership").get("subscriptionsHandledAsContact").asLong(), "" + status);
      assertEquals(1, counters.get("broadcast").get("broadcasts").asLong(), "" + status);
      assertTrue(counters.get("link").get("sessionsEstablished").asLong() >= 1, "" + status);
      assertTrue(counters.get("link").has("droppedTotal"), "" + status);
    }
  }

  @Test
  void aBroadcastIsDeliveredAndListed() throws Exception {
    Reply posted = send("POST", "/broadcast", "a cat in a box");
    assertEquals(200, posted.status());
    String id = posted.body().get("id").asText();

    Reply delivered = send("GET", "/delivered", null);
    assertEquals(200, delivered.status());
    JsonNode first = delivered.body().get(0);
    assertEquals(id, first.get("id").asText());
    assertEquals("a cat in a box", first.get("payload").asText());
    assertEquals(runtime.peerId().toString(), first.get("from").asText());
    assertEquals(0, first.get("hops").asInt());
  }

  @Test
  void badRequestsGetJsonErrors() throws Exception {
    assertError(send("POST", "/broadcast", ""), 400);
    assertError(send("POST", "/broadcast", "x".repeat(BroadcastLimits.MAX_PAYLOAD_BYTES + 1)), 413);
    assertError(send("GET", "/broadcast", null), 405);
    assertError(send("DELETE", "/status", null), 405);
    assertError(send("GET", "/nothing-here", null), 404);
  }

  @Test
  void theDeliveryLogIsBounded() {
    DeliveryLog log = new DeliveryLog(2);
    for (int i = 0; i < 3; i++) {
      log.add(new Delivery(new MessageId(0, i), new byte[] {(byte) i}, PeerId.of(0, 1), 1));
    }
    assertEquals(2, log.snapshot().size());
    assertEquals(new MessageId(0, 1), log.snapshot().get(0).id());
    assertEquals(1, log.dropped());
  }

  private void assertError(Reply reply, int status) {
    assertEquals(status, reply.status(), String.valueOf(reply.body()));
    assertTrue(reply.body().hasNonNull("error"), String.valueOf(reply.body()));
  }

  private Reply send(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.address().getPort() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), json.readTree(response.body()));
  }
}
