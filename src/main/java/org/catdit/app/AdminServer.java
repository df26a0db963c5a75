package org.catdit.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.catdit.ledger.sync.LedgerSync;
import org.catdit.net.Delivery;
import org.catdit.net.NodeStatus;
import org.catdit.net.UdpRuntime;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.wire.BroadcastLimits;
import org.catdit.overlay.wire.MessageId;

/**
 * The headless node's JSON admin API on 127.0.0.1 only (docs/admin-api.md): {@code GET /status},
 * {@code POST /broadcast}, {@code GET /delivered}. Every error is a JSON {@code {"error": ...}}
 * with a 4xx status (5xx only when the node itself does not answer).
 */
final class AdminServer implements AutoCloseable {
  private static final long NODE_TIMEOUT_SECONDS = 5;

  private final UdpRuntime runtime;
  private final DeliveryLog deliveries;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper json = new ObjectMapper();
  private final LedgerEndpoints ledger;

  AdminServer(UdpRuntime runtime, DeliveryLog deliveries, int port) throws IOException {
    this(runtime, null, deliveries, port);
  }

  /** The admin API of a full peer: the network endpoints and the ledger's (docs/admin-api.md). */
  AdminServer(EmbeddedPeer peer, DeliveryLog deliveries, int port) throws IOException {
    this(peer.runtime(), peer, deliveries, port);
  }

  private AdminServer(UdpRuntime runtime, EmbeddedPeer peer, DeliveryLog deliveries, int port)
      throws IOException {
    this.runtime = runtime;
    this.ledger = peer == null ? null : new LedgerEndpoints(peer, json);
    this.deliveries = deliveries;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    this.executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "catdit-admin");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      switch (path) {
        case "/status" -> {
          if (expect(exchange, method, "GET")) {
            respond(exchange, 200, status(await(runtime.status())));
          }
        }
        case "/broadcast" -> {
          if (expect(exchange, method, "POST")) {
            broadcast(exchange);
          }
        }
        case "/delivered" -> {
          if (expect(exchange, method, "GET")) {
            respond(exchange, 200, delivered(deliveries.snapshot()));
          }
        }
        default -> {
          if (ledger != null && LedgerEndpoints.isLedgerPath(path)) {
            ledger.handle(exchange, method, path);
          } else {
            error(exchange, 404, "no such resource: " + path);
          }
        }
      }
    } catch (NodeUnavailableException e) {
      error(exchange, 503, e.getMessage());
    } catch (RuntimeException e) {
      error(exchange, 500, "internal error: " + e);
    }
  }

  private boolean expect(HttpExchange exchange, String method, String allowed) throws IOException {
    if (method.equals(allowed)) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", allowed);
    error(exchange, 405, method + " not allowed here; use " + allowed);
    return false;
  }

  private void broadcast(HttpExchange exchange) throws IOException {
    byte[] payload;
    try (InputStream body = exchange.getRequestBody()) {
      payload = body.readNBytes(BroadcastLimits.MAX_PAYLOAD_BYTES + 1);
    }
    if (payload.length == 0) {
      error(exchange, 400, "the body is the text to broadcast; it was empty");
    } else if (payload[0] == LedgerSync.PAYLOAD_TRANSITION) {
      // The first byte 0x01 marks a ledger transition on the tree; text never starts with it.
      error(exchange, 400, "a broadcast text may not start with the byte 0x01");
    } else if (payload.length > BroadcastLimits.MAX_PAYLOAD_BYTES) {
      error(
          exchange,
          413,
          "a broadcast carries at most " + BroadcastLimits.MAX_PAYLOAD_BYTES + " bytes");
    } else {
      MessageId id = await(runtime.broadcast(payload));
      ObjectNode answer = json.createObjectNode().put("id", id.toString());
      respond(exchange, 200, answer);
    }
  }

  private ObjectNode status(NodeStatus status) {
    InetSocketAddress address = runtime.localAddress();
    ObjectNode root = json.createObjectNode();
    root.put("peerId", status.peerId().toString());
    root.put("address", address.getAddress().getHostAddress() + ":" + address.getPort());
    ObjectNode membership = root.putObject("membership");
    peers(membership.putArray("partialView"), status.partialView());
    peers(membership.putArray("inView"), status.inView());
    ObjectNode broadcast = root.putObject("broadcast");
    peers(broadcast.putArray("eager"), status.eagerPeers());
    peers(broadcast.putArray("lazy"), status.lazyPeers());
    root.put("sessions", status.sessionCount());
    ArrayNode links = root.putArray("links");
    for (NodeStatus.Link link : status.links()) {
      links
          .addObject()
          .put("peer", link.peer().toString())
          .put("rttMs", link.rttMillis())
          .put("cwndBytes", link.stats().congestionWindowBytes())
          .put("lossRate", link.stats().lossRate())
          .put("bytesSent", link.stats().bytesSent())
          .put("bytesReceived", link.stats().bytesReceived());
    }
    root.put("networkSizeEstimate", status.networkSizeEstimate());
    ObjectNode counters = root.putObject("counters");
    counters.put("delivered", status.deliveredCount());
    counters.put("duplicates", status.duplicateCount());
    counters.put("messagesDropped", status.messagesDropped());
    counters.put("deliveredLogDropped", deliveries.dropped());
    counterGroup(counters.putObject("membership"), status.membershipCounters());
    counterGroup(counters.putObject("broadcast"), status.broadcastCounters());
    counterGroup(counters.putObject("link"), status.linkCounters());
    return root;
  }

  private static void counterGroup(ObjectNode group, Map<String, Long> values) {
    values.forEach(group::put);
  }

  private ArrayNode delivered(List<Delivery> log) {
    ArrayNode out = json.createArrayNode();
    for (Delivery delivery : log) {
      if (delivery.payload().length > 0 && delivery.payload()[0] == LedgerSync.PAYLOAD_TRANSITION) {
        // Ledger transitions travel the same tree; /ledger/summary and /feed show them.
        continue;
      }
      out.addObject()
          .put("id", delivery.id().toString())
          .put("payload", new String(delivery.payload(), StandardCharsets.UTF_8))
          .put("from", delivery.from().toString())
          .put("hops", delivery.hops());
    }
    return out;
  }

  private static void peers(ArrayNode array, List<PeerId> peers) {
    for (PeerId peer : peers) {
      array.add(peer.toString());
    }
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new NodeUnavailableException("the node did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeUnavailableException("interrupted");
    }
  }

  private void error(HttpExchange exchange, int status, String message) throws IOException {
    respond(exchange, status, json.createObjectNode().put("error", message));
  }

  private void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static final class NodeUnavailableException extends RuntimeException {
    NodeUnavailableException(String message) {
      super(message);
    }
  }
}
