package org.catdit.ledger.sync;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.catdit.ledger.Hash;
import org.catdit.overlay.core.Environment;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.core.Protocol;
import org.catdit.overlay.wire.BlobBusy;
import org.catdit.overlay.wire.BlobChunk;
import org.catdit.overlay.wire.BlobHave;
import org.catdit.overlay.wire.BlobLimits;
import org.catdit.overlay.wire.BlobNotHave;
import org.catdit.overlay.wire.BlobRequest;
import org.catdit.overlay.wire.Message;

/**
 * Picture (blob) transfer, sans-I/O: fetches wanted blobs chunk by chunk from neighbours and serves
 * the blobs this peer holds. Every peer keeps every picture, so each post's picture is fetched when
 * the post arrives, first from the neighbour that delivered it (which, having forwarded the post,
 * holds the picture or is fetching it).
 *
 * <p>Fetching: a want list (bounded) feeds at most {@code maxActiveFetches} active fetches. Each
 * active fetch asks one source at a time, with up to {@code windowChunks} chunk requests in flight
 * per source, each with a deadline. A source that answers NOT_HAVE or BUSY, times out repeatedly or
 * fails is replaced by the next candidate: the preferred source, peers that announced the blob
 * (BLOB_HAVE), then the current neighbours. When every candidate was tried, the fetch waits
 * (doubling back-off) and starts a new round; a peer that was asked too early sends BLOB_HAVE once
 * it holds the blob, which ends the wait. A finished blob is hashed by the repository before it
 * becomes visible; on a mismatch the data is discarded, the peers that sent it are avoided, and the
 * blob is fetched again. Chunks are written to the repository as they arrive, so a restarted peer
 * resumes from the chunks it holds ({@link #start} re-wants every partial blob).
 *
 * <p>Serving: requests wait in a bounded queue per peer (bounded number of peers) and are served
 * round-robin under a token bucket ({@code serveBytesPerSecond}), so picture uploads never take the
 * whole uplink; requests beyond the bounds get BUSY, requests for blobs not held get NOT_HAVE, and
 * requests outside a blob are dropped and counted. The runtime sends chunks on a low-priority bulk
 * stream of the link, behind membership and broadcast traffic.
 */
public final class BlobTransfer implements Protocol {
  /** The message codes blob transfer owns (see {@code MessageType}). */
  public static final int FIRST_CODE = 64;

  public static final int LAST_CODE = 79;

  /** Peers remembered per fetch for each role (tried this round, asked, announced the blob). */
  static final int MAX_PEERS_PER_WANT = 64;

  private final Environment env;
  private final BlobTransferConfig config;
  private final BlobRepository repository;
  private final Supplier<List<PeerId>> neighbours;
  private final BlobTransferCounters counters = new BlobTransferCounters();
  private BlobTransferListener listener = (now, hash) -> {};

  private final Map<Hash, Want> wants = new HashMap<>(); // lookup only, never iterated
  private final TreeSet<Want> queued =
      new TreeSet<>(
          Comparator.comparingLong((Want w) -> w.notBeforeMicros).thenComparingLong(w -> w.seq));
  private final LinkedHashMap<Hash, Want> active = new LinkedHashMap<>();
  private final Map<PeerId, Integer> inFlightBySource = new HashMap<>(); // lookup only
  private final LinkedHashSet<PeerId> suspects = new LinkedHashSet<>();
  private final LinkedHashMap<Hash, LinkedHashSet<PeerId>> waiters = new LinkedHashMap<>();

  private final LinkedHashMap<PeerId, ArrayDeque<BlobRequest>> serveQueues = new LinkedHashMap<>();
  private long serveTokens;
  private long tokensAtMicros;
  private long drainTimer = -1;
  private long tickTimer = -1;
  private long nextSeq;

