package org.catdit.overlay.wire;

import java.util.Objects;
import org.catdit.ledger.Hash;

/**
 * The answer to a {@link BlobRequest} when the peer holds no complete copy of the blob. If it is
 * fetching the blob itself, it remembers the asker and sends a {@link BlobHave} once it has it.
 */
public record BlobNotHave(Hash hash, int chunkIndex) implements Message {
  public BlobNotHave {
    Objects.requireNonNull(hash);
    BlobLimits.checkChunkIndex(chunkIndex);
  }

  @Override
  public MessageType type() {
    return MessageType.BLOB_NOT_HAVE;
  }
}
