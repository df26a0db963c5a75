package org.catdit.sim.broadcast;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.catdit.overlay.broadcast.BroadcastMode;
import org.catdit.overlay.broadcast.MessageIds;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.membership.Scamp;
import org.catdit.overlay.wire.Gossip;
import org.catdit.overlay.wire.Message;
import org.catdit.overlay.wire.MessageId;
import org.catdit.overlay.wire.MessageType;
import org.catdit.sim.Simulation;

/**
 * Runs B broadcasts over a joined overlay and measures each: reliability, RMR, LDH, latency,
 * control traffic, per-peer copies and duplicates, and, with a failure, what the survivors still
 * get. The broadcast mode (tree kind or flooding) is the peers' {@code
 * NodeConfig.broadcast().mode()}.
 *
 * <p>Timeline: broadcast k (0-based) is sent at start + k·T; with a failure, F of the peers crash
 * at once 1 ms before broadcast K+1 (1-based K), that is right after broadcast K had its interval
 * to spread. The run goes on for the drain time after the last broadcast, so repairs finish.
 *
 * <p>One experiment per simulation: it registers a network listener that cannot be removed and
 * replaces every node's delivery listener.
 */
public final class BroadcastExperiment {
  private static final long FAIL_LEAD_MICROS = 1_000;
  private static final double SETTLE_RMR_MARGIN = 0.05;

  private final Simulation sim;
  private final BroadcastScenario scenario;
  private final int peerCount;
  private final SplittableRandom random;
  private final boolean isFlood;

  private final Map<MessageId, Integer> broadcastOf = new HashMap<>();
  private final BitSet[] deliveredBy;
  private final long[] sendMicros;
  private final int[] senderOf;
  private final long[] payloadMessages;
  private final int[] lastDeliveryHop;
  private final Histogram[] latencyOf;
  private final Histogram latencyAll = newHistogram();
  private final BitSet[] reachableAt;
  private final int[] copiesPerPeer;
  private final int[] duplicatesPerPeer;
  private final int[] lastParent;
  private final int[] lastHops;
  private long controlMessages;
  private long payloadTotal;
  private int[] senderOrder;
  private int nextInOrder;
  private int singleSender = -1;
  private boolean hasCrashed;
  private int sent;

  public BroadcastExperiment(Simulation sim, BroadcastScenario scenario) {
    this.sim = sim;
    this.scenario = scenario;
    this.peerCount = sim.peerCount();
    if (peerCount < 2) {
      throw new IllegalArgumentException("a broadcast needs at least two peers");
    }
    this.random = new SplittableRandom(sim.seed() ^ 0x42524F4144L);
    this.isFlood = sim.node(0).broadcastTree().config().mode() == BroadcastMode.FLOOD;
    int b = scenario.broadcasts();
    deliveredBy = new BitSet[b];
    reachableAt = new BitSet[b];
    sendMicros = new long[b];
    senderOf = new int[b];
    payloadMessages = new long[b];
    lastDeliveryHop = new int[b];
    latencyOf = new Histogram[b];
    for (int k = 0; k < b; k++) {
      deliveredBy[k] = new BitSet(peerCount);
      latencyOf[k] = newHistogram();
    }
    copiesPerPeer = new int[peerCount];
    duplicatesPerPeer = new int[peerCount];
    lastParent = new int[peerCount];
    lastHops = new int[peerCount];
    java.util.Arrays.fill(lastParent, -1);
    java.util.Arrays.fill(lastHops, -1);
  }

  private static Histogram newHistogram() {
    return new Histogram(3_600_000_000L, 3);
  }

  /** Schedules the broadcasts (and the crash), runs the simulation through the drain, measures. */
  public BroadcastResult run() {
    for (int p = 0; p < peerCount; p++) {
      int peer = p;
      sim.node(p)
          .setDeliveryListener(
              (now, id, payload, from, hops) -> onDelivered(peer, now, id, from, hops));
    }
    sim.addDeliveryListener(this::onDatagram);
    chooseSenders();
    long start = sim.now() + 1;
    long interval = scenario.intervalMicros();
    for (int k = 0; k < scenario.broadcasts(); k++) {
      int index = k;
      sim.at(start + k * interval, () -> send(index));
    }
    if (scenario.hasFailure()) {
      long crashAt =
          start + scenario.failAfter() * interval - Math.min(FAIL_LEAD_MICROS, interval / 2);
      sim.at(crashAt, this::crash);
    }
    sim.runUntil(start + (scenario.broadcasts() - 1) * interval + scenario.drainMicros());
    return measure();
  }

  private void chooseSenders() {
    switch (scenario.senders()) {
      case SINGLE -> singleSender = random.nextInt(peerCount);
      case ALL -> {
        senderOrder = new int[peerCount];
        for (int i = 0; i < peerCount; i++) {
          senderOrder[i] = i;
        }
        for (int i = peerCount - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int swap = senderOrder[i];
          senderOrder[i] = senderOrder[j];
          senderOrder[j] = swap;
        }
      }
      case RANDOM -> {}
    }
  }