  /** One wanted blob. */
  private static final class Want {
    final Hash hash;
    final long byteSize;
    final int chunkCount;
    final long seq;
    PeerId preferred;
    long notBeforeMicros;
    long retryMicros;
    PeerId source;
    int consecutiveTimeouts;
    int corruptCompletions;
    final BitSet needed = new BitSet(); // neither held nor in flight
    final LinkedHashMap<Integer, Long> inFlight = new LinkedHashMap<>(); // chunk -> deadline
    final LinkedHashSet<PeerId> tried = new LinkedHashSet<>();
    final LinkedHashSet<PeerId> asked = new LinkedHashSet<>();
    final LinkedHashSet<PeerId> contributors = new LinkedHashSet<>();
    final LinkedHashSet<PeerId> excluded = new LinkedHashSet<>();
    final LinkedHashSet<PeerId> announced = new LinkedHashSet<>();

    Want(Hash hash, long byteSize, long seq, PeerId preferred, long retryMicros) {
      this.hash = hash;
      this.byteSize = byteSize;
      this.chunkCount = BlobLimits.chunkCount(byteSize);
      this.seq = seq;
      this.preferred = preferred;
      this.retryMicros = retryMicros;
    }
  }

  /**
   * @param neighbours the peers to ask when the preferred source fails: the current neighbours
   *     (both membership views); called on the peer's thread whenever a new source is needed
   */
  public BlobTransfer(
      Environment env,
      BlobTransferConfig config,
      BlobRepository repository,
      Supplier<List<PeerId>> neighbours) {
    this.env = Objects.requireNonNull(env);
    this.config = Objects.requireNonNull(config);
    this.repository = Objects.requireNonNull(repository);
    this.neighbours = Objects.requireNonNull(neighbours);
    this.serveTokens = config.serveBurstBytes();
  }

  public void setListener(BlobTransferListener listener) {
    this.listener = Objects.requireNonNull(listener);
  }

  /** Resumes every partial blob the repository holds (a restarted peer finishes what it began). */
  @Override
  public void start(long nowMicros) {
    tokensAtMicros = nowMicros;
    for (Hash hash : repository.partials()) {
      long size = repository.partialSize(hash);
      if (size > 0 && !wants.containsKey(hash) && wants.size() < config.maxWantedBlobs()) {
        addWant(nowMicros, hash, size, null);
      }
    }
    pump(nowMicros);
  }

  /**
   * Wants blob {@code hash} of {@code byteSize} bytes; asks {@code preferredSource} (the neighbour
   * that delivered the post; may be null) first. Asking again for a wanted blob merges the two.
   *
   * @return true if the blob is held or now wanted; false if refused (want list full, or size out
   *     of range): ask again later
   */
  public boolean fetch(long nowMicros, Hash hash, long byteSize, PeerId preferredSource) {
    Objects.requireNonNull(hash);
    if (byteSize < 1 || byteSize > BlobLimits.MAX_BLOB_BYTES) {
      counters.fetchesRefused++;
      return false;
    }
    if (repository.isComplete(hash)) {
      return true;
    }
    Want existing = wants.get(hash);
    if (existing != null) {
      if (preferredSource != null && !preferredSource.equals(env.self())) {
        announce(nowMicros, existing, preferredSource);
      }
      return true;
    }
    if (wants.size() >= config.maxWantedBlobs()) {
      counters.fetchesRefused++;
      return false;
    }
    addWant(nowMicros, hash, byteSize, preferredSource);
    pump(nowMicros);
    return true;
  }

  /** Whether a complete, verified copy is held. */
  public boolean isHeld(Hash hash) {
    return repository.isComplete(hash);
  }

  /** Whether {@code hash} is on the want list (queued or being fetched). */
  public boolean isWanted(Hash hash) {
    return wants.containsKey(hash);
  }

  public int wantedCount() {
    return wants.size();
  }

  public int activeCount() {
    return active.size();
  }

  /** Peers with requests waiting to be served. */
  public int servedPeerCount() {
    return serveQueues.size();
  }

  public BlobTransferCounters counters() {
    return counters;
  }

  public BlobRepository repository() {
    return repository;
  }

