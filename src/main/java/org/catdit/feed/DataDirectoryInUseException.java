package org.catdit.feed;

import java.nio.file.Path;

/**
 * Another catdit process holds the lock on this data directory; two processes writing one store
 * would corrupt it, so the second is refused. The message is written for the user.
 */
public final class DataDirectoryInUseException extends Exception {
  private final transient Path dataDirectory;

  public DataDirectoryInUseException(Path dataDirectory) {
    super(
        "Another catdit is already running on the data directory "
            + dataDirectory
            + ". Close it first, or start this one with --data pointing elsewhere.",
        null,
        false,
        false);
    this.dataDirectory = dataDirectory;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }
}
