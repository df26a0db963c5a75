package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.Ed25519Authenticator;
import org.catdit.overlay.wire.MessageId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Twelve real peers in one JVM, each on its own UDP socket on loopback, joined through peer 0: they
 * form an overlay, broadcast over it, prune the tree, and survive four abrupt crashes.
 */
class LoopbackOverlayTest {
  private static final int PEERS = 12;
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final List<UdpRuntime> runtimes = new ArrayList<>();
  private final List<Set<MessageId>> delivered = new ArrayList<>();
  private final Set<Integer> crashed = ConcurrentHashMap.newKeySet();

  @AfterEach
  void closeAll() throws InterruptedException {
    for (int i = 0; i < runtimes.size(); i++) {
      if (!crashed.contains(i)) {
        runtimes.get(i).close();
      }
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void twelvePeersJoinBroadcastPruneAndSurviveCrashes() throws Exception {
    InetSocketAddress anyLoopbackPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    for (int i = 0; i < PEERS; i++) {
      Set<MessageId> ids = ConcurrentHashMap.newKeySet();
      delivered.add(ids);
      runtimes.add(
          UdpRuntime.start(
              UdpRuntime.Settings.defaults(anyLoopbackPort, Ed25519Authenticator.generate())
                  .withDeliveries(delivery -> ids.add(delivery.id()))));
    }
    InetSocketAddress contact = runtimes.get(0).localAddress();
    assertTrue(contact.getPort() != 0, "the bound port is read back");
    for (int i = 1; i < PEERS; i++) {
      runtimes.get(i).join(contact).get(10, TimeUnit.SECONDS);
    }

    Await.until(DEADLINE, this::everyViewIsNonEmpty, this::describe);

    // A first broadcast reaches all twelve.
    UdpRuntime sender = runtimes.get(5);
    MessageId first = broadcastAndAwait(sender, "first", allPeers());
    long duplicatesOfFirst = totalDuplicates();
    assertTrue(delivered.get(0).contains(first));

    // Later broadcasts from the same source travel a pruned tree: fewer duplicates each.
    for (int round = 0; round < 5; round++) {
      broadcastAndAwait(sender, "warm-up " + round, allPeers());
    }
    long duplicatesBefore = totalDuplicates();
    broadcastAndAwait(sender, "after pruning", allPeers());
    long duplicatesOfLast = totalDuplicates() - duplicatesBefore;
    assertTrue(
        duplicatesOfLast < duplicatesOfFirst,
        "duplicates should fall: first " + duplicatesOfFirst + ", last " + duplicatesOfLast);

    // Four peers crash: their sockets close without a word to anyone. They are chosen so that the
    // survivors stay connected among themselves; a survivor whose every neighbour dies is
    // isolated until SCAMP's rejoin (10 s per attempt), which the simulator tests.
    List<Integer> victims = victimsThatLeaveSurvivorsConnected(4, List.of(0, 5));
    for (int victim : victims) {
      crashed.add(victim);
      runtimes.get(victim).close();
    }
    List<Integer> survivors = allPeers().stream().filter(i -> !crashed.contains(i)).toList();
    // Before the failure detector notices: eager pushes into the dead are lost, and the lazy
    // announcements plus grafts repair the tree.
    broadcastAndAwait(runtimes.get(0), "right after the crashes", survivors);

    // Once heartbeats have declared the dead failed, every view is free of them and the tree
    // still reaches everyone.
    Set<PeerId> dead =
        victims.stream().map(i -> runtimes.get(i).peerId()).collect(Collectors.toSet());
    Await.until(
        DEADLINE,
        () ->
            survivors.stream()
                .map(i -> status(runtimes.get(i)))
                .allMatch(
                    status ->
                        status.partialView().stream().noneMatch(dead::contains)
                            && status.inView().stream().noneMatch(dead::contains)),
        this::describe);
    broadcastAndAwait(runtimes.get(survivors.get(survivors.size() - 1)), "after repair", survivors);
  }

  /**
   * The first {@code count} peers (never one of {@code spared}), in index order of combinations,
   * whose removal leaves the survivors' neighbour graph (PartialView ∪ InView, both ways)
   * connected.
   */
  private List<Integer> victimsThatLeaveSurvivorsConnected(int count, List<Integer> spared) {
    List<Set<Integer>> neighbours = new ArrayList<>();
    for (UdpRuntime runtime : runtimes) {
      NodeStatus status = status(runtime);
      Set<Integer> adjacent = new HashSet<>();
      for (PeerId peer : status.partialView()) {
        adjacent.add(indexOf(peer));
      }
      for (PeerId peer : status.inView()) {
        adjacent.add(indexOf(peer));
      }
      neighbours.add(adjacent);
    }
    List<Integer> candidates = allPeers().stream().filter(i -> !spared.contains(i)).toList();
    int[] pick = new int[count];
    for (int i = 0; i < count; i++) {
      pick[i] = i;
    }
    while (true) {
      Set<Integer> victims = new TreeSet<>();
      for (int index : pick) {
        victims.add(candidates.get(index));
      }
      if (isConnectedWithout(neighbours, victims)) {
        return List.copyOf(victims);
      }
      int position = count - 1;
      while (position >= 0 && pick[position] == candidates.size() - count + position) {
        position--;
      }
      if (position < 0) {
        throw new AssertionError(
            "no " + count + " victims leave the rest connected\n" + describe());
      }
      pick[position]++;
      for (int i = position + 1; i < count; i++) {
        pick[i] = pick[i - 1] + 1;
      }
    }
  }

  private static boolean isConnectedWithout(List<Set<Integer>> neighbours, Set<Integer> removed) {
    List<Integer> alive =
        IntStream.range(0, neighbours.size()).filter(i -> !removed.contains(i)).boxed().toList();
    Set<Integer> reached = new HashSet<>();
    ArrayDeque<Integer> frontier = new ArrayDeque<>(List.of(alive.get(0)));
    reached.add(alive.get(0));
    while (!frontier.isEmpty()) {
      int current = frontier.poll();
      for (int next = 0; next < neighbours.size(); next++) {
        boolean isLinked =
            neighbours.get(current).contains(next) || neighbours.get(next).contains(current);
        if (isLinked && !removed.contains(next) && reached.add(next)) {
          frontier.add(next);
        }
      }
    }
    return reached.size() == alive.size();
  }

  private int indexOf(PeerId peer) {
    for (int i = 0; i < runtimes.size(); i++) {
      if (runtimes.get(i).peerId().equals(peer)) {
        return i;
      }
    }
    return -1;
  }

  private MessageId broadcastAndAwait(UdpRuntime from, String text, List<Integer> audience)
      throws Exception {
    MessageId id = from.broadcast(text.getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
    Await.until(
        DEADLINE,
        () -> audience.stream().allMatch(i -> delivered.get(i).contains(id)),
        () ->
            "'"
                + text
                + "' not delivered by "
                + audience.stream()
                    .filter(i -> !delivered.get(i).contains(id))
                    .collect(Collectors.toList())
                + "\n"
                + describe());
    return id;
  }

  private boolean everyViewIsNonEmpty() {
    for (UdpRuntime runtime : runtimes) {
      NodeStatus status = status(runtime);
      if (status.partialView().isEmpty() || status.inView().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private long totalDuplicates() {
    long sum = 0;
    for (int i = 0; i < runtimes.size(); i++) {
      if (!crashed.contains(i)) {
        sum += status(runtimes.get(i)).duplicateCount();
      }
    }
    return sum;
  }

  private String describe() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < runtimes.size(); i++) {
      if (!crashed.contains(i)) {
        out.append(i).append(": ").append(status(runtimes.get(i)).oneLine()).append('\n');
      }
    }
    return out.toString();
  }

  private static NodeStatus status(UdpRuntime runtime) {
    try {
      return runtime.status().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no status from " + runtime.peerId(), e);
    }
  }

  private static List<Integer> allPeers() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < PEERS; i++) {
      all.add(i);
    }
    return all;
  }
}
