package org.catdit.ledger.sync;

import java.io.IOException;

/** A blob repository refused a blob because it would exceed its byte budget. */
public final class BlobStoreFullException extends IOException {
  private static final long serialVersionUID = 1L;

  public BlobStoreFullException(String message) {
    super(message);
  }
}
