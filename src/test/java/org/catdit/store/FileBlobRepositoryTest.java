package org.catdit.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.catdit.ledger.Hash;
import org.catdit.ledger.sync.BlobRepository.Completion;
import org.catdit.ledger.sync.BlobStoreFullException;
import org.catdit.overlay.wire.BlobLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobRepositoryTest {
  @TempDir Path dir;

  static byte[] blob(int bytes, long seed) {
    byte[] data = new byte[bytes];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  static byte[] chunk(byte[] blob, int index) {
    int offset = (int) BlobLimits.chunkOffset(index);
    return Arrays.copyOfRange(blob, offset, offset + BlobLimits.chunkLength(blob.length, index));
  }

  @Test
  void putStoresUnderTheHashAndSurvivesARestart() throws Exception {
    byte[] data = blob(70_000, 1);
    FileBlobRepository repository = new FileBlobRepository(dir);
    Hash hash = repository.put(data);
    assertEquals(Hash.sha256(data), hash);
    Path file = dir.resolve("blobs").resolve(hash.hex().substring(0, 2)).resolve(hash.hex());
    assertArrayEquals(data, Files.readAllBytes(file));
    assertEquals(file, repository.pathOf(hash));
    FileBlobRepository reopened = new FileBlobRepository(dir);
    assertTrue(reopened.isComplete(hash));
    assertEquals(data.length, reopened.sizeOf(hash));
    assertArrayEquals(Arrays.copyOfRange(data, 100, 5100), reopened.read(hash, 100, 5000));
    assertEquals(data.length, reopened.storageBytes());
    assertThrows(IllegalArgumentException.class, () -> reopened.read(hash, data.length - 1, 2));
  }

  @Test
  void aPartialBlobResumesFromItsBitmapAfterARestart() throws Exception {
    byte[] data = blob(5 * BlobLimits.CHUNK_BYTES + 3, 2);
    Hash hash = Hash.sha256(data);
    FileBlobRepository repository = new FileBlobRepository(dir);
    repository.begin(hash, data.length);
    for (int i : new int[] {0, 3, 5}) {
      repository.writeChunk(hash, i, chunk(data, i));
    }
    FileBlobRepository reopened = new FileBlobRepository(dir);
    assertEquals(List.of(hash), reopened.partials());
    assertEquals(data.length, reopened.partialSize(hash));
    assertEquals("{0, 3, 5}", reopened.heldChunks(hash).toString());
    assertFalse(reopened.isComplete(hash));
    assertEquals(Completion.INCOMPLETE, reopened.complete(hash));
    for (int i : new int[] {1, 2, 4}) {
      reopened.writeChunk(hash, i, chunk(data, i));
    }
    assertEquals(Completion.VERIFIED, reopened.complete(hash));
    assertArrayEquals(data, reopened.read(hash, 0, data.length));
    try (Stream<Path> left = Files.list(dir.resolve("blobs").resolve("partial"))) {
      assertEquals(0, left.count(), "no partial files stay behind");
    }
    assertTrue(new FileBlobRepository(dir).isComplete(hash));
  }

  @Test
  void aMismatchDiscardsThePartialFilesAndNothingBecomesVisible() throws Exception {
    byte[] data = blob(30_000, 3);
    Hash hash = Hash.sha256(blob(30_000, 4));
    FileBlobRepository repository = new FileBlobRepository(dir);
    repository.begin(hash, data.length);
    repository.writeChunk(hash, 0, chunk(data, 0));
    repository.writeChunk(hash, 1, chunk(data, 1));
    assertEquals(Completion.MISMATCH, repository.complete(hash));
    assertFalse(repository.isComplete(hash));
    assertEquals(0, repository.storageBytes());
    FileBlobRepository reopened = new FileBlobRepository(dir);
    assertTrue(reopened.partials().isEmpty());
    assertFalse(reopened.isComplete(hash));
  }

  @Test
  void leftoversOfACrashAreCleanedAtOpen() throws Exception {
    byte[] data = blob(20_000, 5);
    FileBlobRepository repository = new FileBlobRepository(dir);
    Hash hash = repository.put(data);
    Path partial = dir.resolve("blobs").resolve("partial");
    // A crash after the rename but before the bitmap was deleted: the complete copy wins.
    Files.write(partial.resolve(hash.hex() + ".bitmap"), new byte[9]);
    Files.write(partial.resolve(hash.hex() + ".part"), new byte[5]);
    // A put() that died before its rename, and a bitmap torn short.
    Files.write(dir.resolve("blobs").resolve("tmp").resolve("x.0.tmp"), new byte[3]);
    Hash torn = Hash.sha256(new byte[] {1});
    Files.write(partial.resolve(torn.hex() + ".bitmap"), new byte[] {0, 0, 0});
    // Files that are no blobs are left alone but never read as blobs.
    Files.write(dir.resolve("blobs").resolve("README"), new byte[] {1});
    FileBlobRepository reopened = new FileBlobRepository(dir);
    assertTrue(reopened.isComplete(hash));
    assertTrue(reopened.partials().isEmpty());
    assertEquals(data.length, reopened.storageBytes());
    try (Stream<Path> left = Files.list(partial)) {
      assertEquals(0, left.count());
    }
    try (Stream<Path> left = Files.list(dir.resolve("blobs").resolve("tmp"))) {
      assertEquals(0, left.count());
    }
  }

  @Test
  void theByteBudgetCountsCompleteAndPartialBlobs() throws Exception {
    FileBlobRepository repository = new FileBlobRepository(dir, 1000, false);
    repository.put(new byte[600]);
    Hash hash = Hash.sha256(new byte[] {9});
    assertThrows(BlobStoreFullException.class, () -> repository.begin(hash, 401));
    repository.begin(hash, 400);
    assertThrows(BlobStoreFullException.class, () -> repository.put(new byte[1]));
    assertEquals(1000, repository.storageBytes());
    repository.discardPartial(hash);
    assertEquals(600, new FileBlobRepository(dir, 1000, false).storageBytes());
  }
}
