package org.catdit.ledger.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.catdit.ledger.Hash;
import org.catdit.overlay.wire.BlobLimits;
import org.junit.jupiter.api.Test;

class MemoryBlobRepositoryTest {

  static byte[] chunk(byte[] blob, int index) {
    int offset = (int) BlobLimits.chunkOffset(index);
    return Arrays.copyOfRange(blob, offset, offset + BlobLimits.chunkLength(blob.length, index));
  }

  @Test
  void aPartialBlobBecomesCompleteOnlyWhenItsHashMatches() throws Exception {
    MemoryBlobRepository repository = new MemoryBlobRepository(1 << 20);
    byte[] data = BlobTransferTest.blob(40_000, 1);
    Hash hash = Hash.sha256(data);
    repository.begin(hash, data.length);
    repository.writeChunk(hash, 0, chunk(data, 0));
    repository.writeChunk(hash, 2, chunk(data, 2));
    assertEquals(BlobRepository.Completion.INCOMPLETE, repository.complete(hash));
    BitSet held = repository.heldChunks(hash);
    assertEquals("{0, 2}", held.toString());
    assertFalse(repository.isComplete(hash));
    assertThrows(IllegalArgumentException.class, () -> repository.read(hash, 0, 1));
    repository.writeChunk(hash, 1, chunk(data, 1));
    assertEquals(BlobRepository.Completion.VERIFIED, repository.complete(hash));
    assertArrayEquals(data, repository.read(hash, 0, data.length));
    assertEquals(data.length, repository.storageBytes());
    assertTrue(repository.partials().isEmpty());
  }

  @Test
  void aMismatchDiscardsThePartialData() throws Exception {
    MemoryBlobRepository repository = new MemoryBlobRepository(1 << 20);
    byte[] data = BlobTransferTest.blob(20_000, 2);
    Hash hash = Hash.sha256(new byte[] {7});
    repository.begin(hash, data.length);
    repository.writeChunk(hash, 0, chunk(data, 0));
    repository.writeChunk(hash, 1, chunk(data, 1));
    assertEquals(BlobRepository.Completion.MISMATCH, repository.complete(hash));
    assertEquals(-1, repository.partialSize(hash));
    assertEquals(0, repository.storageBytes());
  }

  @Test
  void readsOutsideTheBlobAndMisfitChunksAreRefused() throws Exception {
    MemoryBlobRepository repository = new MemoryBlobRepository(1 << 20);
    Hash hash = repository.put(new byte[100]);
    assertThrows(IllegalArgumentException.class, () -> repository.read(hash, 90, 11));
    assertThrows(IllegalArgumentException.class, () -> repository.read(hash, -1, 1));
    Hash other = Hash.sha256(new byte[] {1});
    repository.begin(other, 100);
    assertThrows(
        IllegalArgumentException.class, () -> repository.writeChunk(other, 0, new byte[99]));
    assertThrows(
        IllegalArgumentException.class, () -> repository.writeChunk(other, 1, new byte[1]));
    assertThrows(
        IllegalArgumentException.class,
        () -> repository.writeChunk(Hash.sha256(new byte[] {2}), 0, new byte[1]));
  }

  @Test
  void theByteBudgetIsKeptAndBeginningAgainWithAnotherSizeStartsOver() throws Exception {
    MemoryBlobRepository repository = new MemoryBlobRepository(1000);
    repository.put(new byte[600]);
    Hash hash = Hash.sha256(new byte[] {3});
    assertThrows(BlobStoreFullException.class, () -> repository.begin(hash, 401));
    assertThrows(BlobStoreFullException.class, () -> repository.put(new byte[401]));
    repository.begin(hash, 400);
    repository.writeChunk(hash, 0, new byte[400]);
    repository.begin(hash, 400);
    assertEquals(1, repository.heldChunks(hash).cardinality(), "same size: chunks kept");
    repository.begin(hash, 300);
    assertEquals(0, repository.heldChunks(hash).cardinality(), "another size: started over");
    assertEquals(900, repository.storageBytes());
    assertEquals(List.of(hash), repository.partials());
  }
}
