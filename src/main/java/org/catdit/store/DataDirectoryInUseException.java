package org.catdit.store;

import java.nio.file.Path;

/** Another catdit process (or another open store in this one) holds the data directory. */
public final class DataDirectoryInUseException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient Path dataDirectory;

  public DataDirectoryInUseException(Path dataDirectory) {
    super("catdit is already running with data directory " + dataDirectory);
    this.dataDirectory = dataDirectory;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }
}
