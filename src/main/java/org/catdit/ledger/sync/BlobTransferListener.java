package org.catdit.ledger.sync;

import org.catdit.ledger.Hash;

/** Told when a wanted blob arrives complete and verified, or is given up. */
public interface BlobTransferListener {

  /** {@code hash} is now held complete and verified (readable from the repository). */
  void onBlobComplete(long nowMicros, Hash hash);

  /**
   * {@code hash} was dropped from the want list without being fetched: every copy found hashed to
   * something else too often (the announced size or hash is wrong), or storage failed. Asking
   * {@link BlobTransfer#fetch} again starts over.
   */
  default void onBlobFailed(long nowMicros, Hash hash, String reason) {}
}
