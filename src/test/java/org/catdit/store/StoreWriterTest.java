package org.catdit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreWriterTest {
  @TempDir Path temp;
  private Connection connection;
  private StoreWriter writer;
  private final CountDownLatch isBlocked = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void openDatabase() throws Exception {
    connection = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("w.db"));
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("CREATE TABLE rows (value INTEGER NOT NULL UNIQUE)");
    }
    connection.setAutoCommit(false);
  }

  @AfterEach
  void closeDatabase() throws Exception {
    release.countDown();
    if (writer != null) {
      writer.close();
    }
    connection.close();
  }

  private StoreWriter newWriter(int maxItems, int maxRequests, int maxBatchItems) {
    StoreOptions options =
        new StoreOptions(maxItems, maxRequests, maxBatchItems, true, 1_000, 100, 10, 10);
    return new StoreWriter(connection, options, "test-writer");
  }

  /** Holds the writer thread inside a write until {@link #release} opens. */
  private CompletableFuture<Void> blockWriter() throws InterruptedException {
    CompletableFuture<Void> blocker =
        writer.submit(
            1,
            context -> {
              isBlocked.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return null;
            });
    assertTrue(isBlocked.await(10, TimeUnit.SECONDS));
    return blocker;
  }

  private static StoreWriter.WriteOp insert(int value) {
    return context -> {
      try (Statement statement = context.connection().createStatement()) {
        statement.executeUpdate("INSERT INTO rows (value) VALUES (" + value + ")");
      }
      return null;
    };
  }

  private long rowCount() throws Exception {
    try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("w.db"));
        Statement statement = reader.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM rows")) {
      result.next();
      return result.getLong(1);
    }
  }

  @Test
  void callsQueuedWhileTheWriterIsBusyCommitInOneTransaction() throws Exception {
    writer = newWriter(1_000, 100, 1_000);
    blockWriter();
    AtomicInteger applied = new AtomicInteger();
    List<Integer> appliedAtCommit = new ArrayList<>();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      futures.add(
          writer.submit(
              1,
              context -> {
                applied.incrementAndGet();
                return () -> appliedAtCommit.add(applied.get());
              }));
    }
    release.countDown();
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    // Every call's after-commit step saw all 20 applied: one transaction, one commit.
    assertEquals(List.of(20), appliedAtCommit.stream().distinct().toList());
  }

  @Test
  void aBatchIsCutAtMaxBatchItems() throws Exception {
    writer = newWriter(1_000, 100, 10);
    blockWriter();
    AtomicInteger applied = new AtomicInteger();
    List<Integer> appliedAtCommit = new ArrayList<>();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      futures.add(
          writer.submit(
              5,
              context -> {
                applied.incrementAndGet();
                return () -> appliedAtCommit.add(applied.get());
              }));
    }
    release.countDown();
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertEquals(List.of(2, 2, 4, 4), appliedAtCommit);
  }

  @Test
  void aFullQueueRefusesWritesAtOnceAndStoresNothingOfThem() throws Exception {
    writer = newWriter(10, 100, 1_000);
    blockWriter(); // 1 item pending
    CompletableFuture<Void> accepted = writer.submit(9, insert(1));
    CompletableFuture<Void> refused = writer.submit(1, insert(2));
    assertTrue(refused.isCompletedExceptionally());
    ExecutionException failure = assertThrows(ExecutionException.class, refused::get);
    assertInstanceOf(StoreOverloadedException.class, failure.getCause());
    assertEquals(10, writer.pendingItems());

    release.countDown();
    accepted.get(10, TimeUnit.SECONDS);
    assertEquals(1, rowCount());
    assertEquals(0, writer.pendingItems());
    // With room again, the same write is accepted.
    writer.submit(1, insert(2)).get(10, TimeUnit.SECONDS);
    assertEquals(2, rowCount());
  }

  @Test
  void theQueueIsAlsoBoundedInCalls() throws Exception {
    writer = newWriter(1_000, 3, 1_000);
    blockWriter(); // taken off the queue by the writer thread
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      futures.add(writer.submit(1, insert(i)));
    }
    assertFalse(futures.get(2).isCompletedExceptionally());
    ExecutionException failure = assertThrows(ExecutionException.class, futures.get(3)::get);
    assertInstanceOf(StoreOverloadedException.class, failure.getCause());
    release.countDown();
    CompletableFuture.allOf(futures.subList(0, 3).toArray(CompletableFuture[]::new))
        .get(10, TimeUnit.SECONDS);
    assertEquals(3, rowCount());
  }

  @Test
  void aFailingWriteFailsAloneAndItsBatchNeighboursCommit() throws Exception {
    writer = newWriter(1_000, 100, 1_000);
    blockWriter();
    CompletableFuture<Void> first = writer.submit(1, insert(1));
    CompletableFuture<Void> duplicate = writer.submit(1, insert(1)); // UNIQUE violation
    CompletableFuture<Void> third = writer.submit(1, insert(3));
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    third.get(10, TimeUnit.SECONDS);
    ExecutionException failure = assertThrows(ExecutionException.class, duplicate::get);
    assertInstanceOf(StoreException.class, failure.getCause());
    assertEquals(2, rowCount());
  }

  @Test
  void closeDrainsTheQueueThenRefuses() throws Exception {
    writer = newWriter(1_000, 100, 1_000);
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      futures.add(writer.submit(1, insert(i)));
    }
    writer.close();
    for (CompletableFuture<Void> future : futures) {
      assertTrue(future.isDone() && !future.isCompletedExceptionally());
    }
    assertEquals(50, rowCount());
    ExecutionException closed =
        assertThrows(ExecutionException.class, () -> writer.submit(1, insert(99)).get());
    assertInstanceOf(StoreException.class, closed.getCause());
    writer = null;
  }
}