  @Override
  public void onMessage(long nowMicros, PeerId from, Message message) {
    if (message instanceof BlobRequest request) {
      onRequest(nowMicros, from, request);
    } else if (message instanceof BlobChunk chunk) {
      onChunk(nowMicros, from, chunk);
    } else if (message instanceof BlobNotHave notHave) {
      onRefused(nowMicros, from, notHave.hash());
    } else if (message instanceof BlobBusy busy) {
      onRefused(nowMicros, from, busy.hash());
    } else if (message instanceof BlobHave have) {
      Want want = wants.get(have.hash());
      if (want != null && want.byteSize == have.blobBytes()) {
        announce(nowMicros, want, from);
      }
    }
  }

  @Override
  public void onPeerFailed(long nowMicros, PeerId peer) {
    serveQueues.remove(peer);
    for (Want want : new ArrayList<>(active.values())) {
      if (peer.equals(want.source)) {
        switchSource(nowMicros, want);
      }
    }
    pump(nowMicros);
  }

  // ============================================================ fetching

  private void addWant(long nowMicros, Hash hash, long byteSize, PeerId preferred) {
    PeerId source = preferred != null && preferred.equals(env.self()) ? null : preferred;
    Want want = new Want(hash, byteSize, nextSeq++, source, config.retryMinMicros());
    want.notBeforeMicros = nowMicros;
    wants.put(hash, want);
    queued.add(want);
    counters.fetchesQueued++;
  }

  /** {@code peer} holds the blob: make it the next candidate and end any wait. */
  private void announce(long nowMicros, Want want, PeerId peer) {
    if (want.announced.size() < MAX_PEERS_PER_WANT) {
      want.announced.add(peer);
    }
    want.tried.remove(peer);
    want.excluded.remove(peer);
    if (queued.remove(want)) {
      want.notBeforeMicros = Math.min(want.notBeforeMicros, nowMicros);
      queued.add(want);
      pump(nowMicros);
    }
  }

  /** Starts queued fetches while there is room, sends requests, and keeps the tick running. */
  private void pump(long nowMicros) {
    while (active.size() < config.maxActiveFetches()
        && !queued.isEmpty()
        && queued.first().notBeforeMicros <= nowMicros) {
      activate(nowMicros, queued.pollFirst());
    }
    for (Want want : new ArrayList<>(active.values())) {
      request(nowMicros, want);
    }
    if (tickTimer < 0 && !wants.isEmpty()) {
      tickTimer = env.schedule(config.tickMicros(), this::tick);
    }
  }

  private void activate(long nowMicros, Want want) {
    try {
      repository.begin(want.hash, want.byteSize);
    } catch (IOException e) {
      counters.storageErrors++;
      fail(nowMicros, want, "storage: " + e.getMessage());
      return;
    }
    if (repository.isComplete(want.hash)) {
      finish(nowMicros, want);
      return;
    }
    BitSet held = repository.heldChunks(want.hash);
    want.needed.clear();
    want.needed.set(0, want.chunkCount);
    want.needed.andNot(held);
    active.put(want.hash, want);
    if (want.needed.isEmpty()) {
      tryComplete(nowMicros, want);
      return;
    }
    chooseSource(nowMicros, want);
  }

  /** Picks the next source; with none left, the fetch waits for the next round. */
  private void chooseSource(long nowMicros, Want want) {
    PeerId next = pickCandidate(want);
    if (next == null) {
      counters.roundsWithoutSource++;
      want.tried.clear();
      // Peers excluded for corrupt data get another chance next round: the budget of corrupt
      // completions bounds how often that can cost us a whole blob.
      want.excluded.clear();
      want.source = null;
      active.remove(want.hash);
      want.notBeforeMicros = nowMicros + want.retryMicros;
      want.retryMicros = Math.min(2 * want.retryMicros, config.retryMaxMicros());
      queued.add(want);
      return;
    }
    want.source = next;
    want.consecutiveTimeouts = 0;
    if (want.tried.size() < MAX_PEERS_PER_WANT) {
      want.tried.add(next);
    }
    if (want.asked.size() < MAX_PEERS_PER_WANT) {
      want.asked.add(next);
    }
  }

