package org.catdit.ledger.sync;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.catdit.ledger.Hash;
import org.catdit.overlay.wire.BlobLimits;

/**
 * A blob repository in memory, for the simulator and tests. Bounded by a byte budget over complete
 * and partial blobs together; a partial blob reserves its full size when it begins.
 */
public final class MemoryBlobRepository implements BlobRepository {
  private final long maxBytes;
  private final Map<Hash, byte[]> complete = new HashMap<>();
  // Sorted so partials() is stable.
  private final TreeMap<Hash, Partial> partial = new TreeMap<>();
  private long storedBytes;

  private static final class Partial {
    final byte[] data;
    final BitSet held = new BitSet();

    Partial(long size) {
      this.data = new byte[(int) size];
    }
  }

  public MemoryBlobRepository(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  @Override
  public boolean isComplete(Hash hash) {
    return complete.containsKey(hash);
  }

  @Override
  public long sizeOf(Hash hash) {
    byte[] bytes = complete.get(hash);
    return bytes == null ? -1 : bytes.length;
  }

  @Override
  public byte[] read(Hash hash, long offset, int length) {
    byte[] bytes = complete.get(hash);
    if (bytes == null) {
      throw new IllegalArgumentException("blob " + hash.shortHex() + " not held");
    }
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IllegalArgumentException(
          "range " + offset + "+" + length + " outside a blob of " + bytes.length + " bytes");
    }
    byte[] out = new byte[length];
    System.arraycopy(bytes, (int) offset, out, 0, length);
    return out;
  }

  @Override
  public Hash put(byte[] bytes) throws IOException {
    BlobLimits.checkBlobBytes(bytes.length);
    Hash hash = Hash.sha256(bytes);
    if (complete.containsKey(hash)) {
      return hash;
    }
    discardPartial(hash);
    reserve(bytes.length);
    complete.put(hash, bytes.clone());
    return hash;
  }

  @Override
  public void begin(Hash hash, long byteSize) throws IOException {
    BlobLimits.checkBlobBytes(byteSize);
    if (complete.containsKey(hash)) {
      return;
    }
    Partial existing = partial.get(hash);
    if (existing != null) {
      if (existing.data.length == byteSize) {
        return;
      }
      discardPartial(hash);
    }
    reserve(byteSize);
    partial.put(hash, new Partial(byteSize));
  }

  @Override
  public long partialSize(Hash hash) {
    Partial p = partial.get(hash);
    return p == null ? -1 : p.data.length;
  }

  @Override
  public BitSet heldChunks(Hash hash) {
    Partial p = partial.get(hash);
    return p == null ? new BitSet() : (BitSet) p.held.clone();
  }

  @Override
  public void writeChunk(Hash hash, int index, byte[] data) {
    Partial p = partial.get(hash);
    if (p == null) {
      throw new IllegalArgumentException("no partial blob " + hash.shortHex());
    }
    int length = BlobLimits.chunkLength(p.data.length, index);
    if (data.length != length) {
      throw new IllegalArgumentException("chunk " + index + " must have " + length + " bytes");
    }
    System.arraycopy(data, 0, p.data, (int) BlobLimits.chunkOffset(index), length);
    p.held.set(index);
  }

  @Override
  public Completion complete(Hash hash) {
    Partial p = partial.get(hash);
    if (p == null || p.held.cardinality() < BlobLimits.chunkCount(p.data.length)) {
      return Completion.INCOMPLETE;
    }
    MessageDigest digest = Hash.newDigest();
    digest.update(p.data);
    partial.remove(hash);
    if (!Hash.ofDigest(digest).equals(hash)) {
      storedBytes -= p.data.length;
      return Completion.MISMATCH;
    }
    complete.put(hash, p.data);
    return Completion.VERIFIED;
  }

  @Override
  public void discardPartial(Hash hash) {
    Partial p = partial.remove(hash);
    if (p != null) {
      storedBytes -= p.data.length;
    }
  }

  @Override
  public List<Hash> partials() {
    return new ArrayList<>(partial.keySet());
  }

  @Override
  public long storageBytes() {
    return storedBytes;
  }

  private void reserve(long bytes) throws BlobStoreFullException {
    if (storedBytes + bytes > maxBytes) {
      throw new BlobStoreFullException(
          "blob of "
              + bytes
              + " bytes exceeds the budget ("
              + storedBytes
              + " of "
              + maxBytes
              + ")");
    }
    storedBytes += bytes;
  }
}
