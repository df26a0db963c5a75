package org.catdit.ledger.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import org.catdit.ledger.EquivocationProof;
import org.catdit.ledger.Hash;
import org.catdit.ledger.IngestResult;
import org.catdit.ledger.Ledger;
import org.catdit.ledger.LedgerListener;
import org.catdit.ledger.MalformedTransitionException;
import org.catdit.ledger.Transition;
import org.catdit.overlay.core.Environment;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.core.Protocol;
import org.catdit.overlay.node.Node;
import org.catdit.overlay.wire.LedgerEquivocation;
import org.catdit.overlay.wire.LedgerLimits;
import org.catdit.overlay.wire.LedgerReconcile;
import org.catdit.overlay.wire.LedgerTransitions;
import org.catdit.overlay.wire.LedgerWant;
import org.catdit.overlay.wire.Message;
import org.catdit.overlay.wire.MessageId;
import org.catdit.overlay.wire.ReconcileRange;

/**
 * Keeps this peer's {@link Ledger} in step with the network, sans-I/O, in three layers (see
 * docs/ledger.md, "Sync protocol"):
 *
 * <ol>
 *   <li>push: a new transition travels the broadcast tree as payload {@code 0x01 || encoded};
 *   <li>pull: a transition whose dependencies are missing makes us want them from the neighbour
 *       that delivered it, then from other neighbours, with a deadline per ask and a bounded table;
 *   <li>anti-entropy: every few seconds, range-based set reconciliation (Negentropy-style
 *       fingerprints over the sorted id set) with one random neighbour; this also brings a newly
 *       joined or long-partitioned peer up to date.
 * </ol>
 *
 * <p>Single-threaded on the node's loop; acts only through the {@link Environment}.
 */
public final class LedgerSync implements Protocol {
  /** See {@link #ingestingFrom()}. */
  private PeerId ingestingFrom;

  /** While a peer has no neighbour, its reconciliation tick comes this many times an interval. */
  private static final int NO_NEIGHBOUR_POLLS = 20;

  /** First byte of a broadcast payload that carries one transition. */
  public static final byte PAYLOAD_TRANSITION = 0x01;

  /** The message codes this protocol owns (see {@code MessageType}). */
  public static final int FIRST_CODE = 32;

  public static final int LAST_CODE = 47;

  private static final int MAX_PROOFS_REMEMBERED = 1024;
  private static final int MAX_PEER_COUNTS = 64;
  private static final int MAX_FORMER_PEERS = 32;

  /** One reconciliation in this many goes to a remembered peer rather than a current neighbour. */
  private static final int FORMER_PEER_EVERY = 4;

  private static final byte[] LOWEST_ID = new byte[LedgerLimits.ID_BYTES];

  private final Environment env;
  private final SyncOverlay overlay;
  private final Ledger ledger;
  private final SyncConfig config;
  private final SyncCounters counters = new SyncCounters();
  private final Map<Hash, Fetch> fetches = new LinkedHashMap<>();
  private final Set<String> forwardedProofs = new LinkedHashSet<>();
  private final Map<PeerId, Long> peerCounts = new LinkedHashMap<>();

  /**
   * Peers we exchanged ledger messages with recently (LRU, bounded). Every few rounds we reconcile
   * with one of them even if it left our views: after a partition longer than the membership's
   * failure timeout the overlay itself may stay split (SCAMP drops the unreachable side), and these
   * remembered peers are how the two ledgers still meet again.
   */
  private final LinkedHashSet<PeerId> formerPeers = new LinkedHashSet<>();

  private boolean isStarted;

  /** One id being fetched: whom we asked and until when we wait. */
  private static final class Fetch {
    final List<PeerId> asked = new ArrayList<>();
    int attempts;
    long deadlineMicros;
  }

  /** Have and total (best known) transitions, for a catch-up bar. */
  public record Progress(long have, long total) {
    public boolean isCaughtUp() {
      return have >= total;
    }
  }

  public LedgerSync(Environment env, SyncOverlay overlay, Ledger ledger, SyncConfig config) {
    this.env = Objects.requireNonNull(env);
    this.overlay = Objects.requireNonNull(overlay);
    this.ledger = Objects.requireNonNull(ledger);
    this.config = Objects.requireNonNull(config);
    ledger.addListener(
        new LedgerListener() {
          @Override
          public void onAccepted(Transition transition) {
            fetches.remove(transition.id());
          }

          @Override
          public void onEquivocation(EquivocationProof proof) {
            forwardProof(proof);
          }
        });
  }

