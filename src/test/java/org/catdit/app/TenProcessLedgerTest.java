package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.catdit.ledger.Hash;
import org.catdit.store.FileBlobRepository;
import org.catdit.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's "done means" on real processes: ten separate JVMs of {@code catdit node} on loopback,
 * each with its own data directory and admin port, driven only through the admin API. Pictures are
 * posted at several peers and votes (and retractions) cast at every peer; every peer must end with
 * the same ledger set hash, the same scores and every picture's exact bytes. Then one node is
 * killed outright ({@code kill -9}) and restarted on its data directory: it must keep everything
 * and its database must pass {@code PRAGMA integrity_check}. Last, a node started with an empty
 * data directory must catch up. Timings are printed (docs/ledger.md, "Ten real processes").
 */
@Tag("slow")
class TenProcessLedgerTest {
  private static final int NODES = 10;
  private static final int KILLED = 4;
  private static final Duration PATIENCE = Duration.ofSeconds(180);
  private static final ObjectMapper JSON = NodeProcesses.JSON;

  @TempDir Path data;

  // The large picture decodes in ~35 MB.
  private final NodeProcesses nodes = new NodeProcesses("192m", Duration.ofSeconds(30));

  /** A post made through the API: its id, where it was made and the exact bytes posted. */
  private record Posted(String id, int node, byte[] picture, String pictureHash) {}

  @AfterEach
  void killAll() throws InterruptedException {
    nodes.close();
  }

