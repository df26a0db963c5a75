package org.catdit.overlay.wire;

import java.util.Objects;
import org.catdit.ledger.Hash;

/**
 * Tells a peer that asked for a blob too early (and got {@link BlobNotHave}) that the sender now
 * holds it complete and verified, so it need not wait for its next retry round.
 */
public record BlobHave(Hash hash, long blobBytes) implements Message {
  public BlobHave {
    Objects.requireNonNull(hash);
    BlobLimits.checkBlobBytes(blobBytes);
  }

  @Override
  public MessageType type() {
    return MessageType.BLOB_HAVE;
  }
}
