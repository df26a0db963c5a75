package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
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

  @TempDir Path data;

  private final NodeProcesses nodes = new NodeProcesses("96m", Duration.ofSeconds(10));

  @AfterEach
  void killAll() throws InterruptedException {
    nodes.close();
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void twelveProcessesJoinBroadcastPruneAndSurviveFourKills() throws Exception {
    long startNanos = System.nanoTime();
    nodes.start(data.resolve("node-0"), null);
    nodes.awaitStarted(0, Duration.ofSeconds(60));
    String contact = "127.0.0.1:" + nodes.udpPort(0);
    for (int i = 1; i < NODES; i++) {
      nodes.start(data.resolve("node-" + i), contact);
    }
    for (int i = 1; i < NODES; i++) {
      nodes.awaitStarted(i, Duration.ofSeconds(60));
    }
    for (int i = 1; i < NODES; i++) {
      int node = i;
      nodes.await(
          Duration.ofSeconds(60),
          () -> nodes.said(node, "joined through "),
          "node " + i + " joined");
    }
    nodes.await(Duration.ofSeconds(60), this::isStronglyConnected, "strongly connected overlay");

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
      nodes.kill(victim);
    }
    int survivor = firstSurvivor();
    broadcastAndAwait(survivor, "after the kills");
    // And once the failure detector has purged the dead from every view.
    nodes.await(Duration.ofSeconds(60), this::noSurvivorHoldsTheDead, "dead purged from views");
    broadcastAndAwait(survivor, "after the purge");
    System.out.printf(
        "MultiProcessOverlayTest: %d processes, %.1f s, duplicates first %d, pruned %d%n",
        NODES, (System.nanoTime() - startNanos) / 1e9, duplicatesOfFirst, duplicatesOfLast);
  }

  // ============================================================ the admin API

  private String broadcast(int index, String payload) throws IOException, InterruptedException {
    HttpResponse<String> response =
        nodes.send(index, "POST", "/broadcast", payload.getBytes(StandardCharsets.UTF_8));
    assertTrue(response.statusCode() == 200, response.body());
    return NodeProcesses.JSON.readTree(response.body()).get("id").asText();
  }

  private void broadcastAndAwait(int sender, String payload) throws Exception {
    String id = broadcast(sender, payload + " " + System.nanoTime());
    nodes.await(
        Duration.ofSeconds(60),
        () -> {
          for (int i = 0; i < NODES; i++) {
            if (!nodes.isDead(i) && !delivered(i, id)) {
              return false;
            }
          }
          return true;
        },
        "broadcast '" + payload + "' from node " + sender + " delivered by every live node");
  }

  private boolean delivered(int index, String id) {
    try {
      for (JsonNode delivery : nodes.get(index, "/delivered")) {
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
      if (!nodes.isDead(i)) {
        total += nodes.get(i, "/status").get("counters").get("duplicates").asLong();
      }
    }
    return total;
  }

  private Map<String, List<String>> partialViews() throws IOException, InterruptedException {
    Map<String, List<String>> views = new HashMap<>();
    for (int i = 0; i < NODES; i++) {
      if (!nodes.isDead(i)) {
        List<String> view = new ArrayList<>();
        for (JsonNode peer : nodes.get(i, "/status").get("membership").get("partialView")) {
          view.add(peer.asText());
        }
        views.put(nodes.id(i), view);
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
      tryExcluded.add(nodes.id(candidate));
      Set<String> survivors = new HashSet<>(views.keySet());
      survivors.removeAll(tryExcluded);
      if (reachable(nodes.id(0), undirected, tryExcluded).containsAll(survivors)) {
        chosen.add(candidate);
        excluded = tryExcluded;
      }
    }
    assertTrue(chosen.size() == KILLED, "found victims: " + chosen);
    return chosen;
  }

  private int firstSurvivor() {
    for (int i = NODES - 1; i >= 0; i--) {
      if (!nodes.isDead(i)) {
        return i;
      }
    }
    throw new AssertionError("no survivor");
  }

  private boolean noSurvivorHoldsTheDead() {
    try {
      Set<String> deadIds = new HashSet<>();
      for (int victim = 0; victim < NODES; victim++) {
        if (nodes.isDead(victim)) {
          deadIds.add(nodes.id(victim));
        }
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
}