  /**
   * Creates the protocol for {@code node}, attaches it to codes 32-47 and to broadcast deliveries.
   * Call before {@code node.start}, or call {@link #start} yourself.
   */
  public static LedgerSync attach(Environment env, Node node, Ledger ledger, SyncConfig config) {
    LedgerSync sync = new LedgerSync(env, SyncOverlay.of(node), ledger, config);
    node.attach(FIRST_CODE, LAST_CODE, sync);
    node.addDeliveryListener(sync::onBroadcastDelivered);
    node.addJoinListener(sync::onJoining);
    return sync;
  }

  /**
   * A peer joining through {@code contact} reconciles with it at once: the contact is the one peer
   * it already has a session with, while its membership views wait for the subscription's random
   * walk, which a crashed peer on the way can lose for 4-10 s (docs/simulator.md). Catching up does
   * not wait for that.
   */
  private void onJoining(long nowMicros, PeerId contact) {
    if (config.isReconciling()) {
      reconcileNow(nowMicros, contact);
    }
  }

  @Override
  public void start(long nowMicros) {
    if (isStarted) {
      return;
    }
    isStarted = true;
    env.schedule(config.fetchTimeoutMicros() / 4, this::onFetchTick);
    if (config.isReconciling()) {
      // A random phase, so peers do not all reconcile in the same instant.
      env.schedule(
          1 + env.random().nextLong(config.reconcileIntervalMicros()), this::onReconcileTick);
    }
  }

  /** Broadcasts this peer's own new transition (already in the ledger, see Ledger.author). */
  public void publish(long nowMicros, Transition transition) {
    byte[] encoded = transition.encoded();
    byte[] payload = new byte[encoded.length + 1];
    payload[0] = PAYLOAD_TRANSITION;
    System.arraycopy(encoded, 0, payload, 1, encoded.length);
    counters.published++;
    overlay.broadcast(nowMicros, payload);
  }

  /** For the node's delivery listeners: takes payloads of kind 0x01, ignores every other kind. */
  public void onBroadcastDelivered(
      long nowMicros, MessageId id, byte[] payload, PeerId from, int hops) {
    if (payload.length == 0 || payload[0] != PAYLOAD_TRANSITION) {
      return;
    }
    if (from.equals(env.self())) {
      return; // our own publish, already in the ledger
    }
    counters.pushesReceived++;
    receive(nowMicros, from, Arrays.copyOfRange(payload, 1, payload.length), true);
  }

  @Override
  public void onMessage(long nowMicros, PeerId from, Message message) {
    remember(from);
    if (message instanceof LedgerWant want) {
      onWant(from, want);
    } else if (message instanceof LedgerTransitions transitions) {
      for (byte[] encoded : transitions.transitions()) {
        receive(nowMicros, from, encoded, false);
      }
      fetchMissing(nowMicros, from);
    } else if (message instanceof LedgerReconcile reconcile) {
      onReconcile(nowMicros, from, reconcile);
    } else if (message instanceof LedgerEquivocation proof) {
      counters.proofsReceived++;
      receive(nowMicros, from, proof.first(), false);
      receive(nowMicros, from, proof.second(), false);
      fetchMissing(nowMicros, from);
    }
  }

  @Override
  public void onPeerFailed(long nowMicros, PeerId peer) {
    peerCounts.remove(peer);
    formerPeers.remove(peer);
  }

  /**
   * While the ledger's listeners run for a transition this peer received: the peer it came from (by
   * broadcast, reconciliation or a want), which holds its post's picture or is fetching it; null
   * otherwise (a transition this peer authored, or restored).
   */
  public PeerId ingestingFrom() {
    return ingestingFrom;
  }

  /** Decodes and ingests one transition; for a push, asks the sender for what it lacks at once. */
  private void receive(long nowMicros, PeerId from, byte[] encoded, boolean isPush) {
    counters.transitionsReceived++;
    Transition transition;
    try {
      transition = Transition.decode(encoded);
    } catch (MalformedTransitionException e) {
      counters.malformed++;
      return;
    }
    IngestResult result;
    ingestingFrom = from;
    try {
      result = ledger.ingest(transition);
    } finally {
      ingestingFrom = null;
    }
    switch (result.status()) {
      case ACCEPTED -> counters.accepted += result.accepted().size();
      case DUPLICATE -> counters.duplicates++;
      case REJECTED -> counters.rejected++;
      case DROPPED -> counters.dropped++;
      case WAITING -> {
        if (isPush) {
          want(nowMicros, from, result.missing());
        }
      }
    }
  }