  private PeerId pickCandidate(Want want) {
    // Peers that said they hold it, then the one that delivered the post, then the neighbours.
    List<PeerId> candidates = new ArrayList<>(want.announced);
    if (want.preferred != null) {
      candidates.add(want.preferred);
    }
    List<PeerId> around = neighbours.get();
    if (!around.isEmpty()) {
      // Start at a random neighbour so the peers that want one blob spread over its holders.
      int start = env.random().nextInt(around.size());
      for (int i = 0; i < around.size(); i++) {
        candidates.add(around.get((start + i) % around.size()));
      }
    }
    if (want.tried.size() >= MAX_PEERS_PER_WANT) {
      return null;
    }
    PeerId suspect = null;
    for (PeerId candidate : candidates) {
      if (candidate.equals(env.self())
          || want.tried.contains(candidate)
          || want.excluded.contains(candidate)) {
        continue;
      }
      if (!suspects.contains(candidate)) {
        return candidate;
      }
      if (suspect == null) {
        suspect = candidate;
      }
    }
    return suspect;
  }

  private void request(long nowMicros, Want want) {
    if (want.source == null) {
      return;
    }
    int inFlight = inFlightBySource.getOrDefault(want.source, 0);
    int index = want.needed.nextSetBit(0);
    while (inFlight < config.windowChunks() && index >= 0) {
      want.needed.clear(index);
      want.inFlight.put(index, nowMicros + config.requestTimeoutMicros());
      inFlight++;
      counters.chunksRequested++;
      env.send(want.source, new BlobRequest(want.hash, index));
      index = want.needed.nextSetBit(index + 1);
    }
    inFlightBySource.put(want.source, inFlight);
  }

  /** Returns the fetch's requests in flight to its need list (their answers may still come). */
  private void releaseInFlight(Want want) {
    if (want.source != null && !want.inFlight.isEmpty()) {
      int left = inFlightBySource.getOrDefault(want.source, 0) - want.inFlight.size();
      if (left > 0) {
        inFlightBySource.put(want.source, left);
      } else {
        inFlightBySource.remove(want.source);
      }
    }
    for (int index : want.inFlight.keySet()) {
      want.needed.set(index);
    }
    want.inFlight.clear();
  }

  private void releaseOne(Want want, int index) {
    if (want.inFlight.remove(index) != null) {
      int left = inFlightBySource.getOrDefault(want.source, 0) - 1;
      if (left > 0) {
        inFlightBySource.put(want.source, left);
      } else {
        inFlightBySource.remove(want.source);
      }
    }
  }

  private void switchSource(long nowMicros, Want want) {
    releaseInFlight(want);
    counters.sourceSwitches++;
    chooseSource(nowMicros, want);
  }

  private void onRefused(long nowMicros, PeerId from, Hash hash) {
    Want want = active.get(hash);
    if (want != null && from.equals(want.source)) {
      want.announced.remove(from);
      switchSource(nowMicros, want);
      pump(nowMicros);
    }
  }

  private void onChunk(long nowMicros, PeerId from, BlobChunk chunk) {
    Want want = active.get(chunk.hash());
    if (want == null || !want.asked.contains(from)) {
      counters.chunksUnwanted++;
      return;
    }
    if (chunk.blobBytes() != want.byteSize) {
      // The sender holds a blob of another size under this hash: it cannot be the one we want.
      counters.chunksUnwanted++;
      want.excluded.add(from);
      if (from.equals(want.source)) {
        switchSource(nowMicros, want);
        pump(nowMicros);
      }
      return;
    }
    int index = chunk.chunkIndex();
    if (want.inFlight.containsKey(index)) {
      releaseOne(want, index);
    } else if (want.needed.get(index)) {
      want.needed.clear(index); // a late answer to a request that timed out: still good
    } else {
      counters.chunksUnwanted++; // held already
      return;
    }
    try {
      repository.writeChunk(want.hash, index, chunk.data());
    } catch (IOException | IllegalArgumentException e) {
      counters.storageErrors++;
      releaseInFlight(want);
      active.remove(want.hash);
      fail(nowMicros, want, "storage: " + e.getMessage());
      pump(nowMicros);
      return;
    }
    counters.chunksReceived++;
    counters.bytesReceived += chunk.data().length;
    if (want.contributors.size() < MAX_PEERS_PER_WANT) {
      want.contributors.add(from);
    }
    if (from.equals(want.source)) {
      want.consecutiveTimeouts = 0;
    }
    if (want.needed.isEmpty() && want.inFlight.isEmpty()) {
      tryComplete(nowMicros, want);
    }
    pump(nowMicros);
  }

