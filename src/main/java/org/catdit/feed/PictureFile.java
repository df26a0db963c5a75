package org.catdit.feed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a picture file a user named, bounded by the byte cap, with errors written for the user. */
public final class PictureFile {
  private PictureFile() {}

  /**
   * The bytes of {@code path}; never reads more than the cap of {@code check} plus one byte, so a
   * huge file (or one growing while read) costs no memory.
   */
  public static byte[] read(Path path, PictureCheck check) throws PictureRejectedException {
    try {
      if (Files.isDirectory(path)) {
        throw new PictureRejectedException(path + " is a folder, not a picture file.");
      }
      check.checkSize(Files.size(path));
      try (InputStream in = Files.newInputStream(path)) {
        byte[] bytes =
            in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, check.limits().maxBytes() + 1));
        check.checkSize(bytes.length);
        return bytes;
      }
    } catch (NoSuchFileException e) {
      throw new PictureRejectedException("There is no file " + path + ".");
    } catch (AccessDeniedException e) {
      throw new PictureRejectedException("Cannot read " + path + ": permission denied.");
    } catch (IOException e) {
      throw new PictureRejectedException("Cannot read " + path + ": " + e.getMessage());
    }
  }
}
