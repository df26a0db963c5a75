package org.catdit.net;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.catdit.overlay.core.PeerId;

/**
 * Joins a node that was given no contact through a peer LAN discovery finds, and keeps looking
 * while none answers. Once a second it asks the node whether it has neighbours (that is what its
 * beacons then say) and, if it has none and no join is under way, joins through the first
 * discovered peer that is a member already; failing that, through the first lone peer whose id is
 * lower than its own. So two lone peers started together never cross (the higher joins the lower,
 * which waits: a join to a peer whose own join is in flight is lost), and a lone peer next to an
 * overlay joins the overlay. The discovered id is the expected peer, so the link handshake proves
 * the id a beacon claimed. A peer that failed is not tried again for {@link #RETRY_AFTER}; the
 * table of such peers is bounded.
 */
public final class DiscoveryJoiner implements AutoCloseable {
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);
  static final Duration JOIN_TIMEOUT = Duration.ofSeconds(15);
  static final long TICK_MILLIS = 1000;
  static final int MAX_FAILED_PEERS = 256;

  private final UdpRuntime runtime;
  private final BiConsumer<DiscoveredPeer, Throwable> outcome;
  private final ScheduledExecutorService executor;
  private final Map<PeerId, Long> failedAtMillis = new LinkedHashMap<>();
  private volatile LanDiscovery discovery;
  private volatile boolean isMember;
  private final boolean shouldJoin;
  private boolean isJoining;

  /**
   * @param outcome told of each join attempt's end: the peer, and null on success or the failure
   */
  private DiscoveryJoiner(
      UdpRuntime runtime, boolean shouldJoin, BiConsumer<DiscoveredPeer, Throwable> outcome) {
    this.runtime = runtime;
    this.shouldJoin = shouldJoin;
    this.outcome = outcome;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "catdit-discovery-join");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts LAN discovery for {@code runtime}'s node and, if {@code shouldJoin} (the node was given
   * no contact), joins through what it finds; {@code outcome} is told of each join attempt's end
   * (the peer, and null on success or the failure). Without {@code shouldJoin} it only beacons.
   */
  public static DiscoveryJoiner start(
      UdpRuntime runtime,
      LanDiscovery.Settings settings,
      boolean shouldJoin,
      BiConsumer<DiscoveredPeer, Throwable> outcome)
      throws IOException {
    DiscoveryJoiner joiner = new DiscoveryJoiner(runtime, shouldJoin, outcome);
    try {
      joiner.discovery =
          LanDiscovery.start(
              settings,
              runtime.peerId(),
              runtime.localAddress().getPort(),
              () -> joiner.isMember,
              peer -> {});
    } catch (IOException | RuntimeException e) {
      joiner.executor.shutdownNow();
      throw e;
    }
    joiner.executor.scheduleWithFixedDelay(
        joiner::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return joiner;
  }

  public LanDiscovery discovery() {
    return discovery;
  }

  /** Whether the node had neighbours at the last look (by its own join or others joining it). */
  public boolean isMember() {
    return isMember;
  }

  private void tick() {
    NodeStatus status;
    try {
      status = runtime.status().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return; // The runtime is closing.
    }
    isMember = !status.partialView().isEmpty() || !status.inView().isEmpty();
    if (isMember || isJoining || !shouldJoin) {
      return;
    }
    DiscoveredPeer candidate = nextCandidate();
    if (candidate == null) {
      return;
    }
    isJoining = true;
    runtime
        .join(candidate.address(), candidate.peer())
        .orTimeout(JOIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
        .whenCompleteAsync(
            (joined, failure) -> {
              isJoining = false;
              if (failure != null) {
                remember(candidate.peer());
              }
              outcome.accept(candidate, failure);
            },
            executor);
  }

  private DiscoveredPeer nextCandidate() {
    long now = System.nanoTime() / 1_000_000;
    DiscoveredPeer lone = null;
    for (DiscoveredPeer peer : discovery.discovered()) {
      Long failedAt = failedAtMillis.get(peer.peer());
      if (failedAt != null && now - failedAt < RETRY_AFTER.toMillis()) {
        continue;
      }
      if (peer.isMember()) {
        return peer;
      }
      if (lone == null && peer.peer().compareTo(runtime.peerId()) < 0) {
        lone = peer;
      }
    }
    return lone;
  }

  private void remember(PeerId peer) {
    failedAtMillis.remove(peer);
    if (failedAtMillis.size() >= MAX_FAILED_PEERS) {
      failedAtMillis.remove(failedAtMillis.keySet().iterator().next());
    }
    failedAtMillis.put(peer, System.nanoTime() / 1_000_000);
  }

  @Override
  public void close() throws InterruptedException {
    if (discovery != null) {
      discovery.close();
    }
    executor.shutdownNow();
    executor.awaitTermination(2, TimeUnit.SECONDS);
  }
}
