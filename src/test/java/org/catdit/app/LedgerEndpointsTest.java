package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.catdit.feed.PictureLimits;
import org.catdit.ledger.Hash;
import org.catdit.ledger.sync.LedgerSync;
import org.catdit.net.Delivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's admin endpoints (docs/admin-api.md) on one real {@link EmbeddedPeer}, in-process:
 * every endpoint's answer and every 4xx path. One peer serves all tests (starting one takes most of
 * the time); each test asserts on what it added, not on totals another test could change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30)
class LedgerEndpointsTest {
  private static final String HEX64 = "[0-9a-f]{64}";
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final DeliveryLog deliveries = new DeliveryLog(DeliveryLog.DEFAULT_CAPACITY);

  private EmbeddedPeer peer;
  private AdminServer admin;

  private record Reply(int status, byte[] bytes, HttpResponse<byte[]> response) {
    JsonNode body() {
      try {
        return new ObjectMapper().readTree(bytes);
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
      }
    }
  }

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    peer =
        EmbeddedPeer.open(
            PeerOptions.of(temp.resolve("peer"))
                .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withDiscovery(false)
                .withDeliveries(deliveries::add));
    admin = new AdminServer(peer, deliveries, 0);
  }

  @AfterAll
  void stop() {
    if (admin != null) {
      admin.close();
    }
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void aPostedPictureIsInTheFeedItsBytesAreServedAndTheSummaryCountsIt() throws Exception {
    byte[] chelsea = EmbeddedPeerTest.cat("chelsea.jpg");
    JsonNode before = send("GET", "/ledger/summary", null).body();

    Reply created = send("POST", "/posts?caption=" + encode("Chelsea & friends, 100%"), chelsea);
    assertEquals(201, created.status(), created.body().toString());
    String id = created.body().get("id").asText();
    assertTrue(id.matches(HEX64), id);

    JsonNode post = find(send("GET", "/feed?sort=new&limit=100", null).body(), id);
    assertEquals("Chelsea & friends, 100%", post.get("caption").asText());
    assertEquals(0, post.get("score").asInt());
    assertEquals(peer.identity().publicKeyHex(), post.get("author").asText());
    assertTrue(post.has("authorName"), post.toString());
    assertTrue(post.get("picture").asText().matches(HEX64), post.toString());
    assertTrue(post.get("thumbnail").asText().matches(HEX64), post.toString());
    assertTrue(post.get("pictureHeld").asBoolean(), post.toString());
    long createdAt = post.get("createdAt").asLong();
    assertTrue(Math.abs(System.currentTimeMillis() - createdAt) < 60_000, "createdAt " + createdAt);

    Reply blob = send("GET", "/blobs/" + post.get("picture").asText(), null);
    assertEquals(200, blob.status());
    assertEquals(
        "application/octet-stream", blob.response().headers().firstValue("Content-Type").get());
    assertArrayEquals(chelsea, blob.bytes());
    Reply thumbnail = send("GET", "/blobs/" + post.get("thumbnail").asText(), null);
    assertEquals(200, thumbnail.status());
    assertTrue(thumbnail.bytes().length > 0);

    JsonNode after = send("GET", "/ledger/summary", null).body();
    assertEquals(before.get("transitions").asLong() + 1, after.get("transitions").asLong());
    assertTrue(after.get("setHash").asText().matches(HEX64), after.toString());
    assertFalse(before.get("setHash").equals(after.get("setHash")), after.toString());
    assertTrue(contains(after.get("tips"), id), "the new post is a tip: " + after);
    assertEquals(0, after.get("missing").size());
    assertEquals(0, after.get("excludedAuthors").size());
  }

  @Test
  void upvotesCountOnceAndARetractionTakesTheVoteBack() throws Exception {
    String id = post("chelsea.png", "vote for me");

    JsonNode up = send("POST", "/posts/" + id + "/upvote", null).body();
    assertEquals(id, up.get("id").asText());
    assertEquals(1, up.get("score").asInt());
    assertTrue(up.get("upvoted").asBoolean());
    long transitions = summary().get("transitions").asLong();

    Reply again = send("POST", "/posts/" + id + "/upvote", null);
    assertEquals(200, again.status());
    assertEquals(1, again.body().get("score").asInt(), "a second upvote is a no-op");
    assertEquals(transitions, summary().get("transitions").asLong(), "and authors nothing");

    Reply retracted = send("DELETE", "/posts/" + id + "/upvote", null);
    assertEquals(200, retracted.status());
    assertEquals(0, retracted.body().get("score").asInt());
    assertFalse(retracted.body().get("upvoted").asBoolean());
    assertEquals(0, find(send("GET", "/feed?sort=top", null).body(), id).get("score").asInt());
    assertEquals(transitions + 1, summary().get("transitions").asLong());

    send("POST", "/posts/" + id + "/upvote", null);
    JsonNode top = send("GET", "/feed?sort=top&limit=1", null).body();
    assertEquals(1, top.size(), "limit is obeyed");
    assertEquals(1, top.get(0).get("score").asInt(), "the upvoted post leads the top feed");
  }

  @Test
  void everySortIsAccepted() throws Exception {
    post("chelsea.jpg", "sorted");
    for (String sort : List.of("hot", "new", "top", "HOT")) {
      Reply reply = send("GET", "/feed?sort=" + sort + "&limit=5", null);
      assertEquals(200, reply.status(), sort + ": " + reply.body());
      assertTrue(reply.body().isArray() && reply.body().size() >= 1, sort);
    }
    Reply defaults = send("GET", "/feed", null);
    assertEquals(200, defaults.status());
    assertTrue(defaults.body().size() >= 1);
  }

  @Test
  void aBrokenPictureIsRefusedWith422NamingTheProblemAndNothingChanges() throws Exception {
    JsonNode before = summary();
    int feedBefore = send("GET", "/feed?limit=10000", null).body().size();
    Reply refused = send("POST", "/posts?caption=broken", EmbeddedPeerTest.cat("truncated.jpg"));
    assertError(refused, 422);
    assertTrue(refused.body().get("error").asText().contains("cut off"), refused.body().toString());
    Reply notAPicture = send("POST", "/posts", "just text".getBytes(StandardCharsets.UTF_8));
    assertError(notAPicture, 422);
    assertEquals(before, summary());
    assertEquals(feedBefore, send("GET", "/feed?limit=10000", null).body().size());
  }

  @Test
  void badBodiesAreRefused() throws Exception {
    JsonNode before = summary();
    assertError(send("POST", "/posts?caption=empty", new byte[0]), 400);
    byte[] tooLarge = new byte[(int) PictureLimits.DEFAULT.maxBytes() + 1];
    assertError(send("POST", "/posts", tooLarge), 413);
    byte[] unseen = unseenPicture();
    Reply longCaption = send("POST", "/posts?caption=" + "x".repeat(300), unseen);
    assertError(longCaption, 400);
    assertTrue(longCaption.body().get("error").asText().contains("caption"), "" + longCaption);
    assertError(send("GET", "/blobs/" + Hash.sha256(unseen).hex(), null), 404);
    assertEquals(before, summary());
  }

  @Test
  void badQueriesAndIdsAreRefused() throws Exception {
    assertError(send("GET", "/feed?sort=best", null), 400);
    assertError(send("GET", "/feed?limit=many", null), 400);
    assertError(send("GET", "/feed?limit=0", null), 400);
    assertError(send("GET", "/feed?limit=" + (LedgerEndpoints.MAX_FEED_LIMIT + 1), null), 400);
    assertError(send("GET", "/feed?sort=%25zz", null), 400);
    assertError(
        send("GET", "/feed?sort=" + "a".repeat(LedgerEndpoints.MAX_QUERY_CHARS), null), 414);
    assertError(send("POST", "/posts/not-a-post/upvote", null), 400);
    assertError(send("DELETE", "/posts/" + "A".repeat(64) + "/upvote", null), 400);
    assertError(send("POST", "/posts/" + "0".repeat(64) + "/upvote", null), 404);
    assertError(send("DELETE", "/posts/" + "0".repeat(64) + "/upvote", null), 404);
    assertError(send("GET", "/blobs/xyz", null), 400);
    assertError(send("GET", "/blobs/" + "0".repeat(64), null), 404);
    assertError(send("GET", "/posts/" + "0".repeat(64) + "/comments", null), 404);
    assertError(send("GET", "/ledger/other", null), 404);
  }

  @Test
  void wrongMethodsAre405WithAllow() throws Exception {
    assertMethodRefused("GET", "/posts", "POST");
    assertMethodRefused("PUT", "/posts/" + "0".repeat(64) + "/upvote", "POST, DELETE");
    assertMethodRefused("GET", "/posts/" + "0".repeat(64) + "/upvote", "POST, DELETE");
    assertMethodRefused("POST", "/feed", "GET");
    assertMethodRefused("DELETE", "/blobs/" + "0".repeat(64), "GET");
    assertMethodRefused("POST", "/ledger/summary", "GET");
  }

  @Test
  void deliveredListsBroadcastTextButNoLedgerPayloads() throws Exception {
    post("chelsea.jpg", "not in /delivered");
    Reply text = send("POST", "/broadcast", "a cat in a box".getBytes(StandardCharsets.UTF_8));
    assertEquals(200, text.status());
    boolean isLedgerDelivered = false;
    for (Delivery delivery : deliveries.snapshot()) {
      isLedgerDelivered |= delivery.payload()[0] == LedgerSync.PAYLOAD_TRANSITION;
    }
    assertTrue(isLedgerDelivered, "the peer delivered its own transition on the tree");
    JsonNode delivered = send("GET", "/delivered", null).body();
    List<String> payloads = new ArrayList<>();
    for (JsonNode delivery : delivered) {
      payloads.add(delivery.get("payload").asText());
    }
    assertTrue(payloads.contains("a cat in a box"), payloads.toString());
    for (String payload : payloads) {
      assertFalse(payload.startsWith("\u0001"), "a ledger payload is listed: " + payloads);
    }
  }

  @Test
  void statusStillAnswersBesideTheLedgerEndpoints() throws Exception {
    Reply status = send("GET", "/status", null);
    assertEquals(200, status.status());
    assertEquals(peer.runtime().peerId().toString(), status.body().get("peerId").asText());
  }

  // ============================================================ helpers

  private String post(String cat, String caption) throws Exception {
    Reply created = send("POST", "/posts?caption=" + encode(caption), EmbeddedPeerTest.cat(cat));
    assertEquals(201, created.status(), created.body().toString());
    return created.body().get("id").asText();
  }

  /**
   * A valid picture no test posts, nor is any thumbnail (the cat upside down): its bytes are in no
   * blob file unless a refusal leaks one.
   */
  private static byte[] unseenPicture() throws Exception {
    BufferedImage image =
        ImageIO.read(new ByteArrayInputStream(EmbeddedPeerTest.cat("chelsea.png")));
    BufferedImage flipped =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        flipped.setRGB(x, image.getHeight() - 1 - y, image.getRGB(x, y));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(flipped, "png", out));
    return out.toByteArray();
  }

  private JsonNode summary() throws Exception {
    Reply reply = send("GET", "/ledger/summary", null);
    assertEquals(200, reply.status());
    return reply.body();
  }

  private static JsonNode find(JsonNode feed, String id) {
    for (JsonNode post : feed) {
      if (post.get("id").asText().equals(id)) {
        return post;
      }
    }
    throw new AssertionError("post " + id + " not in the feed " + feed);
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode item : array) {
      if (item.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private void assertMethodRefused(String method, String path, String allow) throws Exception {
    Reply reply = send(method, path, null);
    assertError(reply, 405);
    assertEquals(allow, reply.response().headers().firstValue("Allow").orElse(""), path);
  }

  private void assertError(Reply reply, int status) {
    assertEquals(
        status,
        reply.status(),
        method(reply) + ": " + new String(reply.bytes(), StandardCharsets.UTF_8));
    JsonNode body = reply.body();
    assertTrue(body.hasNonNull("error") && !body.get("error").asText().isBlank(), "" + body);
    assertEquals(
        "application/json", reply.response().headers().firstValue("Content-Type").orElse(""));
  }

  private static String method(Reply reply) {
    return reply.response().request().method() + " " + reply.response().uri();
  }

  private Reply send(String method, String path, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.address().getPort() + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(response.statusCode(), response.body(), response);
  }
}