  private void tryComplete(long nowMicros, Want want) {
    BlobRepository.Completion completion;
    try {
      completion = repository.complete(want.hash);
    } catch (IOException e) {
      counters.storageErrors++;
      releaseInFlight(want);
      active.remove(want.hash);
      fail(nowMicros, want, "storage: " + e.getMessage());
      return;
    }
    switch (completion) {
      case VERIFIED -> finish(nowMicros, want);
      case MISMATCH -> {
        counters.blobsCorrupt++;
        want.corruptCompletions++;
        for (PeerId contributor : want.contributors) {
          want.excluded.add(contributor);
          suspect(contributor);
        }
        want.contributors.clear();
        want.asked.clear();
        releaseInFlight(want);
        active.remove(want.hash);
        if (want.corruptCompletions >= config.maxCorruptCompletions()) {
          fail(nowMicros, want, "hash mismatch " + want.corruptCompletions + " times");
          return;
        }
        want.source = null;
        want.tried.clear();
        want.notBeforeMicros = nowMicros;
        queued.add(want);
      }
      case INCOMPLETE -> {
        // The repository lost chunks (a storage fault): ask again for what it lacks.
        releaseInFlight(want);
        want.needed.set(0, want.chunkCount);
        want.needed.andNot(repository.heldChunks(want.hash));
        if (want.needed.isEmpty()) {
          active.remove(want.hash);
          fail(nowMicros, want, "storage holds every chunk but cannot complete the blob");
        } else if (want.source == null) {
          chooseSource(nowMicros, want);
        }
      }
    }
  }

  private void suspect(PeerId peer) {
    if (config.maxSuspectSources() == 0) {
      return;
    }
    suspects.remove(peer);
    if (suspects.size() >= config.maxSuspectSources()) {
      Iterator<PeerId> oldest = suspects.iterator();
      oldest.next();
      oldest.remove();
    }
    suspects.add(peer);
  }

  private void finish(long nowMicros, Want want) {
    active.remove(want.hash);
    wants.remove(want.hash);
    counters.blobsCompleted++;
    LinkedHashSet<PeerId> waiting = waiters.remove(want.hash);
    if (waiting != null) {
      for (PeerId peer : waiting) {
        env.send(peer, new BlobHave(want.hash, want.byteSize));
        counters.haveSent++;
      }
    }
    listener.onBlobComplete(nowMicros, want.hash);
  }

  private void fail(long nowMicros, Want want, String reason) {
    wants.remove(want.hash);
    queued.remove(want);
    waiters.remove(want.hash);
    counters.blobsFailed++;
    listener.onBlobFailed(nowMicros, want.hash, reason);
  }

  private void tick(long nowMicros) {
    tickTimer = -1;
    for (Want want : new ArrayList<>(active.values())) {
      List<Integer> expired = new ArrayList<>();
      for (Map.Entry<Integer, Long> entry : want.inFlight.entrySet()) {
        if (entry.getValue() <= nowMicros) {
          expired.add(entry.getKey());
        }
      }
      for (int index : expired) {
        releaseOne(want, index);
        want.needed.set(index);
        want.consecutiveTimeouts++;
        counters.requestTimeouts++;
      }
      if (want.consecutiveTimeouts >= config.maxTimeoutsPerSource()) {
        switchSource(nowMicros, want);
      }
    }
    pump(nowMicros);
  }

  // ============================================================ serving

