package org.catdit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random moments during heavy writes: a child JVM ({@link CrashWriterMain})
 * appends continuously and is killed with SIGKILL ({@link Process#destroyForcibly()}); after each
 * kill the database must open (the dead process's lock gone), pass {@code PRAGMA integrity_check},
 * hold every transition acknowledged before the kill as an unbroken chain, and take new writes.
 */
class StoreCrashTest {
  private static final long SEED = 20261127L;

  @TempDir Path temp;

  @Test
  void killedFiveTimesDuringWritesTheStoreKeepsWhatItAcknowledged() throws Exception {
    killRepeatedly(5);
  }

  @Test
  @Tag("slow")
  void killedTwentyTimesDuringWritesTheStoreKeepsWhatItAcknowledged() throws Exception {
    killRepeatedly(20);
  }

  private void killRepeatedly(int kills) throws Exception {
    Path directory = temp.resolve("data");
    Random random = new Random(SEED);
    long previousCount = 0;
    for (int round = 0; round < kills; round++) {
      Child child =
          Child.start(
              directory,
              temp.resolve("child-" + round + ".out"),
              temp.resolve("child-" + round + ".err"));
      long startedAt = child.awaitLine("READY", 0);
      assertEquals(previousCount, startedAt, "the child resumes where the last round ended");
      if (round == 0) {
        // A second process (this one) is refused while the child holds the directory.
        assertThrows(DataDirectoryInUseException.class, () -> Store.open(directory));
      }
      // Writes are under way (a few batches acknowledged), then the kill lands anywhere.
      child.awaitLine("ACK", startedAt + 200);
      Thread.sleep(random.nextInt(300));
      child.process.destroyForcibly();
      assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
      long acknowledged = child.acknowledged();

      // The lock died with the process: this open must succeed at once.
      try (Store store = Store.open(directory)) {
        assertEquals("ok", store.integrityCheck());
        long count = store.transitionCount();
        assertTrue(
            count >= acknowledged,
            "round " + round + ": " + acknowledged + " acknowledged but " + count + " stored");
        assertChainIsComplete(store, count);
        // The database keeps working: the next round's child resumes after these.
        List<StoredTransition> more = new ArrayList<>();
        for (long i = count; i < count + 10; i++) {
          more.add(TestTransitions.chain(i));
        }
        store.appendTransitions(more).get(30, TimeUnit.SECONDS);
        previousCount = count + 10;
      }
    }
    assertTrue(previousCount > kills * 10L, "the children wrote nothing: " + previousCount);
  }

  /** Every transition 0..count-1, each after its parent: no hole, no half-written batch. */
  private static void assertChainIsComplete(Store store, long count) {
    AtomicLong next = new AtomicLong();
    store.loadTransitions(
        transition -> {
          long index = next.getAndIncrement();
          if (!transition.equals(TestTransitions.chain(index))) {
            fail("transition " + index + " is " + transition);
          }
        });
    assertEquals(count, next.get());
  }

  /**
   * A running {@link CrashWriterMain}. Its stdout goes to a file, not a pipe: every line it wrote
   * before the kill is in the file (a pipe's unread lines are lost when the process is destroyed).
   */
  private static final class Child {
    final Process process;
    final Path output;
    final Path errors;

    private Child(Process process, Path output, Path errors) {
      this.process = process;
      this.output = output;
      this.errors = errors;
    }

    static Child start(Path directory, Path output, Path errors) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder =
          new ProcessBuilder(
              java,
              "-Xmx256m",
              "-cp",
              System.getProperty("java.class.path"),
              CrashWriterMain.class.getName(),
              directory.toString());
      builder.redirectOutput(output.toFile());
      builder.redirectError(errors.toFile());
      return new Child(builder.start(), output, errors);
    }

    /** The complete lines so far (a line cut by the kill has no newline and is left out). */
    List<String> lines() throws IOException {
      String text = Files.readString(output, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      if (end < 0) {
        return List.of();
      }
      List<String> lines = List.of(text.substring(0, end).split("\n"));
      for (String line : lines) {
        if (line.startsWith("FAILED")) {
          fail("the child failed: " + line);
        }
      }
      return lines;
    }

    /** Waits until a line starts with {@code prefix} and ends in a number at least {@code min}. */
    long awaitLine(String prefix, long min) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        for (String line : lines()) {
          if (line.startsWith(prefix + " ")) {
            long number = Long.parseLong(line.substring(prefix.length() + 1));
            if (number >= min) {
              return number;
            }
          }
        }
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(10);
      }
      process.destroyForcibly();
      fail("no " + prefix + " >= " + min + " from the child; stderr: " + Files.readString(errors));
      return -1;
    }

    /** After the process is gone: the last acknowledgement it wrote. */
    long acknowledged() throws IOException {
      long acknowledged = 0;
      for (String line : lines()) {
        if (line.startsWith("ACK ")) {
          long acked = Long.parseLong(line.substring(4));
          // Futures complete in submission order, so acknowledgements only grow.
          assertTrue(acked > acknowledged, "acknowledgements went backwards at " + line);
          acknowledged = acked;
        }
      }
      return acknowledged;
    }
  }
}
