package org.catdit.ledger.sync;

import static org.catdit.testing.FakeEnvironment.peer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.catdit.ledger.Hash;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.wire.BlobBusy;
import org.catdit.overlay.wire.BlobChunk;
import org.catdit.overlay.wire.BlobHave;
import org.catdit.overlay.wire.BlobLimits;
import org.catdit.overlay.wire.BlobNotHave;
import org.catdit.overlay.wire.BlobRequest;
import org.catdit.testing.FakeEnvironment;
import org.catdit.testing.FakeEnvironment.Sent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetching and serving rules of one peer's blob transfer, driven by hand. */
class BlobTransferTest {
  static final PeerId SELF = peer(1);
  static final PeerId A = peer(2);
  static final PeerId B = peer(3);
  static final PeerId C = peer(4);
  static final BlobTransferConfig CONFIG = BlobTransferConfig.defaults();

  FakeEnvironment env;
  MemoryBlobRepository repository;
  List<PeerId> neighbours;
  BlobTransfer transfer;
  List<Hash> completed;
  List<String> failed;
  List<Sent> outbox = new ArrayList<>();

  static byte[] blob(int bytes, long seed) {
    byte[] data = new byte[bytes];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  static BlobChunk chunkOf(byte[] blob, Hash hash, int index) {
    int offset = (int) BlobLimits.chunkOffset(index);
    int length = BlobLimits.chunkLength(blob.length, index);
    return new BlobChunk(
        hash, index, blob.length, Arrays.copyOfRange(blob, offset, offset + length));
  }

  @BeforeEach
  void setUp() {
    build(CONFIG, new MemoryBlobRepository(64L << 20));
  }

  void build(BlobTransferConfig config, MemoryBlobRepository repo) {
    env = new FakeEnvironment(SELF, 7);
    repository = repo;
    neighbours = new ArrayList<>(List.of(A, B, C));
    transfer = new BlobTransfer(env, config, repository, () -> neighbours);
    completed = new ArrayList<>();
    outbox = new ArrayList<>();
    failed = new ArrayList<>();
    transfer.setListener(
        new BlobTransferListener() {
          @Override
          public void onBlobComplete(long nowMicros, Hash hash) {
            completed.add(hash);
          }

          @Override
          public void onBlobFailed(long nowMicros, Hash hash, String reason) {
            failed.add(reason);
          }
        });
    transfer.start(0);
  }

  /** Answers every request sent so far to {@code source} with chunks of {@code blob}. */
  int answer(PeerId source, byte[] blob, Hash hash) {
    outbox.addAll(env.takeSent());
    List<BlobRequest> toAnswer = new ArrayList<>();
    outbox.removeIf(
        sent -> {
          if (sent.to().equals(source) && sent.message() instanceof BlobRequest request) {
            toAnswer.add(request);
            return true;
          }
          return false;
        });
    for (BlobRequest request : toAnswer) {
      transfer.onMessage(env.now(), source, chunkOf(blob, hash, request.chunkIndex()));
    }
    return toAnswer.size();
  }

  /** Answers requests to {@code source} until it is asked nothing more. */
  void answerAll(PeerId source, byte[] blob, Hash hash) {
    while (answer(source, blob, hash) > 0) {}
  }

  /** The peer the oldest unanswered request went to. */
  PeerId nextAsked() {
    outbox.addAll(env.takeSent());
    for (Sent sent : outbox) {
      if (sent.message() instanceof BlobRequest) {
        return sent.to();
      }
    }
    throw new AssertionError("nothing asked");
  }

  PeerId takeAsked() {
    PeerId asked = nextAsked();
    clearSent();
    return asked;
  }

  void clearSent() {
    env.takeSent();
    outbox.clear();
  }

  List<BlobRequest> requestsTo(PeerId source) {
    outbox.addAll(env.takeSent());
    List<BlobRequest> out = new ArrayList<>();
    for (Sent sent : outbox) {
      if (sent.to().equals(source) && sent.message() instanceof BlobRequest request) {
        out.add(request);
      }
    }
    return out;
  }

  @Test
  void fetchesFromThePreferredSourceWithABoundedWindowAndVerifies() {
    byte[] data = blob(200_000, 1); // 13 chunks
    Hash hash = Hash.sha256(data);
    assertTrue(transfer.fetch(0, hash, data.length, B));
    assertEquals(CONFIG.windowChunks(), requestsTo(B).size(), "a window of requests, no more");
    answerAll(B, data, hash);
    assertEquals(List.of(hash), completed);
    assertTrue(transfer.isHeld(hash));
    assertArrayEquals(data, repository.read(hash, 0, data.length));
    assertEquals(13, transfer.counters().chunksReceived());
    assertEquals(1, transfer.counters().blobsCompleted());
    assertEquals(0, transfer.wantedCount());
  }

  @Test
  void theWindowIsSharedOverEveryBlobFromOneSource() {
    for (int i = 0; i < 3; i++) {
      byte[] data = blob(200_000, 10 + i);
      transfer.fetch(0, Hash.sha256(data), data.length, A);
    }
    assertEquals(CONFIG.windowChunks(), requestsTo(A).size());
    assertEquals(3, transfer.activeCount());
  }

  @Test
  void notHaveMovesToANeighbourAndCompletesThere() {
    byte[] data = blob(40_000, 2);
    Hash hash = Hash.sha256(data);
    transfer.fetch(0, hash, data.length, A);
    BlobRequest first = requestsTo(A).get(0);
    clearSent();
    transfer.onMessage(0, A, new BlobNotHave(hash, first.chunkIndex()));
    PeerId next = nextAsked();
    assertTrue(next.equals(B) || next.equals(C), "a neighbour, not A again: " + next);
    while (answer(next, data, hash) > 0) {}
    assertEquals(List.of(hash), completed);
    assertEquals(1, transfer.counters().sourceSwitches());
  }

  @Test
  void timedOutRequestsAreAskedAgainThenTheSourceIsReplaced() {
    byte[] data = blob(3 * BlobLimits.CHUNK_BYTES, 3);
    Hash hash = Hash.sha256(data);
    transfer.fetch(0, hash, data.length, A);
    assertEquals(3, requestsTo(A).size());
    clearSent();
    env.advanceTo(CONFIG.requestTimeoutMicros() + CONFIG.tickMicros());
    // Three chunks expired at once: three consecutive timeouts, the source is replaced.
    assertEquals(3, transfer.counters().requestTimeouts());
    assertEquals(0, requestsTo(A).size());
    PeerId next = nextAsked();
    assertFalse(next.equals(A));
    while (answer(next, data, hash) > 0) {}
    assertEquals(List.of(hash), completed);
  }

  @Test
  void aSingleLostAnswerIsAskedAgainFromTheSameSource() {
    byte[] data = blob(3 * BlobLimits.CHUNK_BYTES, 4);
    Hash hash = Hash.sha256(data);
    transfer.fetch(0, hash, data.length, A);
    List<Sent> sent = env.takeSent();
    // Answer chunks 0 and 1, lose chunk 2.
    transfer.onMessage(0, A, chunkOf(data, hash, 0));
    transfer.onMessage(0, A, chunkOf(data, hash, 1));
    env.advanceTo(CONFIG.requestTimeoutMicros() + CONFIG.tickMicros());
    assertEquals(1, transfer.counters().requestTimeouts());
    assertEquals(List.of(new BlobRequest(hash, 2)), requestsTo(A));
    answer(A, data, hash);
    assertEquals(List.of(hash), completed);
    assertEquals(3, sent.size());
  }

  @Test
  void corruptDataIsDetectedTheSenderAvoidedAndTheBlobFetchedElsewhere() {
    byte[] data = blob(50_000, 5);
    byte[] forged = data.clone();
    forged[12_345] ^= 1;
    Hash hash = Hash.sha256(data);
    transfer.fetch(0, hash, data.length, A);
    while (answer(A, forged, hash) > 0) {}
    assertEquals(1, transfer.counters().blobsCorrupt());
    assertTrue(completed.isEmpty());
    assertTrue(requestsTo(A).isEmpty(), "the corrupt sender is not asked again");
    PeerId next = nextAsked();
    while (answer(next, data, hash) > 0) {}
    assertEquals(List.of(hash), completed);
    assertArrayEquals(data, repository.read(hash, 0, data.length));
  }

  @Test
  void aBlobThatNeverHashesRightIsGivenUpAfterTheBudget() {
    byte[] data = blob(20_000, 6);
    byte[] forged = blob(20_000, 60);
    Hash hash = Hash.sha256(data);
    transfer.fetch(0, hash, data.length, A);
    for (int round = 0; round < CONFIG.maxCorruptCompletions(); round++) {
      PeerId source = nextAsked();
      while (answer(source, forged, hash) > 0) {}
    }
    assertEquals(CONFIG.maxCorruptCompletions(), transfer.counters().blobsCorrupt());
    assertEquals(1, failed.size());
    assertFalse(transfer.isWanted(hash));
    assertEquals(0, repository.storageBytes(), "nothing of the forged data is kept");
  }

  @Test
  void chunksWithTheWrongBlobSizeOrUnaskedAreDropped() {
    byte[] data = blob(40_000, 7);
    Hash hash = Hash.sha256(data);
    transfer.fetch(0, hash, data.length, A);
    clearSent();
    byte[] other = blob(50_000, 70);
    transfer.onMessage(0, C, chunkOf(data, hash, 0)); // C was never asked
    transfer.onMessage(0, A, chunkOf(other, hash, 0)); // another size under this hash
    assertEquals(2, transfer.counters().chunksUnwanted());
    assertEquals(0, transfer.counters().chunksReceived());
    assertTrue(requestsTo(A).isEmpty(), "A holds something else: moved on");
  }

  @Test
  void theWantListIsBoundedAndDuplicatesMerge() {
    build(CONFIG.withMaxWantedBlobs(2), new MemoryBlobRepository(1 << 20));
    Hash one = Hash.sha256(new byte[] {1});
    Hash two = Hash.sha256(new byte[] {2});
    assertTrue(transfer.fetch(0, one, 1000, A));
    assertTrue(transfer.fetch(0, one, 1000, B), "a duplicate merges");
    assertTrue(transfer.fetch(0, two, 1000, A));
    assertFalse(transfer.fetch(0, Hash.sha256(new byte[] {3}), 1000, A));
    assertFalse(transfer.fetch(0, Hash.sha256(new byte[] {4}), 0, A), "size out of range");
    assertFalse(transfer.fetch(0, Hash.sha256(new byte[] {4}), BlobLimits.MAX_BLOB_BYTES + 1, A));
    assertEquals(2, transfer.wantedCount());
    assertEquals(2, transfer.counters().fetchesQueued());
    assertEquals(3, transfer.counters().fetchesRefused());
  }

  @Test
  void atMostMaxActiveFetchesRunTheRestWait() {
    for (int i = 0; i < 6; i++) {
      transfer.fetch(0, Hash.sha256(new byte[] {(byte) i}), 1000, peer(100 + i));
    }
    assertEquals(CONFIG.maxActiveFetches(), transfer.activeCount());
    assertEquals(6, transfer.wantedCount());
    assertEquals(CONFIG.maxActiveFetches(), env.sentOfType(BlobRequest.class).size());
  }

  @Test
  void withNoSourceLeftTheFetchWaitsThenRetriesAndBlobHaveEndsTheWait() {
    byte[] data = blob(10_000, 8);
    Hash hash = Hash.sha256(data);
    transfer.fetch(0, hash, data.length, A);
    for (PeerId source : List.of(A, B, C)) {
      PeerId asked = takeAsked();
      transfer.onMessage(0, asked, new BlobNotHave(hash, 0));
    }
    assertEquals(1, transfer.counters().roundsWithoutSource());
    assertEquals(0, transfer.activeCount());
    assertTrue(env.sent().isEmpty());
    env.advanceTo(CONFIG.retryMinMicros() + CONFIG.tickMicros());
    assertEquals(1, env.sentOfType(BlobRequest.class).size(), "a new round after the wait");
    PeerId asked = takeAsked();
    transfer.onMessage(env.now(), asked, new BlobNotHave(hash, 0));
    for (int i = 0; i < 2; i++) {
      transfer.onMessage(env.now(), takeAsked(), new BlobNotHave(hash, 0));
    }
    assertEquals(2, transfer.counters().roundsWithoutSource());
    // B announces it now holds the blob: asked at once, long before the doubled wait ends.
    transfer.onMessage(env.now(), B, new BlobHave(hash, data.length));
    assertEquals(List.of(new BlobRequest(hash, 0)), requestsTo(B));
    answer(B, data, hash);
    assertEquals(List.of(hash), completed);
  }

  @Test
  void aFailedPeerIsReplacedAtOnce() {
    byte[] data = blob(10_000, 9);
    Hash hash = Hash.sha256(data);
    transfer.fetch(0, hash, data.length, A);
    clearSent();
    transfer.onPeerFailed(0, A);
    assertFalse(requestsTo(B).isEmpty() && requestsTo(C).isEmpty());
  }

  @Test
  void aRestartedPeerResumesFromTheChunksItHolds() {
    byte[] data = blob(10 * BlobLimits.CHUNK_BYTES, 11);
    Hash hash = Hash.sha256(data);
    transfer.fetch(0, hash, data.length, A);
    for (int i = 0; i < 6; i++) {
      transfer.onMessage(0, A, chunkOf(data, hash, i));
    }
    // The peer stops; a new transfer over the same repository picks the blob up again.
    MemoryBlobRepository kept = repository;
    build(CONFIG, kept);
    assertTrue(transfer.isWanted(hash));
    List<Integer> asked = new ArrayList<>();
    for (Sent sent : env.sent()) {
      asked.add(((BlobRequest) sent.message()).chunkIndex());
    }
    assertEquals(List.of(6, 7, 8, 9), asked, "only the chunks it lacks");
    PeerId source = nextAsked();
    answer(source, data, hash);
    assertEquals(List.of(hash), completed);
  }

  // ============================================================ serving

  @Test
  void servesHeldBlobsAndAnswersNotHaveOtherwise() throws Exception {
    byte[] data = blob(40_000, 12);
    Hash hash = repository.put(data);
    transfer.onMessage(0, A, new BlobRequest(hash, 2));
    BlobChunk chunk = env.sentOfType(BlobChunk.class).get(0);
    assertArrayEquals(chunkOf(data, hash, 2).data(), chunk.data());
    assertEquals(data.length, chunk.blobBytes());
    Hash missing = Hash.sha256(new byte[] {9});
    transfer.onMessage(0, A, new BlobRequest(missing, 0));
    assertEquals(List.of(new BlobNotHave(missing, 0)), env.sentOfType(BlobNotHave.class));
    transfer.onMessage(0, A, new BlobRequest(hash, 3)); // 40,000 bytes: chunks 0..2
    assertEquals(1, transfer.counters().requestsBadRange());
    assertEquals(1, transfer.counters().chunksSent());
  }

  @Test
  void servingIsPacedByTheTokenBucketAndRoundRobinOverPeers() throws Exception {
    long rate = 1L << 20;
    build(
        CONFIG.withServing(rate, 2 * BlobLimits.CHUNK_BYTES, 8, 8),
        new MemoryBlobRepository(64L << 20));
    byte[] data = blob(8 * BlobLimits.CHUNK_BYTES, 13);
    Hash hash = repository.put(data);
    for (int i = 0; i < 4; i++) {
      transfer.onMessage(0, A, new BlobRequest(hash, i));
      transfer.onMessage(0, B, new BlobRequest(hash, i));
    }
    assertEquals(2, env.sentOfType(BlobChunk.class).size(), "the burst, then the bucket is dry");
    assertEquals(List.of(A, B), env.recipientsOf(BlobChunk.class));
    env.advanceTo(1_000_000);
    assertEquals(8, env.sentOfType(BlobChunk.class).size());
    assertEquals(List.of(A, B, A, B, A, B, A, B), env.recipientsOf(BlobChunk.class));
    assertEquals(0, transfer.servedPeerCount());
  }

  @Test
  void serveQueuesAreBoundedPerPeerAndInPeers() throws Exception {
    build(CONFIG.withServing(1, BlobLimits.CHUNK_BYTES, 2, 2), new MemoryBlobRepository(64L << 20));
    byte[] data = blob(8 * BlobLimits.CHUNK_BYTES, 14);
    Hash hash = repository.put(data);
    // The burst serves A's first request at once; then the bucket is dry for a long time.
    for (int i = 0; i < 4; i++) {
      transfer.onMessage(0, A, new BlobRequest(hash, i));
    }
    assertEquals(1, env.sentOfType(BlobChunk.class).size());
    assertEquals(1, env.sentOfType(BlobBusy.class).size(), "A may queue 2, its 4th is refused");
    transfer.onMessage(0, B, new BlobRequest(hash, 0));
    transfer.onMessage(0, C, new BlobRequest(hash, 0));
    assertEquals(2, transfer.servedPeerCount());
    assertEquals(List.of(A, C), env.recipientsOf(BlobBusy.class), "a third peer is refused");
    assertEquals(2, transfer.counters().requestsBusy());
  }

  @Test
  void peersAskingTooEarlyAreToldOnceTheBlobArrivesBounded() {
    build(CONFIG.withWaiters(2, 1, 4), new MemoryBlobRepository(64L << 20));
    byte[] data = blob(10_000, 15);
    Hash hash = Hash.sha256(data);
    transfer.fetch(0, hash, data.length, A);
    for (int i = 0; i < 3; i++) {
      transfer.onMessage(0, peer(50 + i), new BlobRequest(hash, 0));
    }
    Hash other = Hash.sha256(new byte[] {1});
    transfer.fetch(0, other, 1, A);
    transfer.onMessage(0, peer(60), new BlobRequest(other, 0)); // evicts the first blob's waiters
    transfer.fetch(0, other, 1, A);
    assertEquals(4, transfer.counters().requestsNotHave());
    answer(A, data, hash);
    assertEquals(List.of(hash), completed);
    assertTrue(env.sentOfType(BlobHave.class).isEmpty(), "one waiter blob only: evicted");

    build(CONFIG.withWaiters(2, 4, 4), new MemoryBlobRepository(64L << 20));
    transfer.fetch(0, hash, data.length, A);
    for (int i = 0; i < 3; i++) {
      transfer.onMessage(0, peer(50 + i), new BlobRequest(hash, 0));
    }
    answer(A, data, hash);
    assertEquals(List.of(peer(50), peer(51)), env.recipientsOf(BlobHave.class));
  }

  @Test
  void suspectSourcesAreRememberedBoundedAndAskedOnlyWhenNobodyElseIs() {
    build(CONFIG.withWaiters(32, 1024, 1), new MemoryBlobRepository(64L << 20));
    byte[] data = blob(10_000, 16);
    Hash hash = Hash.sha256(data);
    byte[] forged = blob(10_000, 160);
    transfer.fetch(0, hash, data.length, A);
    answer(A, forged, hash); // A is now suspect
    PeerId second = nextAsked();
    answer(second, forged, hash); // the second replaces A: the list holds one
    PeerId third = nextAsked();
    assertFalse(third.equals(A) || third.equals(second));
    answer(third, data, hash);
    assertEquals(List.of(hash), completed);
    // A new blob: A is no longer suspect (evicted), so preferring it is honoured.
    byte[] next = blob(1000, 17);
    transfer.fetch(0, Hash.sha256(next), next.length, A);
    assertEquals(A, nextAsked());
  }

  @Test
  void aFullRepositoryFailsTheWantAndSaysSo() {
    build(CONFIG, new MemoryBlobRepository(1000));
    Hash hash = Hash.sha256(new byte[] {1});
    assertTrue(transfer.fetch(0, hash, 5000, A));
    assertEquals(1, failed.size());
    assertTrue(failed.get(0).startsWith("storage"), failed.get(0));
    assertEquals(1, transfer.counters().storageErrors());
    assertFalse(transfer.isWanted(hash));
    assertTrue(env.sentOfType(BlobRequest.class).isEmpty());
  }

  @Test
  void oneRoundAsksAtMostABoundedNumberOfPeers() {
    for (int i = 0; i < 100; i++) {
      neighbours.add(peer(1000 + i));
    }
    Hash hash = Hash.sha256(new byte[] {2});
    transfer.fetch(0, hash, 1000, A);
    for (int i = 0; i < 200 && transfer.activeCount() > 0; i++) {
      transfer.onMessage(0, takeAsked(), new BlobNotHave(hash, 0));
    }
    assertEquals(1, transfer.counters().roundsWithoutSource());
    assertEquals(BlobTransfer.MAX_PEERS_PER_WANT, transfer.counters().sourceSwitches());
  }
}
