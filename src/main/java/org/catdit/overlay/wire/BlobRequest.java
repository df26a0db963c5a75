package org.catdit.overlay.wire;

import java.util.Objects;
import org.catdit.ledger.Hash;

/**
 * Asks a neighbour for one chunk of a blob. Answered by {@link BlobChunk}, {@link BlobNotHave} (the
 * neighbour holds no complete copy) or {@link BlobBusy} (it is serving too much right now).
 */
public record BlobRequest(Hash hash, int chunkIndex) implements Message {
  public BlobRequest {
    Objects.requireNonNull(hash);
    BlobLimits.checkChunkIndex(chunkIndex);
  }

  @Override
  public MessageType type() {
    return MessageType.BLOB_REQUEST;
  }
}
