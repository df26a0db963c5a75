package org.catdit.sim.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.SplittableRandom;
import org.catdit.ledger.Hash;
import org.catdit.ledger.sync.BlobRepository;
import org.catdit.ledger.sync.BlobTransfer;
import org.catdit.ledger.sync.BlobTransferConfig;
import org.catdit.ledger.sync.BlobTransferCounters;
import org.catdit.ledger.sync.MemoryBlobRepository;
import org.catdit.overlay.link.LinkConfig;
import org.catdit.overlay.wire.BlobLimits;
import org.catdit.sim.SimSettings;
import org.catdit.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * Pictures replicated to every peer in the simulator, with the real protocol classes: loss, a
 * source that crashes mid-transfer, sources that send corrupt data, a restart that resumes, and the
 * real link layer. Posts travel the broadcast tree; each peer fetches the picture first from the
 * neighbour that delivered the post.
 */
class BlobReplicationTest {
  static final long SECOND = BlobSwarm.SECOND;
  static final BlobTransferConfig CONFIG = BlobTransferConfig.defaults();

  static byte[] picture(int bytes, long seed) {
    byte[] data = new byte[bytes];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  static SimSettings settings(long seed, int peers, double loss) {
    return new SimSettings(seed, peers, 50_000, 10_000, 1_000, loss, true);
  }

  static void assertEveryLivePeerHolds(BlobSwarm swarm, Hash hash, byte[] data) throws IOException {
    for (int i = 0; i < swarm.transfers.size(); i++) {
      if (swarm.sim.isAlive(i)) {
        BlobRepository repository = swarm.repositories.get(i);
        BlobTransfer t = swarm.transfers.get(i);
        assertTrue(
            repository.isComplete(hash),
            "peer "
                + i
                + " lacks the picture: wanted "
                + t.isWanted(hash)
                + " active "
                + t.activeCount()
                + " requested "
                + t.counters().chunksRequested()
                + " got "
                + t.counters().chunksReceived()
                + " neighbours "
                + BlobSwarm.neighbours(swarm.sim.node(i))
                + " failed "
                + t.counters().blobsFailed()
                + " rounds "
                + t.counters().roundsWithoutSource());
        if (!(repository instanceof LyingRepository)) {
          assertArrayEquals(data, repository.read(hash, 0, data.length), "peer " + i);
        }
      }
    }
  }

  @Test
  void aPictureReachesEveryPeerUnderFivePercentLoss() throws Exception {
    Simulation sim = new Simulation(settings(11, 40, 0));
    BlobSwarm swarm = BlobSwarm.joined(sim, 40, CONFIG);
    sim.setLossProbability(0.05);
    byte[] data = picture(300_000, 1);
    long start = sim.now();
    Hash hash = swarm.post(0, data);
    swarm.runUntilReplicated(start + 120 * SECOND);
    assertEveryLivePeerHolds(swarm, hash, data);
    assertTrue(sim.datagramsLost() > 0);
    assertTrue(swarm.sum(t -> t.counters().requestTimeouts()) > 0, "loss was felt and repaired");
    assertEquals(0, swarm.sum(t -> t.counters().blobsFailed()));
    assertEquals(39, swarm.sum(t -> t.counters().blobsCompleted()));
  }

  @Test
  void aSourceThatCrashesMidTransferIsReplacedByAnotherHolder() throws Exception {
    Simulation sim = new Simulation(settings(12, 30, 0));
    BlobSwarm swarm = BlobSwarm.joined(sim, 30, CONFIG);
    byte[] data = picture(1_000_000, 2);
    long start = sim.now();
    Hash hash = swarm.post(0, data);
    // Crash the author as soon as one other peer holds the picture: others are mid-transfer.
    while (swarm.holders() < 2) {
      sim.runUntil(sim.now() + 10_000);
    }
    long midTransfer = 0;
    for (int i = 1; i < 30; i++) {
      long partial = swarm.repositories.get(i).partialSize(hash);
      if (partial > 0 && swarm.repositories.get(i).heldChunks(hash).cardinality() > 0) {
        midTransfer++;
      }
    }
    assertTrue(midTransfer > 0, "someone was fetching when the author crashed");
    sim.crash(0);
    swarm.runUntilReplicated(start + 300 * SECOND);
    assertEveryLivePeerHolds(swarm, hash, data);
    assertTrue(swarm.sum(t -> t.counters().sourceSwitches()) > 0);
  }

  @Test
  void corruptDataIsDetectedAndFetchedAgainFromHonestPeers() throws Exception {
    Simulation sim = new Simulation(settings(13, 30, 0));
    BlobSwarm swarm =
        BlobSwarm.joined(
            sim,
            30,
            CONFIG,
            index ->
                index == 3 || index == 7
                    ? new LyingRepository(BlobSwarm.REPOSITORY_BYTES)
                    : new MemoryBlobRepository(BlobSwarm.REPOSITORY_BYTES));
    byte[] data = picture(200_000, 3);
    long start = sim.now();
    Hash hash = swarm.post(0, data);
    swarm.runUntilReplicated(start + 300 * SECOND);
    assertEveryLivePeerHolds(swarm, hash, data);
    long corrupt = swarm.sum(t -> t.counters().blobsCorrupt());
    assertTrue(corrupt > 0, "some peer fetched from a liar");
    assertEquals(0, swarm.sum(t -> t.counters().blobsFailed()));
  }

  @Test
  void aRestartedPeerResumesItsPartialPicture() throws Exception {
    Simulation sim = new Simulation(settings(14, 10, 0));
    BlobSwarm swarm = BlobSwarm.joined(sim, 10, CONFIG);
    byte[] data = picture(2_000_000, 4);
    int chunks = BlobLimits.chunkCount(data.length);
    long start = sim.now();
    Hash hash = swarm.post(0, data);
    // Find a peer half-way through, then "restart" it: crash, and a new peer over its store.
    int restarted = -1;
    while (restarted < 0) {
      sim.runUntil(sim.now() + 10_000);
      for (int i = 1; i < 10 && restarted < 0; i++) {
        if (swarm.repositories.get(i).heldChunks(hash).cardinality() >= chunks / 2) {
          restarted = i;
        }
      }
    }
    BlobRepository kept = swarm.repositories.get(restarted);
    int heldBefore = kept.heldChunks(hash).cardinality();
    sim.crash(restarted);
    int again = swarm.addPeer(CONFIG, kept);
    sim.node(again).join(sim.now(), sim.id(0));
    assertTrue(swarm.transfers.get(again).isWanted(hash), "resumed from the repository");
    swarm.runUntilReplicated(start + 300 * SECOND);
    assertEveryLivePeerHolds(swarm, hash, data);
    BlobTransferCounters counters = swarm.transfers.get(again).counters();
    assertEquals(chunks - heldBefore, counters.chunksReceived(), "only the missing chunks");
  }

  @Test
  void overTheRealLinkLayerChunksTravelTheBulkStream() throws Exception {
    Simulation sim = new Simulation(settings(15, 12, 0));
    sim.useLinks(LinkConfig.defaults().withPacketProtection(false));
    sim.setUplink(20_000_000, 200_000);
    BlobSwarm swarm = BlobSwarm.joined(sim, 12, CONFIG);
    sim.setLossProbability(0.01);
    byte[] data = picture(500_000, 5);
    long start = sim.now();
    Hash hash = swarm.post(0, data);
    swarm.runUntilReplicated(start + 120 * SECOND);
    assertEveryLivePeerHolds(swarm, hash, data);
    assertTrue(sim.linkDatagramsSent() > 0);
    assertFalse(sim.received(org.catdit.overlay.wire.MessageType.BLOB_CHUNK) == 0);
  }

  /** Holds blobs honestly but serves every chunk with one bit flipped. */
  static final class LyingRepository implements BlobRepository {
    private final MemoryBlobRepository inner;

    LyingRepository(long maxBytes) {
      this.inner = new MemoryBlobRepository(maxBytes);
    }

    @Override
    public byte[] read(Hash hash, long offset, int length) {
      byte[] bytes = inner.read(hash, offset, length);
      bytes[0] ^= 1;
      return bytes;
    }

    @Override
    public boolean isComplete(Hash hash) {
      return inner.isComplete(hash);
    }

    @Override
    public long sizeOf(Hash hash) {
      return inner.sizeOf(hash);
    }

    @Override
    public Hash put(byte[] bytes) throws IOException {
      return inner.put(bytes);
    }

    @Override
    public void begin(Hash hash, long byteSize) throws IOException {
      inner.begin(hash, byteSize);
    }

    @Override
    public long partialSize(Hash hash) {
      return inner.partialSize(hash);
    }

    @Override
    public java.util.BitSet heldChunks(Hash hash) {
      return inner.heldChunks(hash);
    }

    @Override
    public void writeChunk(Hash hash, int index, byte[] data) {
      inner.writeChunk(hash, index, data);
    }

    @Override
    public Completion complete(Hash hash) {
      return inner.complete(hash);
    }

    @Override
    public void discardPartial(Hash hash) {
      inner.discardPartial(hash);
    }

    @Override
    public java.util.List<Hash> partials() {
      return inner.partials();
    }

    @Override
    public long storageBytes() {
      return inner.storageBytes();
    }
  }
}