  private int nextSender() {
    switch (scenario.senders()) {
      case SINGLE -> {
        return singleSender;
      }
      case ALL -> {
        for (int tries = 0; tries < peerCount; tries++) {
          int candidate = senderOrder[nextInOrder++ % peerCount];
          if (sim.isAlive(candidate)) {
            return candidate;
          }
        }
        throw new IllegalStateException("no live peer left to send");
      }
      default -> {
        int candidate;
        do {
          candidate = random.nextInt(peerCount);
        } while (!sim.isAlive(candidate));
        return candidate;
      }
    }
  }

  private void send(int index) {
    int sender = nextSender();
    byte[] payload = new byte[scenario.payloadBytes()];
    ByteBuffer.wrap(payload).putLong(sim.seed()).putInt(index).putInt(sender);
    for (int i = 16; i < payload.length; i++) {
      payload[i] = (byte) random.nextInt(256);
    }
    MessageId id = MessageIds.of(payload);
    broadcastOf.put(id, index);
    sendMicros[index] = sim.now();
    senderOf[index] = sender;
    if (hasCrashed) {
      reachableAt[index] = reachableFrom(sender);
    }
    sent = index + 1;
    sim.node(sender).broadcast(sim.now(), payload);
  }

  private void crash() {
    int count = (int) Math.floor(scenario.failFraction() * peerCount);
    int[] order = new int[peerCount];
    for (int i = 0; i < peerCount; i++) {
      order[i] = i;
    }
    for (int i = peerCount - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int crashed = 0;
    for (int i = 0; i < peerCount && crashed < count; i++) {
      if (order[i] != singleSender && sim.isAlive(order[i])) {
        sim.crash(order[i]);
        crashed++;
      }
    }
    hasCrashed = true;
  }

  private void onDelivered(int peer, long nowMicros, MessageId id, PeerId from, int hops) {
    Integer index = broadcastOf.get(id);
    if (index == null) {
      return;
    }
    deliveredBy[index].set(peer);
    lastDeliveryHop[index] = Math.max(lastDeliveryHop[index], hops);
    if (hops > 0) {
      long latency = Math.max(0, nowMicros - sendMicros[index]);
      latencyOf[index].recordValue(latency);
      latencyAll.recordValue(latency);
    }
    if (index == scenario.broadcasts() - 1) {
      lastParent[peer] = hops > 0 ? sim.indexOf(from) : -1;
      lastHops[peer] = hops;
    }
  }

  private void onDatagram(long nowMicros, int from, int to, Message message) {
    MessageType type = message.type();
    if (type == MessageType.GOSSIP) {
      payloadTotal++;
      copiesPerPeer[to]++;
      Integer index = broadcastOf.get(((Gossip) message).id());
      if (index != null) {
        payloadMessages[index]++;
        if (deliveredBy[index].get(to)) {
          duplicatesPerPeer[to]++;
        }
      }
    } else if (type == MessageType.IHAVE
        || type == MessageType.IHAVE_ACK
        || type == MessageType.PRUNE
        || type == MessageType.GRAFT) {
      controlMessages++;
    }
  }

  /**
   * Live peers {@code sender} can reach over the links the protocol uses: PartialView and InView
   * (both are tree links, ADR 0002), or the PartialView alone for flooding.
   */
  private BitSet reachableFrom(int sender) {
    BitSet reached = new BitSet(peerCount);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    reached.set(sender);
    queue.add(sender);
    while (!queue.isEmpty()) {
      int peer = queue.poll();
      Scamp views = sim.node(peer).membership();
      visit(views.partialView(), reached, queue);
      if (!isFlood) {
        visit(views.inView(), reached, queue);
      }
    }
    return reached;
  }

  private void visit(List<PeerId> neighbours, BitSet reached, ArrayDeque<Integer> queue) {
    for (PeerId neighbour : neighbours) {
      int index = sim.indexOf(neighbour);
      if (index >= 0 && sim.isAlive(index) && !reached.get(index)) {
        reached.set(index);
        queue.add(index);
      }
    }
  }

  private BroadcastResult measure() {
    BitSet live = new BitSet(peerCount);
    for (int p = 0; p < peerCount; p++) {
      if (sim.isAlive(p)) {
        live.set(p);
      }
    }
    int liveCount = live.cardinality();
    List<BroadcastStats> stats = new ArrayList<>(sent);
    for (int k = 0; k < sent; k++) {
      BitSet deliveredLive = (BitSet) deliveredBy[k].clone();
      deliveredLive.and(live);
      int delivered = deliveredLive.cardinality();
      double reliability = (double) delivered / liveCount;
      boolean isAfterFailure = reachableAt[k] != null;
      double reachableFraction = 1;
      double reliabilityOfReachable = reliability;
      if (isAfterFailure) {
        BitSet reachable = (BitSet) reachableAt[k].clone();
        reachable.and(live);
        reachableFraction = (double) reachable.cardinality() / liveCount;
        BitSet reachedAndDelivered = (BitSet) reachable.clone();
        reachedAndDelivered.and(deliveredBy[k]);
        reliabilityOfReachable =
            (double) reachedAndDelivered.cardinality() / reachable.cardinality();
      }
      int receivers = deliveredBy[k].cardinality();
      double rmr = receivers > 1 ? (double) payloadMessages[k] / (receivers - 1) - 1 : Double.NaN;
      Histogram latency = latencyOf[k];
      boolean hasLatency = latency.getTotalCount() > 0;
      stats.add(
          new BroadcastStats(
              k,
              senderOf[k],
              sendMicros[k],
              delivered,
              liveCount,
              reliability,
              isAfterFailure,
              reachableFraction,
              reliabilityOfReachable,
              payloadMessages[k],
              rmr,
              lastDeliveryHop[k],
              hasLatency ? latency.getValueAtPercentile(50) / 1000.0 : 0,
              hasLatency ? latency.getValueAtPercentile(99) / 1000.0 : 0,
              hasLatency ? latency.getMaxValue() / 1000.0 : 0));
    }
    return summarize(stats, live, liveCount);
  }

  private BroadcastResult summarize(List<BroadcastStats> stats, BitSet live, int liveCount) {
    int count = stats.size();
    double reliabilityMin = 1;
    double reliabilitySum = 0;
    int before = 0;
    double afterMin = Double.NaN;
    double reachableMin = Double.NaN;
    double ofReachableMin = Double.NaN;
    int ldhMax = 0;
    for (BroadcastStats s : stats) {
      ldhMax = Math.max(ldhMax, s.lastDeliveryHop());
      if (s.isAfterFailure()) {
        afterMin = Double.isNaN(afterMin) ? s.reliability() : Math.min(afterMin, s.reliability());
        reachableMin =
            Double.isNaN(reachableMin)
                ? s.reachableFraction()
                : Math.min(reachableMin, s.reachableFraction());
        ofReachableMin =
            Double.isNaN(ofReachableMin)
                ? s.reliabilityOfReachable()
                : Math.min(ofReachableMin, s.reliabilityOfReachable());
      } else {
        reliabilityMin = Math.min(reliabilityMin, s.reliability());
        reliabilitySum += s.reliability();
        before++;
      }
    }
    double rmrSteady = meanRmr(stats, count / 2, count);
    double duplicatesSum = 0;
    for (int p = live.nextSetBit(0); p >= 0; p = live.nextSetBit(p + 1)) {
      duplicatesSum += duplicatesPerPeer[p];
    }
    return new BroadcastResult(
        count,
        reliabilityMin,
        before > 0 ? reliabilitySum / before : Double.NaN,
        stats.get(0).rmr(),
        rmrSteady,
        ldhMax,
        latencyAll.getValueAtPercentile(50) / 1000.0,
        latencyAll.getValueAtPercentile(99) / 1000.0,
        payloadTotal > 0 ? (double) controlMessages / payloadTotal : 0,
        duplicatesSum / liveCount / count,
        afterMin,
        reachableMin,
        ofReachableMin,
        settleBroadcasts(stats),
        latencyAll.getMaxValue() / 1000.0,
        stats,
        copiesPerPeer,
        duplicatesPerPeer);
  }

  private static double meanRmr(List<BroadcastStats> stats, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int k = from; k < to; k++) {
      double rmr = stats.get(k).rmr();
      if (!Double.isNaN(rmr)) {
        sum += rmr;
        n++;
      }
    }
    return n > 0 ? sum / n : Double.NaN;
  }

  /**
   * Broadcasts after the failure before every later one reached all reachable survivors with RMR
   * within {@value #SETTLE_RMR_MARGIN} of the mean RMR over the second half of the broadcasts
   * before the failure.
   */
  private int settleBroadcasts(List<BroadcastStats> stats) {
    if (!scenario.hasFailure()) {
      return -1;
    }
    int firstAfter = scenario.failAfter();
    double bound = meanRmr(stats, firstAfter / 2, firstAfter) + SETTLE_RMR_MARGIN;
    int settledFrom = stats.size();
    for (int k = stats.size() - 1; k >= firstAfter; k--) {
      BroadcastStats s = stats.get(k);
      if (s.reliabilityOfReachable() < 1 || !(s.rmr() <= bound)) {
        break;
      }
      settledFrom = k;
    }
    return settledFrom == stats.size() ? -1 : settledFrom - firstAfter;
  }

  /** How the last broadcast spread: the tree its first copies travelled. */
  public DeliveryTree lastTree() {
    return new DeliveryTree(senderOf[Math.max(0, sent - 1)], lastParent, lastHops);
  }

  public Simulation simulation() {
    return sim;
  }
}