  private void onRequest(long nowMicros, PeerId from, BlobRequest request) {
    long size = repository.sizeOf(request.hash());
    if (size < 0) {
      counters.requestsNotHave++;
      env.send(from, new BlobNotHave(request.hash(), request.chunkIndex()));
      if (wants.containsKey(request.hash())) {
        addWaiter(request.hash(), from);
      }
      return;
    }
    if (request.chunkIndex() >= BlobLimits.chunkCount(size)) {
      counters.requestsBadRange++;
      return;
    }
    ArrayDeque<BlobRequest> queue = serveQueues.get(from);
    if (queue == null && serveQueues.size() >= config.maxServedPeers()
        || queue != null && queue.size() >= config.maxQueuedRequestsPerPeer()) {
      counters.requestsBusy++;
      env.send(from, new BlobBusy(request.hash(), request.chunkIndex()));
      return;
    }
    if (queue == null) {
      queue = new ArrayDeque<>();
      serveQueues.put(from, queue);
    } else if (queue.contains(request)) {
      return; // asked again before we answered: one answer will do
    }
    queue.add(request);
    drain(nowMicros);
  }

  private void addWaiter(Hash hash, PeerId peer) {
    LinkedHashSet<PeerId> waiting = waiters.get(hash);
    if (waiting == null) {
      if (config.maxWaiterBlobs() == 0) {
        return;
      }
      if (waiters.size() >= config.maxWaiterBlobs()) {
        Iterator<Hash> oldest = waiters.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      waiting = new LinkedHashSet<>();
      waiters.put(hash, waiting);
    }
    if (waiting.size() < config.maxWaitersPerBlob()) {
      waiting.add(peer);
    }
  }

  /** Serves queued requests round-robin while the token bucket allows. */
  private void drain(long nowMicros) {
    long elapsedMicros = Math.min(nowMicros - tokensAtMicros, 1_000_000_000L);
    if (elapsedMicros > 0) {
      serveTokens =
          Math.min(
              config.serveBurstBytes(),
              serveTokens + elapsedMicros * config.serveBytesPerSecond() / 1_000_000);
      tokensAtMicros = nowMicros;
    }
    while (!serveQueues.isEmpty()) {
      Map.Entry<PeerId, ArrayDeque<BlobRequest>> first = serveQueues.entrySet().iterator().next();
      PeerId peer = first.getKey();
      ArrayDeque<BlobRequest> queue = first.getValue();
      BlobRequest request = queue.peekFirst();
      long size = repository.sizeOf(request.hash());
      if (size >= 0) {
        int length = BlobLimits.chunkLength(size, request.chunkIndex());
        if (serveTokens < length) {
          scheduleDrain(length - serveTokens);
          return;
        }
        queue.pollFirst();
        serve(peer, request, size, length);
      } else {
        queue.pollFirst();
        counters.requestsNotHave++;
        env.send(peer, new BlobNotHave(request.hash(), request.chunkIndex()));
      }
      // Round robin: the peer goes to the back of the line (or leaves it).
      serveQueues.remove(peer);
      if (!queue.isEmpty()) {
        serveQueues.put(peer, queue);
      }
    }
  }

  private void serve(PeerId peer, BlobRequest request, long size, int length) {
    byte[] data;
    try {
      data = repository.read(request.hash(), BlobLimits.chunkOffset(request.chunkIndex()), length);
    } catch (IOException | IllegalArgumentException e) {
      counters.storageErrors++;
      counters.requestsNotHave++;
      env.send(peer, new BlobNotHave(request.hash(), request.chunkIndex()));
      return;
    }
    serveTokens -= length;
    counters.chunksSent++;
    counters.bytesSent += length;
    env.send(peer, new BlobChunk(request.hash(), request.chunkIndex(), size, data));
  }

  private void scheduleDrain(long missingTokens) {
    if (drainTimer >= 0) {
      return;
    }
    long delayMicros = Math.max(1, missingTokens * 1_000_000 / config.serveBytesPerSecond() + 1);
    drainTimer =
        env.schedule(
            delayMicros,
            now -> {
              drainTimer = -1;
              drain(now);
            });
  }
}