  @Test
  @Timeout(value = 900, unit = TimeUnit.SECONDS)
  void tenProcessesAgreeOnPostsVotesAndPicturesSurviveKillNineAndCatchUpFromEmpty()
      throws Exception {
    long startNanos = System.nanoTime();
    String contact = startNetwork();
    double joinSeconds = secondsSince(startNanos);

    // Pictures posted at several peers, one after another; for each, how long until every other
    // peer holds its bytes (the end-to-end figure of docs/ledger.md).
    Map<Integer, byte[]> pictures = new LinkedHashMap<>();
    pictures.put(0, EmbeddedPeerTest.cat("chelsea.jpg"));
    pictures.put(3, EmbeddedPeerTest.cat("chelsea.png"));
    pictures.put(6, EmbeddedPeerTest.cat("chelsea-large.jpg"));
    pictures.put(8, mirrored(EmbeddedPeerTest.cat("chelsea.jpg"), "png"));
    pictures.put(5, mirrored(EmbeddedPeerTest.cat("chelsea.png"), "jpg"));
    List<Posted> posts = new ArrayList<>();
    List<Double> spreadSeconds = new ArrayList<>();
    List<Double> arrivalSeconds = new ArrayList<>();
    List<Double> postSeconds = new ArrayList<>();
    for (Map.Entry<Integer, byte[]> entry : pictures.entrySet()) {
      int node = entry.getKey();
      long postedNanos = System.nanoTime();
      Posted posted = post(node, entry.getValue(), "cat from node " + node);
      postSeconds.add(secondsSince(postedNanos));
      posts.add(posted);
      Set<Integer> waiting = new HashSet<>();
      for (int i = 0; i < NODES; i++) {
        if (i != node) {
          waiting.add(i);
        }
      }
      nodes.await(
          PATIENCE,
          () -> {
            for (int i : List.copyOf(waiting)) {
              if (holdsPicture(i, posted)) {
                waiting.remove(i);
                arrivalSeconds.add(secondsSince(postedNanos));
              }
            }
            return waiting.isEmpty();
          },
          "every peer holds " + posted.pictureHash());
      spreadSeconds.add(secondsSince(postedNanos));
    }
    // The same picture posted again elsewhere: a second post, the bytes stored once.
    posts.add(post(2, EmbeddedPeerTest.cat("chelsea.jpg"), "the same cat, again"));

    // A broken picture is refused with a clear 4xx at the API and changes nothing there.
    JsonNode beforeBroken = nodes.get(1, "/ledger/summary");
    HttpResponse<String> broken =
        nodes.send(1, "POST", "/posts?caption=broken", EmbeddedPeerTest.cat("truncated.jpg"));
    assertEquals(422, broken.statusCode(), broken.body());
    assertTrue(JSON.readTree(broken.body()).get("error").asText().contains("cut off"));
    assertEquals(beforeBroken, nodes.get(1, "/ledger/summary"));

    // Votes everywhere: node i upvotes post j when (i + j) % 3 != 0; every third node then
    // retracts its first upvote. Scores are distinct final voters per post.
    long votingNanos = System.nanoTime();
    Map<String, Integer> expectedScores = new TreeMap<>();
    for (Posted post : posts) {
      expectedScores.put(post.id(), 0);
    }
    for (int i = 0; i < NODES; i++) {
      List<Posted> upvoted = new ArrayList<>();
      for (int j = 0; j < posts.size(); j++) {
        if ((i + j) % 3 != 0) {
          vote(i, posts.get(j), true);
          upvoted.add(posts.get(j));
          expectedScores.merge(posts.get(j).id(), 1, Integer::sum);
        }
      }
      if (i % 3 == 0 && !upvoted.isEmpty()) {
        vote(i, upvoted.get(0), false);
        expectedScores.merge(upvoted.get(0).id(), -1, Integer::sum);
      }
    }
    long lastVoteNanos = System.nanoTime();
    nodes.await(PATIENCE, () -> everyLivePeerAgrees(posts, expectedScores), "every peer agrees");
    double convergeSeconds = secondsSince(lastVoteNanos);
    double votingSeconds = (lastVoteNanos - votingNanos) / 1e9;
    String setHash = nodes.get(0, "/ledger/summary").get("setHash").asText();
    long transitions = nodes.get(0, "/ledger/summary").get("transitions").asLong();
    for (int i = 0; i < NODES; i++) {
      assertBlobsExact(i, posts);
      assertEquals(expectedScores, scores(i), "scores at node " + i);
    }

    // kill -9 one node; its database must pass the integrity check, and a restart on the same
    // data directory must have everything, before syncing anything.
    Path killedData = dataOf(KILLED);
    nodes.kill(KILLED);
    try (Store store = Store.open(killedData)) {
      assertEquals("ok", store.integrityCheck());
      long[] stored = {0};
      store.loadTransitions(record -> stored[0]++);
      assertEquals(transitions, stored[0], "every transition was on disk at the kill");
    }
    FileBlobRepository killedBlobs = new FileBlobRepository(killedData.resolve("blobs"));
    for (Posted post : posts) {
      assertTrue(killedBlobs.isComplete(Hash.fromHex(post.pictureHash())), post.pictureHash());
    }
    long restartNanos = System.nanoTime();
    int restarted = nodes.start(killedData, contact);
    nodes.awaitStarted(restarted, PATIENCE);
    double restartSeconds = secondsSince(restartNanos);
    JsonNode afterRestart = nodes.get(restarted, "/ledger/summary");
    assertEquals(
        setHash, afterRestart.get("setHash").asText(), "the restart kept every transition");
    assertEquals(transitions, afterRestart.get("transitions").asLong());
    assertEquals(expectedScores, scores(restarted));
    assertBlobsExact(restarted, posts);

    // A node with an empty data directory catches up: every transition and every picture.
    long emptyNanos = System.nanoTime();
    int empty = nodes.start(data.resolve("node-empty"), contact);
    nodes.awaitStarted(empty, PATIENCE);
    nodes.await(
        PATIENCE,
        () -> {
          try {
            return setHash.equals(nodes.get(empty, "/ledger/summary").get("setHash").asText());
          } catch (IOException | InterruptedException e) {
            return false;
          }
        },
        "the empty node holds every transition");
    double emptyLedgerSeconds = secondsSince(emptyNanos);
    nodes.await(
        PATIENCE,
        () -> everyLivePeerAgrees(posts, expectedScores),
        "the empty node holds everything");
    double emptySeconds = secondsSince(emptyNanos);
    assertBlobsExact(empty, posts);
    assertEquals(expectedScores, scores(empty));

    List<Double> sorted = new ArrayList<>(spreadSeconds);
    sorted.sort(Double::compare);
    arrivalSeconds.sort(Double::compare);
    System.out.printf(
        "TenProcessLedgerTest: %d processes; joined in %.1f s; picture at all %d others after"
            + " post: %s s (median %.2f, max %.2f; POST /posts answered after %s s); at each other peer (%d arrivals): median"
            + " %.2f, 90th %.2f s; %d posts, %d transitions, votes cast in %.1f"
            + " s, all agree %.2f s after the last vote; restart after kill -9 answered in %.1f s"
            + " with the same set hash; empty node: ledger in %.2f s, ledger and pictures in"
            + " %.2f s; total %.0f s%n",
        NODES,
        joinSeconds,
        NODES - 1,
        spreadSeconds.stream().map(s -> String.format("%.2f", s)).toList(),
        sorted.get(sorted.size() / 2),
        sorted.get(sorted.size() - 1),
        postSeconds.stream().map(s -> String.format("%.2f", s)).toList(),
        arrivalSeconds.size(),
        arrivalSeconds.get(arrivalSeconds.size() / 2),
        arrivalSeconds.get(arrivalSeconds.size() * 9 / 10),
        posts.size(),
        transitions,
        votingSeconds,
        convergeSeconds,
        restartSeconds,
        emptyLedgerSeconds,
        emptySeconds,
        secondsSince(startNanos));
  }

