package org.catdit.feed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PictureFileTest {
  @TempDir Path directory;

  @Test
  void readsAFileWithinTheCap() throws Exception {
    Path file = directory.resolve("cat.jpg");
    Files.write(file, TestPictures.bytes("chelsea.jpg"));
    assertArrayEquals(
        TestPictures.bytes("chelsea.jpg"), PictureFile.read(file, new PictureCheck()));
  }

  @Test
  void refusesAHugeFileFromItsSizeWithoutReadingIt() throws Exception {
    Path file = directory.resolve("huge.jpg");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(3L << 30); // 3 GiB, sparse: reading it would exhaust the heap
    }
    PictureRejectedException refused =
        assertThrows(
            PictureRejectedException.class, () -> PictureFile.read(file, new PictureCheck()));
    assertEquals("The picture is 3072 MB; the limit is 10 MB.", refused.getMessage());
  }

  @Test
  void missingFilesAndFoldersAreNamed() {
    PictureRejectedException missing =
        assertThrows(
            PictureRejectedException.class,
            () -> PictureFile.read(directory.resolve("no.png"), new PictureCheck()));
    assertEquals("There is no file " + directory.resolve("no.png") + ".", missing.getMessage());
    PictureRejectedException folder =
        assertThrows(
            PictureRejectedException.class, () -> PictureFile.read(directory, new PictureCheck()));
    assertEquals(directory + " is a folder, not a picture file.", folder.getMessage());
  }
}
