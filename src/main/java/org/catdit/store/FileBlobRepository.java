package org.catdit.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.catdit.ledger.Hash;
import org.catdit.ledger.sync.BlobRepository;
import org.catdit.ledger.sync.BlobStoreFullException;
import org.catdit.overlay.wire.BlobLimits;

/**
 * Blobs as files under {@code <directory>/blobs}: a complete blob at {@code blobs/ab/<hex>} (ab:
 * its first byte), a partial one at {@code blobs/partial/<hex>.part} with a chunk bitmap beside it
 * in {@code <hex>.bitmap} (the expected size as 8 bytes, then one bit per chunk held).
 *
 * <p>Crash safety: a complete blob only ever appears by an atomic rename of a file whose bytes were
 * hashed and forced to disk first, so no crash leaves a half-written complete blob. A chunk's bytes
 * are forced before its bit is written, so the bitmap never claims a chunk the disk may lack (at
 * worst it forgets one, which is fetched again); a torn write is caught by the hash check at
 * completion anyway. After a restart the partial blobs resume from their bitmaps; stray temporary
 * files are removed and unreadable bitmaps dropped.
 *
 * <p>Used from one thread. Bounded by a byte budget (complete blobs plus the full size of each
 * partial one).
 */
public final class FileBlobRepository implements BlobRepository {
  private static final int BITMAP_HEADER_BYTES = Long.BYTES;
  private static final int HASH_BUFFER_BYTES = 64 * 1024;

  private final Path blobs;
  private final Path partialDir;
  private final Path tmpDir;
  private final long maxBytes;
  private final boolean isSyncEnabled;
  private final Map<Hash, Long> completeSizes = new HashMap<>(); // lookup only
  private final TreeMap<Hash, PartialState> partials = new TreeMap<>();
  private long storedBytes;
  private long tmpCounter;

  private static final class PartialState {
    final long size;
    final BitSet held;

    PartialState(long size, BitSet held) {
      this.size = size;
      this.held = held;
    }
  }

  /** A repository with no byte budget that forces every write to disk. */
  public FileBlobRepository(Path directory) throws IOException {
    this(directory, Long.MAX_VALUE, true);
  }

  /**
   * @param directory the peer's data directory; blobs live in its {@code blobs} subdirectory
   * @param maxBytes byte budget over complete and partial blobs
   * @param isSyncEnabled whether writes are forced to disk (off only in tests and simulations)
   */
  public FileBlobRepository(Path directory, long maxBytes, boolean isSyncEnabled)
      throws IOException {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.blobs = directory.resolve("blobs");
    this.partialDir = blobs.resolve("partial");
    this.tmpDir = blobs.resolve("tmp");
    this.maxBytes = maxBytes;
    this.isSyncEnabled = isSyncEnabled;
    Files.createDirectories(partialDir);
    Files.createDirectories(tmpDir);
    load();
  }

  // ============================================================ loading