  // ============================================================ the network

  /** Starts node 0, then the others through it; returns the contact address. */
  private String startNetwork() throws Exception {
    nodes.start(dataOf(0), null);
    nodes.awaitStarted(0, PATIENCE);
    String contact = "127.0.0.1:" + nodes.udpPort(0);
    for (int i = 1; i < NODES; i++) {
      nodes.start(dataOf(i), contact);
    }
    for (int i = 1; i < NODES; i++) {
      nodes.awaitStarted(i, PATIENCE);
      int node = i;
      nodes.await(PATIENCE, () -> nodes.said(node, "joined through "), "node " + i + " joined");
    }
    return contact;
  }

  private Path dataOf(int index) {
    return data.resolve("node-" + index);
  }

  private boolean holdsPicture(int index, Posted posted) {
    try {
      for (JsonNode post : nodes.get(index, "/feed?sort=new&limit=1000")) {
        if (post.get("id").asText().equals(posted.id())) {
          return post.get("pictureHeld").asBoolean();
        }
      }
      return false;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Same set hash, same scores and every picture held, at every live node. */
  private boolean everyLivePeerAgrees(List<Posted> posts, Map<String, Integer> expected) {
    try {
      String first = null;
      for (int i = 0; i < nodes.size(); i++) {
        if (nodes.isDead(i)) {
          continue;
        }
        String setHash = nodes.get(i, "/ledger/summary").get("setHash").asText();
        if (first == null) {
          first = setHash;
        } else if (!first.equals(setHash)) {
          return false;
        }
        if (!expected.equals(scores(i))) {
          return false;
        }
        for (Posted post : posts) {
          if (!holdsPicture(i, post)) {
            return false;
          }
        }
      }
      return true;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private Map<String, Integer> scores(int index) throws IOException, InterruptedException {
    Map<String, Integer> scores = new TreeMap<>();
    JsonNode top = nodes.get(index, "/feed?sort=top&limit=1000");
    int previous = Integer.MAX_VALUE;
    for (JsonNode post : top) {
      int score = post.get("score").asInt();
      assertTrue(score <= previous, "the top feed is sorted by score: " + top);
      previous = score;
      scores.put(post.get("id").asText(), score);
    }
    return scores;
  }

  private void assertBlobsExact(int index, List<Posted> posts) throws Exception {
    for (Posted post : posts) {
      HttpResponse<byte[]> blob = nodes.getBytes(index, "/blobs/" + post.pictureHash());
      assertEquals(200, blob.statusCode(), "node " + index + " blob " + post.pictureHash());
      assertArrayEquals(post.picture(), blob.body(), "node " + index + " blob bytes");
    }
  }

  // ============================================================ the admin API

  private Posted post(int node, byte[] picture, String caption) throws Exception {
    HttpResponse<String> created =
        nodes.send(
            node,
            "POST",
            "/posts?caption=" + URLEncoder.encode(caption, StandardCharsets.UTF_8),
            picture);
    assertEquals(201, created.statusCode(), created.body());
    String id = JSON.readTree(created.body()).get("id").asText();
    String pictureHash = null;
    for (JsonNode post : nodes.get(node, "/feed?sort=new&limit=1000")) {
      if (post.get("id").asText().equals(id)) {
        pictureHash = post.get("picture").asText();
      }
    }
    assertTrue(pictureHash != null, "the post is in its author's feed");
    return new Posted(id, node, picture, pictureHash);
  }

  private void vote(int node, Posted post, boolean isUpvote) throws Exception {
    // A post made elsewhere may not have reached this node yet: the API answers 404 until then.
    nodes.await(
        PATIENCE,
        () -> {
          try {
            HttpResponse<String> reply =
                nodes.send(
                    node, isUpvote ? "POST" : "DELETE", "/posts/" + post.id() + "/upvote", null);
            if (reply.statusCode() == 404) {
              return false;
            }
            assertEquals(200, reply.statusCode(), reply.body());
            return true;
          } catch (IOException | InterruptedException e) {
            return false;
          }
        },
        "node " + node + " votes on " + post.id());
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Another valid picture: the cat mirrored, re-encoded (distinct bytes, distinct hash). */
  private static byte[] mirrored(byte[] picture, String format) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture));
    BufferedImage flipped =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        flipped.setRGB(image.getWidth() - 1 - x, y, image.getRGB(x, y));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(flipped, format, out), format);
    byte[] bytes = out.toByteArray();
    assertTrue(!Arrays.equals(bytes, picture));
    return bytes;
  }
}
