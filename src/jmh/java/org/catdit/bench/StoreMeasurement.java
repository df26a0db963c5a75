package org.catdit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.catdit.ledger.Hash;
import org.catdit.store.Store;
import org.catdit.store.StoreOptions;
import org.catdit.store.StoredTransition;

/**
 * Append throughput and load time of the SQLite store (docs/store.md). Not a JMH benchmark: one
 * run writes {@code --transitions} transitions of {@code --encoded-bytes} bytes with two parents
 * each into a fresh data directory, in calls of {@code --batch}, keeping up to {@code --in-flight}
 * calls unacknowledged (as a network thread that does not wait would); then closes, reopens and
 * loads them all. Prints one line of figures per synchronous mode, each rate also per second of
 * the process's CPU time (on a shared machine the wall-clock rate depends on the neighbours).
 *
 * <pre>
 * mvn -B -o -Pbench package -DskipTests
 * java -cp target/benchmarks.jar org.catdit.bench.StoreMeasurement [--transitions 100000]
 *     [--batch 100] [--in-flight 16] [--encoded-bytes 300] [--dir /tmp/catdit-store-bench]
 * </pre>
 */
public final class StoreMeasurement {
  private StoreMeasurement() {}

  public static void main(String[] args) throws Exception {
    int transitions = 100_000;
    int batch = 100;
    int inFlight = 16;
    int encodedBytes = 300;
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "catdit-store-bench");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--transitions" -> transitions = Integer.parseInt(args[i + 1]);
        case "--batch" -> batch = Integer.parseInt(args[i + 1]);
        case "--in-flight" -> inFlight = Integer.parseInt(args[i + 1]);
        case "--encoded-bytes" -> encodedBytes = Integer.parseInt(args[i + 1]);
        case "--dir" -> root = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<StoredTransition> all = generate(transitions, encodedBytes);
    for (boolean isFull : new boolean[] {true, false}) {
      Path directory = root.resolve(isFull ? "full" : "normal");
      deleteRecursively(directory);
      run(directory, StoreOptions.defaults().withSynchronousFull(isFull), all, batch, inFlight);
    }
  }

  private static void run(
      Path directory, StoreOptions options, List<StoredTransition> all, int batch, int inFlight)
      throws Exception {
    long appendNanos;
    long appendCpuNanos;
    try (Store store = Store.open(directory, options)) {
      ArrayDeque<CompletableFuture<Void>> window = new ArrayDeque<>();
      long start = System.nanoTime();
      appendCpuNanos = -processCpuNanos();
      for (int from = 0; from < all.size(); from += batch) {
        if (window.size() >= inFlight) {
          window.removeFirst().get(60, TimeUnit.SECONDS);
        }
        window.addLast(store.appendTransitions(all.subList(from, Math.min(all.size(), from + batch))));
      }
      for (CompletableFuture<Void> future : window) {
        future.get(60, TimeUnit.SECONDS);
      }
      appendNanos = System.nanoTime() - start;
      appendCpuNanos += processCpuNanos();
      if (store.transitionCount() != all.size()) {
        throw new IllegalStateException("stored " + store.transitionCount());
      }
    }
    long openStart = System.nanoTime();
    long loadNanos;
    long openNanos;
    long loadCpuNanos;
    AtomicLong loaded = new AtomicLong();
    try (Store store = Store.open(directory, options)) {
      openNanos = System.nanoTime() - openStart;
      long loadStart = System.nanoTime();
      loadCpuNanos = -processCpuNanos();
      store.loadTransitions(transition -> loaded.incrementAndGet());
      loadNanos = System.nanoTime() - loadStart;
      loadCpuNanos += processCpuNanos();
    }
    if (loaded.get() != all.size()) {
      throw new IllegalStateException("loaded " + loaded.get());
    }
    long databaseBytes = Files.size(directory.resolve(Store.DATABASE_FILE_NAME));
    System.out.printf(
        Locale.ROOT,
        "synchronous=%s transitions=%d batch=%d inFlight=%d appendPerSec=%.0f"
            + " appendPerCpuSec=%.0f openMillis=%.1f loadMillis=%.1f loadCpuMillis=%.1f"
            + " loadPerSec=%.0f databaseMB=%.1f%n",
        options.isSynchronousFull() ? "FULL" : "NORMAL",
        all.size(),
        batch,
        inFlight,
        all.size() / (appendNanos / 1e9),
        all.size() / (appendCpuNanos / 1e9),
        openNanos / 1e6,
        loadNanos / 1e6,
        loadCpuNanos / 1e6,
        all.size() / (loadNanos / 1e9),
        databaseBytes / 1e6);
  }

  /**
   * CPU time of the whole process (all threads, GC and the JIT included): on a shared machine the
   * wall-clock rate depends on the neighbours, this one much less.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** A DAG shaped like the ledger's: 1,000 authors, each transition approving two recent ones. */
  private static List<StoredTransition> generate(int count, int encodedBytes) {
    SplittableRandom random = new SplittableRandom(42);
    byte[][] authors = new byte[1_000][32];
    for (byte[] author : authors) {
      random.nextBytes(author);
    }
    long[] sequences = new long[authors.length];
    List<StoredTransition> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] encoded = new byte[encodedBytes];
      random.nextBytes(encoded);
      Hash id = Hash.sha256(encoded);
      List<Hash> parents = new ArrayList<>(2);
      if (i > 0) {
        parents.add(all.get(i - 1).id());
      }
      if (i > 1) {
        Hash other = all.get(Math.max(0, i - 2 - random.nextInt(Math.min(i - 1, 50)))).id();
        if (!parents.contains(other)) {
          parents.add(other);
        }
      }
      int author = random.nextInt(authors.length);
      all.add(
          new StoredTransition(
              id,
              authors[author],
              sequences[author]++,
              random.nextInt(4),
              1_700_000_000_000L + i,
              parents,
              encoded));
    }
    return all;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