  private void load() throws IOException {
    try (DirectoryStream<Path> stray = Files.newDirectoryStream(tmpDir)) {
      for (Path file : stray) {
        Files.deleteIfExists(file); // a put() that crashed before its rename
      }
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(blobs, Files::isDirectory)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (name.length() != 2 || !isHex(name)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
          for (Path file : files) {
            Hash hash = parseHash(file.getFileName().toString());
            if (hash != null && hash.hex().startsWith(name) && Files.isRegularFile(file)) {
              long size = Files.size(file);
              completeSizes.put(hash, size);
              storedBytes += size;
            }
          }
        }
      }
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(partialDir, "*.bitmap")) {
      for (Path bitmap : files) {
        String name = bitmap.getFileName().toString();
        Hash hash = parseHash(name.substring(0, name.length() - ".bitmap".length()));
        if (hash == null) {
          continue;
        }
        PartialState state = readBitmap(bitmap);
        if (state == null || completeSizes.containsKey(hash)) {
          deletePartialFiles(hash);
        } else {
          partials.put(hash, state);
          storedBytes += state.size;
        }
      }
    }
  }

  /** The bitmap's state, or null if it is not a well-formed bitmap. */
  private static PartialState readBitmap(Path bitmap) throws IOException {
    byte[] bytes = Files.readAllBytes(bitmap);
    if (bytes.length < BITMAP_HEADER_BYTES) {
      return null;
    }
    long size = ByteBuffer.wrap(bytes).getLong();
    if (size < 1 || size > BlobLimits.MAX_BLOB_BYTES) {
      return null;
    }
    int chunks = BlobLimits.chunkCount(size);
    if (bytes.length != BITMAP_HEADER_BYTES + bitmapBytes(chunks)) {
      return null;
    }
    BitSet held = new BitSet(chunks);
    for (int i = 0; i < chunks; i++) {
      if ((bytes[BITMAP_HEADER_BYTES + i / 8] & (1 << (i % 8))) != 0) {
        held.set(i);
      }
    }
    return new PartialState(size, held);
  }

  // ============================================================ complete blobs

  @Override
  public boolean isComplete(Hash hash) {
    return completeSizes.containsKey(hash);
  }

  @Override
  public long sizeOf(Hash hash) {
    Long size = completeSizes.get(hash);
    return size == null ? -1 : size;
  }

  @Override
  public byte[] read(Hash hash, long offset, int length) throws IOException {
    Long size = completeSizes.get(hash);
    if (size == null) {
      throw new IllegalArgumentException("blob " + hash.shortHex() + " not held");
    }
    if (offset < 0 || length < 0 || offset + length > size) {
      throw new IllegalArgumentException(
          "range " + offset + "+" + length + " outside a blob of " + size + " bytes");
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    try (FileChannel channel = FileChannel.open(completePath(hash), StandardOpenOption.READ)) {
      while (out.hasRemaining()) {
        if (channel.read(out, offset + out.position()) < 0) {
          throw new IOException("blob " + hash.shortHex() + " is shorter than recorded");
        }
      }
    }
    return out.array();
  }

  /** The file holding a complete blob (for serving it over HTTP), or null if it is not held. */
  public Path pathOf(Hash hash) {
    return completeSizes.containsKey(hash) ? completePath(hash) : null;
  }

  @Override
  public Hash put(byte[] bytes) throws IOException {
    BlobLimits.checkBlobBytes(bytes.length);
    Hash hash = Hash.sha256(bytes);
    if (completeSizes.containsKey(hash)) {
      return hash;
    }
    discardPartial(hash);
    reserve(bytes.length);
    Path tmp = tmpDir.resolve(hash.hex() + "." + tmpCounter++ + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        while (in.hasRemaining()) {
          channel.write(in);
        }
        if (isSyncEnabled) {
          channel.force(true);
        }
      }
      publish(tmp, hash);
    } catch (IOException e) {
      storedBytes -= bytes.length;
      Files.deleteIfExists(tmp);
      throw e;
    }
    completeSizes.put(hash, (long) bytes.length);
    return hash;
  }

  /** Renames a finished, forced file into place in one step, then makes the rename durable. */
  private void publish(Path file, Hash hash) throws IOException {
    Path target = completePath(hash);
    Files.createDirectories(target.getParent());
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(target.getParent());
  }

  // ============================================================ partial blobs

  @Override
  public void begin(Hash hash, long byteSize) throws IOException {
    BlobLimits.checkBlobBytes(byteSize);
    if (completeSizes.containsKey(hash)) {
      return;
    }
    PartialState existing = partials.get(hash);
    if (existing != null) {
      if (existing.size == byteSize) {
        return;
      }
      discardPartial(hash);
    }
    reserve(byteSize);
    try {
      Files.deleteIfExists(partPath(hash));
      Files.createFile(partPath(hash));
      ByteBuffer header =
          ByteBuffer.allocate(BITMAP_HEADER_BYTES + bitmapBytes(BlobLimits.chunkCount(byteSize)));
      header.putLong(byteSize);
      Files.write(bitmapPath(hash), header.array());
    } catch (IOException e) {
      storedBytes -= byteSize;
      deletePartialFiles(hash);
      throw e;
    }
    partials.put(hash, new PartialState(byteSize, new BitSet()));
  }

  @Override
  public long partialSize(Hash hash) {
    PartialState state = partials.get(hash);
    return state == null ? -1 : state.size;
  }

  @Override
  public BitSet heldChunks(Hash hash) {
    PartialState state = partials.get(hash);
    return state == null ? new BitSet() : (BitSet) state.held.clone();
  }

  @Override
  public void writeChunk(Hash hash, int index, byte[] data) throws IOException {
    PartialState state = partials.get(hash);
    if (state == null) {
      throw new IllegalArgumentException("no partial blob " + hash.shortHex());
    }
    int length = BlobLimits.chunkLength(state.size, index);
    if (data.length != length) {
      throw new IllegalArgumentException("chunk " + index + " must have " + length + " bytes");
    }
    try (FileChannel channel = FileChannel.open(partPath(hash), StandardOpenOption.WRITE)) {
      ByteBuffer in = ByteBuffer.wrap(data);
      long offset = BlobLimits.chunkOffset(index);
      while (in.hasRemaining()) {
        channel.write(in, offset + in.position());
      }
      if (isSyncEnabled) {
        channel.force(false); // the data before its bit: the bitmap never runs ahead of the disk
      }
    }
    state.held.set(index);
    byte bits = 0;
    for (int i = index / 8 * 8; i < index / 8 * 8 + 8; i++) {
      if (state.held.get(i)) {
        bits |= (byte) (1 << (i % 8));
      }
    }
    try (FileChannel channel = FileChannel.open(bitmapPath(hash), StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {bits}), BITMAP_HEADER_BYTES + index / 8);
    }
  }

  @Override
  public Completion complete(Hash hash) throws IOException {
    PartialState state = partials.get(hash);
    if (state == null || state.held.cardinality() < BlobLimits.chunkCount(state.size)) {
      return Completion.INCOMPLETE;
    }
    Path part = partPath(hash);
    boolean isMatch;
    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.READ)) {
      isMatch = channel.size() == state.size && hashOf(channel).equals(hash);
      if (isMatch && isSyncEnabled) {
        channel.force(true);
      }
    } catch (NoSuchFileException e) {
      isMatch = false;
    }
    partials.remove(hash);
    if (!isMatch) {
      storedBytes -= state.size;
      deletePartialFiles(hash);
      return Completion.MISMATCH;
    }
    publish(part, hash);
    Files.deleteIfExists(bitmapPath(hash));
    completeSizes.put(hash, state.size);
    return Completion.VERIFIED;
  }

  private static Hash hashOf(FileChannel channel) throws IOException {
    MessageDigest digest = Hash.newDigest();
    ByteBuffer buffer = ByteBuffer.allocate(HASH_BUFFER_BYTES);
    long position = 0;
    int read;
    while ((read = channel.read(buffer, position)) > 0) {
      position += read;
      buffer.flip();
      digest.update(buffer);
      buffer.clear();
    }
    return Hash.ofDigest(digest);
  }

  @Override
  public void discardPartial(Hash hash) throws IOException {
    PartialState state = partials.remove(hash);
    if (state != null) {
      storedBytes -= state.size;
      deletePartialFiles(hash);
    }
  }

  @Override
  public List<Hash> partials() {
    return new ArrayList<>(partials.keySet());
  }

  @Override
  public long storageBytes() {
    return storedBytes;
  }

  // ============================================================ helpers

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

  private void deletePartialFiles(Hash hash) throws IOException {
    Files.deleteIfExists(bitmapPath(hash)); // the bitmap first: a part file alone is ignored
    Files.deleteIfExists(partPath(hash));
  }

  private void syncDirectory(Path directory) {
    if (!isSyncEnabled) {
      return;
    }
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename itself is still atomic there.
    }
  }

  private Path completePath(Hash hash) {
    String hex = hash.hex();
    return blobs.resolve(hex.substring(0, 2)).resolve(hex);
  }

  private Path partPath(Hash hash) {
    return partialDir.resolve(hash.hex() + ".part");
  }

  private Path bitmapPath(Hash hash) {
    return partialDir.resolve(hash.hex() + ".bitmap");
  }

  private static int bitmapBytes(int chunks) {
    return (chunks + 7) / 8;
  }

  private static Hash parseHash(String name) {
    if (name.length() != 2 * Hash.BYTES || !isHex(name)) {
      return null;
    }
    return Hash.fromHex(name);
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