  /**
   * After a batch: want every still-missing id we are not fetching yet, from the batch's sender.
   */
  private void fetchMissing(long nowMicros, PeerId from) {
    want(nowMicros, from, ledger.missing());
  }

  private void want(long nowMicros, PeerId from, List<Hash> ids) {
    List<byte[]> batch = new ArrayList<>();
    for (Hash id : ids) {
      if (ledger.contains(id) || ledger.isWaiting(id) || fetches.containsKey(id)) {
        continue;
      }
      if (fetches.size() >= config.maxPendingFetches()) {
        counters.fetchesRefused++;
        continue;
      }
      Fetch fetch = new Fetch();
      fetch.asked.add(from);
      fetch.attempts = 1;
      fetch.deadlineMicros = nowMicros + config.fetchTimeoutMicros();
      fetches.put(id, fetch);
      batch.add(id.bytes());
      if (batch.size() == LedgerLimits.MAX_IDS_PER_WANT) {
        sendWant(from, batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      sendWant(from, batch);
    }
  }

  private void sendWant(PeerId to, List<byte[]> ids) {
    counters.wantsSent++;
    counters.idsWanted += ids.size();
    env.send(to, new LedgerWant(ids));
  }

  private void onFetchTick(long nowMicros) {
    Map<PeerId, List<byte[]>> retries = new LinkedHashMap<>();
    Iterator<Map.Entry<Hash, Fetch>> it = fetches.entrySet().iterator();
    List<Hash> givenUp = new ArrayList<>();
    List<PeerId> neighbours = overlay.neighbours();
    while (it.hasNext()) {
      Map.Entry<Hash, Fetch> entry = it.next();
      Hash id = entry.getKey();
      Fetch fetch = entry.getValue();
      if (ledger.contains(id) || ledger.isWaiting(id)) {
        it.remove();
        continue;
      }
      if (fetch.deadlineMicros > nowMicros) {
        continue;
      }
      if (fetch.attempts >= config.fetchAttempts() || neighbours.isEmpty()) {
        it.remove();
        givenUp.add(id);
        continue;
      }
      PeerId next = pickUnasked(neighbours, fetch.asked);
      fetch.asked.add(next);
      fetch.attempts++;
      fetch.deadlineMicros = nowMicros + config.fetchTimeoutMicros();
      counters.fetchRetries++;
      retries.computeIfAbsent(next, k -> new ArrayList<>()).add(id.bytes());
    }
    for (Hash id : givenUp) {
      counters.fetchesGivenUp++;
      // Frees the waiting set; reconciliation brings the whole chain again later.
      ledger.dropWaitersFor(id);
    }
    for (Map.Entry<PeerId, List<byte[]>> entry : retries.entrySet()) {
      List<byte[]> ids = entry.getValue();
      for (int from = 0; from < ids.size(); from += LedgerLimits.MAX_IDS_PER_WANT) {
        sendWant(
            entry.getKey(),
            ids.subList(from, Math.min(ids.size(), from + LedgerLimits.MAX_IDS_PER_WANT)));
      }
    }
    env.schedule(config.fetchTimeoutMicros() / 4, this::onFetchTick);
  }

  private PeerId pickUnasked(List<PeerId> neighbours, List<PeerId> asked) {
    List<PeerId> fresh = new ArrayList<>();
    for (PeerId peer : neighbours) {
      if (!asked.contains(peer)) {
        fresh.add(peer);
      }
    }
    List<PeerId> pool = fresh.isEmpty() ? neighbours : fresh;
    return pool.get(env.random().nextInt(pool.size()));
  }

  private void onWant(PeerId from, LedgerWant want) {
    counters.wantsReceived++;
    List<Transition> found = new ArrayList<>();
    for (byte[] raw : want.ids()) {
      ledger.get(Hash.of(raw)).ifPresentOrElse(found::add, () -> counters.wantsUnknown++);
    }
    counters.transitionsServed += found.size();
    sendTransitions(from, found);
  }

  /** Sends transitions oldest-looking first (author's sequence, then time), in bounded messages. */
  private void sendTransitions(PeerId to, List<Transition> transitions) {
    List<Transition> ordered = new ArrayList<>(transitions);
    ordered.sort(
        Comparator.comparingLong(Transition::timestampMillis)
            .thenComparingLong(Transition::sequence)
            .thenComparing(Transition::id));
    List<byte[]> batch = new ArrayList<>();
    int bytes = 0;
    for (Transition transition : ordered) {
      byte[] encoded = transition.encoded();
      if (!batch.isEmpty()
          && (batch.size() == LedgerLimits.MAX_TRANSITIONS_PER_MESSAGE
              || bytes + encoded.length > LedgerLimits.MAX_TRANSITION_BYTES_PER_MESSAGE)) {
        env.send(to, new LedgerTransitions(batch));
        batch = new ArrayList<>();
        bytes = 0;
      }
      batch.add(encoded);
      bytes += encoded.length;
    }
    if (!batch.isEmpty()) {
      env.send(to, new LedgerTransitions(batch));
    }
  }

  // ---- Reconciliation ----

  private void onReconcileTick(long nowMicros) {
    List<PeerId> neighbours = overlay.neighbours();
    boolean isFormer =
        !formerPeers.isEmpty()
            && (neighbours.isEmpty() || env.random().nextInt(FORMER_PEER_EVERY) == 0);
    List<PeerId> pool = isFormer ? new ArrayList<>(formerPeers) : neighbours;
    long interval = config.reconcileIntervalMicros();
    if (pool.isEmpty()) {
      // Nobody to reconcile with yet (a peer still joining): look again soon, so that a new peer
      // starts catching up as soon as it has a neighbour, not up to a whole interval later (an
      // empty node took 0.6-1.6 s from its start to its first reconciliation on loopback).
      env.schedule(Math.max(1, interval / NO_NEIGHBOUR_POLLS), this::onReconcileTick);
      return;
    }
    reconcileNow(nowMicros, pool.get(env.random().nextInt(pool.size())));
    // Jitter of +-25 % keeps peers from falling into step.
    env.schedule(interval * 3 / 4 + env.random().nextLong(interval / 2 + 1), this::onReconcileTick);
  }

  /** Opens a reconciliation with {@code partner} now, outside the periodic schedule. */
  public void reconcileNow(long nowMicros, PeerId partner) {
    counters.reconciliationsOpened++;
    List<ReconcileRange> opening = new ArrayList<>();
    describe(LOWEST_ID, null, opening);
    sendRanges(partner, 0, opening);
  }

  /** Appends our description of [lower, upper): an id list if small, else split fingerprints. */
  private void describe(byte[] lower, byte[] upper, List<ReconcileRange> out) {
    List<Hash> ids = new ArrayList<>(range(lower, upper));
    if (ids.size() <= config.idListThreshold()) {
      out.add(new ReconcileRange(lower, upper, null, toBytes(ids)));
      return;
    }
    int fanout = config.splitFanout();
    byte[] from = lower;
    for (int part = 1; part <= fanout; part++) {
      int end = part == fanout ? ids.size() : (int) ((long) part * ids.size() / fanout);
      int start = (int) ((long) (part - 1) * ids.size() / fanout);
      byte[] to = part == fanout ? upper : ids.get(end).bytes();
      RangeFingerprint fingerprint = new RangeFingerprint();
      for (int i = start; i < end; i++) {
        fingerprint.add(ids.get(i));
      }
      out.add(new ReconcileRange(from, to, fingerprint.value(), null));
      from = to;
    }
  }

  private NavigableSet<Hash> range(byte[] lower, byte[] upper) {
    NavigableSet<Hash> ids = ledger.ids();
    Hash low = Hash.of(lower);
    return upper == null ? ids.tailSet(low, true) : ids.subSet(low, true, Hash.of(upper), false);
  }

  private void onReconcile(long nowMicros, PeerId from, LedgerReconcile message) {
    counters.reconcileMessagesReceived++;
    rememberCount(from, message.senderCount());
    List<ReconcileRange> reply = new ArrayList<>();
    List<Transition> theyLack = new ArrayList<>();
    List<Hash> weLack = new ArrayList<>();
    for (ReconcileRange range : message.ranges()) {
      if (range.upper() != null && Arrays.compareUnsigned(range.lower(), range.upper()) >= 0) {
        continue; // empty or inverted: nothing to compare
      }
      NavigableSet<Hash> ours = range(range.lower(), range.upper());
      if (range.isIdList()) {
        Set<Hash> theirs = new HashSet<>();
        for (byte[] raw : range.ids()) {
          Hash id = Hash.of(raw);
          theirs.add(id);
          if (!ours.contains(id)) {
            weLack.add(id);
          }
        }
        boolean isCapped = false;
        for (Hash id : ours) {
          if (theirs.contains(id)) {
            continue;
          }
          if (theyLack.size() >= config.maxTransitionsPerReply()) {
            isCapped = true;
            break;
          }
          theyLack.add(ledger.get(id).orElseThrow());
        }
        if (isCapped) {
          // More than one burst: describe the range again, so the next round (one round trip
          // later, when they hold this burst) continues where this one stopped.
          describe(range.lower(), range.upper(), reply);
        }
      } else {
        RangeFingerprint fingerprint = new RangeFingerprint();
        ours.forEach(fingerprint::add);
        if (!Arrays.equals(fingerprint.value(), range.fingerprint())) {
          describe(range.lower(), range.upper(), reply);
        }
      }
    }
    counters.transitionsSentByReconcile += theyLack.size();
    sendTransitions(from, theyLack);
    want(nowMicros, from, weLack);
    if (!reply.isEmpty()) {
      if (message.round() >= LedgerLimits.MAX_RECONCILE_ROUND) {
        counters.reconcileRoundLimitHits++;
      } else {
        sendRanges(from, message.round() + 1, reply);
      }
    }
  }

  /** Sends ranges in as many messages as the range and id limits need. */
  private void sendRanges(PeerId to, int round, List<ReconcileRange> ranges) {
    List<ReconcileRange> batch = new ArrayList<>();
    int ids = 0;
    for (ReconcileRange range : ranges) {
      int rangeIds = range.isIdList() ? range.ids().size() : 0;
      if (!batch.isEmpty()
          && (batch.size() == LedgerLimits.MAX_RANGES_PER_RECONCILE
              || ids + rangeIds > LedgerLimits.MAX_IDS_PER_RECONCILE)) {
        send(to, round, batch);
        batch = new ArrayList<>();
        ids = 0;
      }
      batch.add(range);
      ids += rangeIds;
    }
    if (!batch.isEmpty()) {
      send(to, round, batch);
    }
  }

  private void send(PeerId to, int round, List<ReconcileRange> ranges) {
    counters.reconcileMessagesSent++;
    env.send(to, new LedgerReconcile(round, Math.min(ledger.size(), 0xFFFF_FFFFL), ranges));
  }

  private void remember(PeerId peer) {
    formerPeers.remove(peer);
    formerPeers.add(peer);
    if (formerPeers.size() > MAX_FORMER_PEERS) {
      Iterator<PeerId> oldest = formerPeers.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  private void rememberCount(PeerId peer, long count) {
    peerCounts.remove(peer);
    peerCounts.put(peer, count);
    if (peerCounts.size() > MAX_PEER_COUNTS) {
      Iterator<PeerId> oldest = peerCounts.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  // ---- Equivocation proofs ----

  /** Forwards a proof of a new earliest fork to every neighbour, once per (author, sequence). */
  private void forwardProof(EquivocationProof proof) {
    Long excludedFrom = ledger.excludedAuthors().get(proof.author());
    if (excludedFrom == null || excludedFrom != proof.sequence()) {
      return;
    }
    String key = proof.author().hex() + "#" + proof.sequence();
    if (!forwardedProofs.add(key)) {
      return;
    }
    if (forwardedProofs.size() > MAX_PROOFS_REMEMBERED) {
      Iterator<String> oldest = forwardedProofs.iterator();
      oldest.next();
      oldest.remove();
    }
    LedgerEquivocation message =
        new LedgerEquivocation(proof.first().encoded(), proof.second().encoded());
    for (PeerId neighbour : overlay.neighbours()) {
      counters.proofsForwarded++;
      env.send(neighbour, message);
    }
  }

  // ---- Queries ----

  /**
   * Have: transitions held. Total: the most any recently heard neighbour said it holds, or what we
   * hold plus what we know we lack, whichever is larger.
   */
  public Progress progress() {
    long have = ledger.size();
    long total = have + ledger.missing().size() + ledger.waitingCount();
    for (long count : peerCounts.values()) {
      total = Math.max(total, count);
    }
    return new Progress(have, total);
  }

  public SyncCounters counters() {
    return counters;
  }

  /** Ids being fetched right now. */
  public int pendingFetches() {
    return fetches.size();
  }

  public SyncConfig config() {
    return config;
  }

  private static List<byte[]> toBytes(List<Hash> ids) {
    List<byte[]> out = new ArrayList<>(ids.size());
    for (Hash id : ids) {
      out.add(id.bytes());
    }
    return out;
  }
}
