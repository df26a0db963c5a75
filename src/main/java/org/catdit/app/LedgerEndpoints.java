package org.catdit.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.catdit.feed.FeedPost;
import org.catdit.feed.FeedSort;
import org.catdit.feed.PictureLimits;
import org.catdit.feed.PictureRejectedException;

/**
 * The ledger's part of the admin API (docs/admin-api.md): posting pictures, votes, the feed, blobs
 * and the ledger summary, all through the peer's {@link org.catdit.feed.PeerHandle} face.
 */
final class LedgerEndpoints {
  static final int DEFAULT_FEED_LIMIT = 50;
  static final int MAX_FEED_LIMIT = 10_000;
  static final int MAX_QUERY_CHARS = 4096;
  private static final long TIMEOUT_SECONDS = 30;

  private final EmbeddedPeer peer;
  private final ObjectMapper json;

  LedgerEndpoints(EmbeddedPeer peer, ObjectMapper json) {
    this.peer = peer;
    this.json = json;
  }

  static boolean isLedgerPath(String path) {
    return path.equals("/posts")
        || path.startsWith("/posts/")
        || path.equals("/feed")
        || path.startsWith("/blobs/")
        || path.equals("/ledger/summary");
  }

  void handle(HttpExchange exchange, String method, String path) throws IOException {
    String[] parts = path.split("/", -1);
    try {
      if (path.equals("/posts")) {
        if (expect(exchange, method, "POST")) {
          post(exchange);
        }
      } else if (parts.length == 4 && parts[1].equals("posts") && parts[3].equals("upvote")) {
        if (method.equals("POST") || method.equals("DELETE")) {
          vote(exchange, parts[2], method.equals("POST"));
        } else {
          exchange.getResponseHeaders().set("Allow", "POST, DELETE");
          error(exchange, 405, method + " not allowed here; use POST or DELETE");
        }
      } else if (path.equals("/feed")) {
        if (expect(exchange, method, "GET")) {
          feed(exchange);
        }
      } else if (parts.length == 3 && parts[1].equals("blobs")) {
        if (expect(exchange, method, "GET")) {
          blob(exchange, parts[2]);
        }
      } else if (path.equals("/ledger/summary")) {
        if (expect(exchange, method, "GET")) {
          respond(exchange, 200, json.valueToTree(await(peer.ledgerSummary())));
        }
      } else {
        error(exchange, 404, "no such resource: " + path);
      }
    } catch (BadRequest e) {
      error(exchange, e.status, e.getMessage());
    }
  }

  private void post(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange);
    String caption = query.getOrDefault("caption", "");
    byte[] picture;
    long maxBytes = PictureLimits.DEFAULT.maxBytes();
    try (InputStream body = exchange.getRequestBody()) {
      picture = body.readNBytes((int) maxBytes + 1);
    }
    if (picture.length == 0) {
      throw new BadRequest(400, "the body is the picture's bytes; it was empty");
    }
    if (picture.length > maxBytes) {
      throw new BadRequest(413, "a picture may have at most " + maxBytes + " bytes");
    }
    String id = await(peer.post(picture, caption));
    respond(exchange, 201, json.createObjectNode().put("id", id));
  }

  private void vote(HttpExchange exchange, String postId, boolean isUpvote) throws IOException {
    if (!postId.matches("[0-9a-f]{64}")) {
      throw new BadRequest(400, "a post id is 64 lower-case hexadecimal digits");
    }
    Optional<FeedPost> post = await(peer.post(postId));
    if (post.isEmpty()) {
      throw new BadRequest(404, "no post " + postId + " in this peer's ledger");
    }
    await(peer.setUpvote(postId, isUpvote));
    FeedPost after = await(peer.post(postId)).orElseThrow();
    respond(
        exchange,
        200,
        json.createObjectNode()
            .put("id", postId)
            .put("score", after.score())
            .put("upvoted", after.isUpvotedByMe()));
  }

  private void feed(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange);
    FeedSort sort;
    try {
      sort = FeedSort.valueOf(query.getOrDefault("sort", "hot").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(400, "sort must be hot, new or top");
    }
    int limit;
    try {
      limit = Integer.parseInt(query.getOrDefault("limit", Integer.toString(DEFAULT_FEED_LIMIT)));
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "limit must be a number");
    }
    if (limit < 1 || limit > MAX_FEED_LIMIT) {
      throw new BadRequest(400, "limit must be 1.." + MAX_FEED_LIMIT);
    }
    List<FeedPost> posts = await(peer.feed(sort, limit));
    ArrayNode out = json.createArrayNode();
    for (FeedPost post : posts) {
      out.addObject()
          .put("id", post.id())
          .put("author", post.authorKeyHex())
          .put("authorName", post.authorName())
          .put("caption", post.caption())
          .put("score", post.score())
          .put("picture", post.pictureHash())
          .put("thumbnail", post.thumbnailHash())
          .put("pictureHeld", post.isPictureHeld())
          .put("createdAt", post.createdAtMillis());
    }
    respond(exchange, 200, out);
  }

  private void blob(HttpExchange exchange, String hash) throws IOException {
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new BadRequest(400, "a blob hash is 64 lower-case hexadecimal digits");
    }
    Optional<byte[]> bytes = await(peer.picture(hash));
    if (bytes.isEmpty()) {
      throw new BadRequest(404, "this peer does not hold blob " + hash + " (yet)");
    }
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.sendResponseHeaders(200, bytes.get().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes.get());
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    String raw = exchange.getRequestURI().getRawQuery();
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    if (raw.length() > MAX_QUERY_CHARS) {
      throw new BadRequest(414, "the query may have at most " + MAX_QUERY_CHARS + " characters");
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        out.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new BadRequest(400, "the query is not URL-encoded: " + pair);
      }
    }
    return out;
  }

  /** Waits for the peer; a refusal it gives (a bad picture, a bad argument) becomes a 4xx. */
  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof java.util.concurrent.CompletionException
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof PictureRejectedException rejected) {
        throw new BadRequest(422, rejected.getMessage());
      }
      if (cause instanceof IllegalArgumentException refused) {
        throw new BadRequest(400, refused.getMessage());
      }
      throw new IllegalStateException("the peer failed: " + cause, cause);
    } catch (TimeoutException e) {
      throw new BadRequest(503, "the peer did not answer in " + TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
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

  private void error(HttpExchange exchange, int status, String message) throws IOException {
    ObjectNode body = json.createObjectNode().put("error", message);
    respond(exchange, status, body);
  }

  private void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A request this peer answers with an error status (4xx, or 503 when busy) and a message. */
  private static final class BadRequest extends RuntimeException {
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
