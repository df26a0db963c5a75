package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's slower test: twelve separate JVMs of {@code catdit node} on loopback, each with its own
 * UDP socket and admin port, joined through node 0. Driven only through the admin API: the overlay
 * is strongly connected, a broadcast from any node is delivered by all, the tree prunes, and after
 * four processes are killed outright a new broadcast reaches every survivor.
 */
@Tag("slow")
class MultiProcessOverlayTest {
  private static final int NODES = 12;
  private static final int KILLED = 4;
  private static final Pattern INVITE =
      Pattern.compile("invite: ([0-9a-f]{32})@127\\.0\\.0\\.1:([0-9]+)");
  private static final Pattern ADMIN = Pattern.compile("admin: http://127\\.0\\.0\\.1:([0-9]+)/");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> processes = new ArrayList<>();
  private final List<List<String>> outputs = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();
  private final List<Integer> adminPorts = new ArrayList<>();
  private final Set<Integer> dead = new HashSet<>();

  @AfterEach
  void killAll() {
    for (Process process : processes) {
      process.destroyForcibly();
    }
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void twelveProcessesJoinBroadcastPruneAndSurviveFourKills() throws Exception {
    long startNanos = System.nanoTime();
    start(0, null);
    awaitStarted(0);
    String contact = "127.0.0.1:" + udpPort(0);
    for (int i = 1; i < NODES; i++) {
      start(i, contact);
    }
    for (int i = 1; i < NODES; i++) {
      awaitStarted(i);
    }
    for (int i = 1; i < NODES; i++) {
      int node = i;
      await(Duration.ofSeconds(60), () -> said(node, "joined through "), "node " + i + " joined");
    }
    await(Duration.ofSeconds(60), this::isStronglyConnected, "strongly connected overlay");

    // The overlay's first broadcast travels the unpruned tree: every link eager, duplicates.
    int sender = 7;
    long before = totalDuplicates();
    broadcastAndAwait(sender, "first from 7");
    long duplicatesOfFirst = totalDuplicates() - before;

    // A broadcast from any node is delivered by all: one from each of three more nodes.
    for (int other : new int[] {0, 5, 11}) {
      broadcastAndAwait(other, "from " + other);
    }

    // The tree prunes: after a few more broadcasts from the same source, fewer duplicates.
    for (int round = 0; round < 5; round++) {
      broadcastAndAwait(sender, "warm-up " + round);
    }
    before = totalDuplicates();
    broadcastAndAwait(sender, "pruned from 7");
    long duplicatesOfLast = totalDuplicates() - before;
    assertTrue(duplicatesOfFirst > 0, "the first broadcast meets an unpruned tree");
    assertTrue(
        duplicatesOfLast < duplicatesOfFirst,
        "duplicates first " + duplicatesOfFirst + ", after pruning " + duplicatesOfLast);

    // Kill four (no leave), chosen so the survivors' views stay connected among themselves.
    for (int victim : victims()) {
      processes.get(victim).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      dead.add(victim);
    }
    int survivor = firstSurvivor();
    broadcastAndAwait(survivor, "after the kills");
    // And once the failure detector has purged the dead from every view.
    await(Duration.ofSeconds(60), this::noSurvivorHoldsTheDead, "dead purged from views");
    broadcastAndAwait(survivor, "after the purge");
    System.out.printf(
        "MultiProcessOverlayTest: %d processes, %.1f s, duplicates first %d, pruned %d%n",
        NODES, (System.nanoTime() - startNanos) / 1e9, duplicatesOfFirst, duplicatesOfLast);
  }

  // ============================================================ processes

  private void start(int index, String contact) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Twelve JVMs on a small machine: small heaps, quick start.
    command.addAll(
        List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
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
            data.resolve("node-" + index).toString(),
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
    ids.add(null);
    adminPorts.add(null);
  }

  private void awaitStarted(int index) throws InterruptedException {
    await(
        Duration.ofSeconds(60),
        () -> find(index, INVITE) != null && find(index, ADMIN) != null,
        "node " + index + " printed its invite and admin address");
    ids.set(index, find(index, INVITE).group(1));
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

  // ============================================================ the admin API

  private JsonNode get(int index, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPorts.get(index) + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private String broadcast(int index, String payload) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + adminPorts.get(index) + "/broadcast"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(response.statusCode() == 200, response.body());
    return JSON.readTree(response.body()).get("id").asText();
  }

  private void broadcastAndAwait(int sender, String payload) throws Exception {
    String id = broadcast(sender, payload + " " + System.nanoTime());
    await(
        Duration.ofSeconds(60),
        () -> {
          for (int i = 0; i < NODES; i++) {
            if (!dead.contains(i) && !delivered(i, id)) {
              return false;
            }
          }
          return true;
        },
        "broadcast '" + payload + "' from node " + sender + " delivered by every live node");
  }

  private boolean delivered(int index, String id) {
    try {
      for (JsonNode delivery : get(index, "/delivered")) {
        if (delivery.get("id").asText().equals(id)) {
          return true;
        }
      }
      return false;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private long totalDuplicates() throws IOException, InterruptedException {
    long total = 0;
    for (int i = 0; i < NODES; i++) {
      if (!dead.contains(i)) {
        total += get(i, "/status").get("counters").get("duplicates").asLong();
      }
    }
    return total;
  }

  private Map<String, List<String>> partialViews() throws IOException, InterruptedException {
    Map<String, List<String>> views = new HashMap<>();
    for (int i = 0; i < NODES; i++) {
      if (!dead.contains(i)) {
        List<String> view = new ArrayList<>();
        for (JsonNode peer : get(i, "/status").get("membership").get("partialView")) {
          view.add(peer.asText());
        }
        views.put(ids.get(i), view);
      }
    }
    return views;
  }

  /** Every node reaches every other along PartialView arcs. */
  private boolean isStronglyConnected() {
    try {
      Map<String, List<String>> views = partialViews();
      for (String from : views.keySet()) {
        if (!reachable(from, views, Set.of()).containsAll(views.keySet())) {
          return false;
        }
      }
      return true;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static Set<String> reachable(
      String from, Map<String, List<String>> views, Set<String> excluded) {
    Set<String> seen = new HashSet<>(List.of(from));
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(from));
    while (!queue.isEmpty()) {
      for (String next : views.getOrDefault(queue.poll(), List.of())) {
        if (!excluded.contains(next) && seen.add(next)) {
          queue.add(next);
        }
      }
    }
    return seen;
  }

  /**
   * Four nodes other than 0 whose death leaves the survivors connected through arcs in either
   * direction (a survivor whose every neighbour dies waits for SCAMP's rejoin, which the simulator
   * covers, as LoopbackOverlayTest explains).
   */
  private List<Integer> victims() throws IOException, InterruptedException {
    Map<String, List<String>> views = partialViews();
    Map<String, List<String>> undirected = new HashMap<>();
    views.forEach(
        (from, view) -> {
          for (String to : view) {
            undirected.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
            undirected.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
          }
        });
    List<Integer> chosen = new ArrayList<>();
    Set<String> excluded = new HashSet<>();
    for (int candidate = NODES - 1; candidate > 0 && chosen.size() < KILLED; candidate--) {
      Set<String> tryExcluded = new HashSet<>(excluded);
      tryExcluded.add(ids.get(candidate));
      Set<String> survivors = new HashSet<>(views.keySet());
      survivors.removeAll(tryExcluded);
      if (reachable(ids.get(0), undirected, tryExcluded).containsAll(survivors)) {
        chosen.add(candidate);
        excluded = tryExcluded;
      }
    }
    assertTrue(chosen.size() == KILLED, "found victims: " + chosen);
    return chosen;
  }

  private int firstSurvivor() {
    for (int i = NODES - 1; i >= 0; i--) {
      if (!dead.contains(i)) {
        return i;
      }
    }
    throw new AssertionError("no survivor");
  }

  private boolean noSurvivorHoldsTheDead() {
    try {
      Set<String> deadIds = new HashSet<>();
      for (int victim : dead) {
        deadIds.add(ids.get(victim));
      }
      for (List<String> view : partialViews().values()) {
        for (String peer : view) {
          if (deadIds.contains(peer)) {
            return false;
          }
        }
      }
      return true;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private void await(Duration timeout, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
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
        throw new AssertionError("not within " + timeout + ": " + what + tails);
      }
      Thread.sleep(200);
    }
  }
}
