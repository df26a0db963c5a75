package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern INVITE =
      Pattern.compile("invite: ([0-9a-f]{32})@127\\.0\\.0\\.1:([0-9]+)");
  private static final Pattern ADMIN = Pattern.compile("admin: http://127\\.0\\.0\\.1:([0-9]+)/");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> processes = new ArrayList<>();
  private final List<List<String>> outputs = new ArrayList<>();
  private final List<Integer> adminPorts = new ArrayList<>();
  private final Set<Integer> dead = new HashSet<>();

  /** A post made through the API: its id, where it was made and the exact bytes posted. */
  private record Posted(String id, int node, byte[] picture, String pictureHash) {}

  @AfterEach
  void killAll() {
    for (Process process : processes) {
      process.destroyForcibly();
    }
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
      await(
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
    JsonNode beforeBroken = get(1, "/ledger/summary");
    HttpResponse<String> broken =
        send(1, "POST", "/posts?caption=broken", EmbeddedPeerTest.cat("truncated.jpg"));
    assertEquals(422, broken.statusCode(), broken.body());
    assertTrue(JSON.readTree(broken.body()).get("error").asText().contains("cut off"));
    assertEquals(beforeBroken, get(1, "/ledger/summary"));

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
    await(() -> everyLivePeerAgrees(posts, expectedScores), "every peer agrees");
    double convergeSeconds = secondsSince(lastVoteNanos);
    double votingSeconds = (lastVoteNanos - votingNanos) / 1e9;
    String setHash = get(0, "/ledger/summary").get("setHash").asText();
    long transitions = get(0, "/ledger/summary").get("transitions").asLong();
    for (int i = 0; i < NODES; i++) {
      assertBlobsExact(i, posts);
      assertEquals(expectedScores, scores(i), "scores at node " + i);
    }

    // kill -9 one node; its database must pass the integrity check, and a restart on the same
    // data directory must have everything, before syncing anything.
    Path killedData = dataOf(KILLED);
    processes.get(KILLED).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    dead.add(KILLED);
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
    int restarted = start(killedData, contact);
    awaitStarted(restarted);
    double restartSeconds = secondsSince(restartNanos);
    JsonNode afterRestart = get(restarted, "/ledger/summary");
    assertEquals(
        setHash, afterRestart.get("setHash").asText(), "the restart kept every transition");
    assertEquals(transitions, afterRestart.get("transitions").asLong());
    assertEquals(expectedScores, scores(restarted));
    assertBlobsExact(restarted, posts);

    // A node with an empty data directory catches up: every transition and every picture.
    long emptyNanos = System.nanoTime();
    int empty = start(data.resolve("node-empty"), contact);
    awaitStarted(empty);
    await(
        () -> {
          try {
            return setHash.equals(get(empty, "/ledger/summary").get("setHash").asText());
          } catch (IOException | InterruptedException e) {
            return false;
          }
        },
        "the empty node holds every transition");
    double emptyLedgerSeconds = secondsSince(emptyNanos);
    await(() -> everyLivePeerAgrees(posts, expectedScores), "the empty node holds everything");
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
    start(dataOf(0), null);
    awaitStarted(0);
    String contact = "127.0.0.1:" + udpPort(0);
    for (int i = 1; i < NODES; i++) {
      start(dataOf(i), contact);
    }
    for (int i = 1; i < NODES; i++) {
      awaitStarted(i);
      int node = i;
      await(() -> said(node, "joined through "), "node " + i + " joined");
    }
    return contact;
  }

  private Path dataOf(int index) {
    return data.resolve("node-" + index);
  }

  private boolean holdsPicture(int index, Posted posted) {
    try {
      for (JsonNode post : get(index, "/feed?sort=new&limit=1000")) {
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
      for (int i = 0; i < processes.size(); i++) {
        if (dead.contains(i)) {
          continue;
        }
        String setHash = get(i, "/ledger/summary").get("setHash").asText();
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
    JsonNode top = get(index, "/feed?sort=top&limit=1000");
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
      HttpResponse<byte[]> blob =
          http.send(
              request(index, "/blobs/" + post.pictureHash()).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, blob.statusCode(), "node " + index + " blob " + post.pictureHash());
      assertArrayEquals(post.picture(), blob.body(), "node " + index + " blob bytes");
    }
  }

  // ============================================================ the admin API

  private Posted post(int node, byte[] picture, String caption) throws Exception {
    HttpResponse<String> created =
        send(
            node,
            "POST",
            "/posts?caption=" + URLEncoder.encode(caption, StandardCharsets.UTF_8),
            picture);
    assertEquals(201, created.statusCode(), created.body());
    String id = JSON.readTree(created.body()).get("id").asText();
    String pictureHash = null;
    for (JsonNode post : get(node, "/feed?sort=new&limit=1000")) {
      if (post.get("id").asText().equals(id)) {
        pictureHash = post.get("picture").asText();
      }
    }
    assertTrue(pictureHash != null, "the post is in its author's feed");
    return new Posted(id, node, picture, pictureHash);
  }

  private void vote(int node, Posted post, boolean isUpvote) throws Exception {
    // A post made elsewhere may not have reached this node yet: the API answers 404 until then.
    await(
        () -> {
          try {
            HttpResponse<String> reply =
                send(node, isUpvote ? "POST" : "DELETE", "/posts/" + post.id() + "/upvote", null);
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

  private HttpRequest.Builder request(int index, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPorts.get(index) + path))
        .timeout(Duration.ofSeconds(30));
  }

  private JsonNode get(int index, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request(index, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(int index, String method, String path, byte[] body)
      throws IOException, InterruptedException {
    return http.send(
        request(index, path)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  // ============================================================ processes

  /** Starts a node process on a data directory; returns its index. */
  private int start(Path dataDirectory, String contact) throws IOException {
    int index = processes.size();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Ten JVMs on a small machine: small heaps, quick start; the large picture decodes in ~35 MB.
    command.addAll(
        List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(
        List.of(
            "node",
            "--port",
            "0",
            "--bind",
            "127.0.0.1",
            "--admin-port",
            "0",
            "--data",
            dataDirectory.toString(),
            "--status-seconds",
            "5",
            "--no-discovery"));
    if (contact != null) {
      command.addAll(List.of("--contact", contact));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // The process is gone.
              }
            },
            "node-" + index + "-output");
    reader.setDaemon(true);
    reader.start();
    processes.add(process);
    outputs.add(lines);
    adminPorts.add(null);
    return index;
  }

  private void awaitStarted(int index) throws InterruptedException {
    await(
        () -> find(index, INVITE) != null && find(index, ADMIN) != null,
        "node " + index + " printed its invite and admin address");
    adminPorts.set(index, Integer.parseInt(find(index, ADMIN).group(1)));
  }

  private int udpPort(int index) {
    return Integer.parseInt(find(index, INVITE).group(2));
  }

  private Matcher find(int index, Pattern pattern) {
    for (String line : outputs.get(index)) {
      Matcher matcher = pattern.matcher(line);
      if (matcher.find()) {
        return matcher;
      }
    }
    return null;
  }

  private boolean said(int index, String text) {
    return outputs.get(index).stream().anyMatch(line -> line.contains(text));
  }

  private void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        StringBuilder tails = new StringBuilder();
        for (int i = 0; i < outputs.size(); i++) {
          List<String> lines = outputs.get(i);
          tails
              .append("\nnode ")
              .append(i)
              .append(dead.contains(i) ? " (killed)" : "")
              .append(": ")
              .append(lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
        throw new AssertionError("not within " + PATIENCE + ": " + what + tails);
      }
      Thread.sleep(100);
    }
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
