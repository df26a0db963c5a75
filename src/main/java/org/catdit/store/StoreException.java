package org.catdit.store;

/** The database failed (disk full, I/O error, corrupt file) or the store is closed. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
