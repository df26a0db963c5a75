package org.catdit.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The exclusive lock on {@code catdit.lock} that keeps a second catdit process away from a data
 * directory. The operating system drops it when the process dies, also on {@code kill -9}, so a
 * crash never leaves a stale lock behind.
 *
 * <p>Locks held by this JVM are also remembered in a set and checked before the file is opened: on
 * Linux the lock is a POSIX record lock, which belongs to the process, and closing <em>any</em>
 * descriptor of the file would release it. A second {@code Store.open} in the same JVM must
 * therefore be refused without opening the file at all.
 */
final class DataDirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "catdit.lock";

  private static final Set<Path> HELD_IN_THIS_JVM = new HashSet<>();

  private final Path directory;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(Path directory, FileChannel channel, FileLock lock) {
    this.directory = directory;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code directory} (which must exist, given as a real path).
   *
   * @throws DataDirectoryInUseException if another process or store holds it
   */
  static DataDirectoryLock acquire(Path directory) throws IOException {
    synchronized (HELD_IN_THIS_JVM) {
      if (HELD_IN_THIS_JVM.contains(directory)) {
        throw new DataDirectoryInUseException(directory);
      }
      FileChannel channel =
          FileChannel.open(
              directory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException | IOException e) {
        channel.close();
        if (e instanceof OverlappingFileLockException) {
          throw new DataDirectoryInUseException(directory);
        }
        throw e;
      }
      if (lock == null) {
        channel.close();
        throw new DataDirectoryInUseException(directory);
      }
      HELD_IN_THIS_JVM.add(directory);
      return new DataDirectoryLock(directory, channel, lock);
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (HELD_IN_THIS_JVM) {
      try {
        lock.release();
      } finally {
        channel.close();
        HELD_IN_THIS_JVM.remove(directory);
      }
    }
  }
}
