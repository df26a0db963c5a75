package org.catdit.overlay.wire;

import java.util.Objects;
import org.catdit.ledger.Hash;

/**
 * The answer to a {@link BlobRequest} that the peer holds the blob but will not queue the request:
 * too many requests from this asker or from all askers are waiting. The asker tries elsewhere.
 */
public record BlobBusy(Hash hash, int chunkIndex) implements Message {
  public BlobBusy {
    Objects.requireNonNull(hash);
    BlobLimits.checkChunkIndex(chunkIndex);
  }

  @Override
  public MessageType type() {
    return MessageType.BLOB_BUSY;
  }
}
