package org.catdit.overlay.wire;

/**
 * Bounds and chunk arithmetic of picture (blob) transfer. The chunk size is part of the protocol:
 * both ends must number a blob's chunks the same way, so it is a constant, not a setting.
 */
public final class BlobLimits {
  /**
   * Bytes per chunk (the last chunk of a blob may be shorter). 16 KiB: a few datagrams on the link
   * layer, so a lost chunk costs little to ask again, and far below the codec's 64 KiB message cap.
   */
  public static final int CHUNK_BYTES = 16 * 1024;

  /** Largest blob any peer transfers: 16 MiB, far above the picture cap (about 5 MB). */
  public static final long MAX_BLOB_BYTES = 16L * 1024 * 1024;

  /** Chunks of the largest blob. */
  public static final int MAX_CHUNKS = (int) (MAX_BLOB_BYTES / CHUNK_BYTES);

  private BlobLimits() {}

  /** Chunks of a blob of {@code blobBytes} bytes (at least 1 byte, at most the cap). */
  public static int chunkCount(long blobBytes) {
    checkBlobBytes(blobBytes);
    return (int) ((blobBytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
  }

  /** Length of chunk {@code index} of a blob of {@code blobBytes} bytes. */
  public static int chunkLength(long blobBytes, int index) {
    int count = chunkCount(blobBytes);
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("chunk " + index + " outside 0.." + (count - 1));
    }
    return index == count - 1 ? (int) (blobBytes - (long) index * CHUNK_BYTES) : CHUNK_BYTES;
  }

  /** Byte offset of chunk {@code index}. */
  public static long chunkOffset(int index) {
    return (long) index * CHUNK_BYTES;
  }

  public static void checkBlobBytes(long blobBytes) {
    if (blobBytes < 1 || blobBytes > MAX_BLOB_BYTES) {
      throw new IllegalArgumentException(
          "blob of " + blobBytes + " bytes outside 1.." + MAX_BLOB_BYTES);
    }
  }

  static void checkChunkIndex(int index) {
    if (index < 0 || index >= MAX_CHUNKS) {
      throw new IllegalArgumentException("chunk index out of range: " + index);
    }
  }
}
