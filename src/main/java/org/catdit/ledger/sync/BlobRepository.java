package org.catdit.ledger.sync;

import java.io.IOException;
import java.util.BitSet;
import java.util.List;
import org.catdit.ledger.Hash;

/**
 * The blobs (pictures, thumbnails) one peer holds, addressed by their SHA-256. A blob is either
 * complete (verified, readable, served to others) or partial (being fetched chunk by chunk; see
 * {@link org.catdit.overlay.wire.BlobLimits} for the chunk numbering). A partial blob becomes
 * complete only through {@link #complete}, which checks the hash first and makes the blob visible
 * in one step, so a reader never sees a blob whose bytes do not match its name.
 *
 * <p>Implementations are used from one thread (the peer's loop) and bound what they hold. Storage
 * failures surface as {@link IOException}; running out of room as {@link BlobStoreFullException}.
 */
public interface BlobRepository {

  /** The outcome of {@link #complete}. */
  enum Completion {
    /** The bytes hash to the name: the blob is now complete and readable. */
    VERIFIED,
    /** The bytes hash to something else: the partial data was discarded. */
    MISMATCH,
    /** Chunks are still missing (or there is no partial blob): nothing changed. */
    INCOMPLETE
  }

  /** Whether a complete, verified copy of {@code hash} is held. */
  boolean isComplete(Hash hash);

  /** The size of the complete blob, or -1 if none is held. */
  long sizeOf(Hash hash);

  /**
   * Reads {@code length} bytes of the complete blob from {@code offset}.
   *
   * @throws IllegalArgumentException if the blob is not held or the range lies outside it
   */
  byte[] read(Hash hash, long offset, int length) throws IOException;

  /**
   * Stores a locally made blob (a picture just posted) complete at once.
   *
   * @return its hash
   */
  Hash put(byte[] bytes) throws IOException;

  /**
   * Starts (or continues) a partial blob of {@code byteSize} bytes. Calling it again with the same
   * size keeps the chunks held; with another size the old partial data is discarded first. Does
   * nothing if the blob is already complete.
   */
  void begin(Hash hash, long byteSize) throws IOException;

  /** The expected size of the partial blob, or -1 if there is none. */
  long partialSize(Hash hash);

  /** The chunk indices of the partial blob already written (empty if there is none). */
  BitSet heldChunks(Hash hash);

  /**
   * Writes chunk {@code index} of a partial blob; {@code data} must have exactly that chunk's
   * length. Writing a chunk twice is harmless.
   *
   * @throws IllegalArgumentException if there is no such partial blob or the chunk does not fit
   */
  void writeChunk(Hash hash, int index, byte[] data) throws IOException;

  /**
   * If every chunk is held, hashes the bytes: on a match the blob becomes complete (atomically), on
   * a mismatch the partial data is discarded.
   */
  Completion complete(Hash hash) throws IOException;

  /** Drops a partial blob, if any. */
  void discardPartial(Hash hash) throws IOException;

  /** Every partial blob held, in a stable order: what a restarted peer resumes. */
  List<Hash> partials();

  /** Bytes held, complete and partial together. */
  long storageBytes();
}
