package org.catdit.overlay.wire;

import java.util.Objects;
import org.catdit.ledger.Hash;

/**
 * One chunk of a blob, the answer to a {@link BlobRequest}. Travels on the link layer's bulk
 * stream. The constructor checks that {@code data} has exactly the length chunk {@code chunkIndex}
 * of a blob of {@code blobBytes} bytes must have, so a decoded chunk is always well-shaped.
 *
 * @param blobBytes the size of the whole blob as the sender holds it
 * @param data the chunk's bytes; not copied, callers must not change the array
 */
public record BlobChunk(Hash hash, int chunkIndex, long blobBytes, byte[] data) implements Message {
  public BlobChunk {
    Objects.requireNonNull(hash);
    BlobLimits.checkChunkIndex(chunkIndex);
    int expected = BlobLimits.chunkLength(blobBytes, chunkIndex);
    if (data.length != expected) {
      throw new IllegalArgumentException(
          "chunk " + chunkIndex + " has " + data.length + " bytes, expected " + expected);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.BLOB_CHUNK;
  }
}
