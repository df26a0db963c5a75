package org.catdit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The one thread that writes to the database. Callers (the network loop among them) only enqueue a
 * {@link WriteOp} and get a future; the thread takes whatever is queued, up to {@code
 * maxBatchItems}, applies it in one transaction and commits once, so many small calls cost one
 * fsync. A future completes only after the commit that holds its write: "acknowledged" means
 * durable.
 *
 * <p>The queue is bounded twice, by calls and by items; a write beyond either bound is refused at
 * once with {@link StoreOverloadedException} in its future and nothing of it is stored. If a batch
 * fails, it is rolled back and each call is retried in a transaction of its own, so one bad call
 * cannot take its neighbours down with it.
 *
 * <p>Futures complete on the writer thread: chain heavy work with the {@code ...Async} methods.
 */
final class StoreWriter {
  /** One write: applied inside the writer's transaction, never commits itself. */
  interface WriteOp {
    /**
     * Applies the write.
     *
     * @return what to do once the transaction has committed (may be {@code null})
     */
    Runnable apply(WriteContext context) throws SQLException;
  }

  /** The writer's connection and its cache of prepared statements. */
  static final class WriteContext {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    WriteContext(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement prepared(String sql) throws SQLException {
      PreparedStatement statement = statements.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        statements.put(sql, statement);
      }
      return statement;
    }

    Connection connection() {
      return connection;
    }

    void closeStatements() {
      for (PreparedStatement statement : statements.values()) {
        try {
          statement.close();
        } catch (SQLException ignored) {
          // closing the connection next releases it anyway
        }
      }
      statements.clear();
    }
  }

  private record Request(WriteOp op, int items, CompletableFuture<Void> done) {}

  private static final Request STOP = new Request(null, 0, null);

  private final WriteContext context;
  private final BlockingQueue<Request> queue;
  private final int maxPendingItems;
  private final int maxPendingRequests;
  private final int maxBatchItems;
  private final Thread thread;
  private final Object submitLock = new Object();

  // Guarded by submitLock.
  private int pendingItems;
  private boolean isClosed;

  StoreWriter(Connection connection, StoreOptions options, String threadName) {
    this.context = new WriteContext(connection);
    this.maxPendingItems = options.maxPendingWriteItems();
    this.maxPendingRequests = options.maxPendingWriteRequests();
    this.maxBatchItems = options.maxBatchItems();
    // One spare slot for STOP, so close() never waits for room.
    this.queue = new ArrayBlockingQueue<>(maxPendingRequests + 1);
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Queues {@code op}, which writes {@code items} items (at least one is counted).
   *
   * @return completes after the commit, or exceptionally with {@link StoreOverloadedException}
   *     (queue full), {@link StoreException} (closed, or the database failed)
   */
  CompletableFuture<Void> submit(int items, WriteOp op) {
    int counted = Math.max(1, items);
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (submitLock) {
      if (isClosed) {
        done.completeExceptionally(new StoreException("the store is closed"));
        return done;
      }
      if (pendingItems + (long) counted > maxPendingItems) {
        done.completeExceptionally(
            new StoreOverloadedException(
                "the store's write queue is full ("
                    + pendingItems
                    + " items pending, at most "
                    + maxPendingItems
                    + "); "
                    + counted
                    + " items not stored, retry later"));
        return done;
      }
      if (queue.size() >= maxPendingRequests || !queue.offer(new Request(op, counted, done))) {
        done.completeExceptionally(
            new StoreOverloadedException(
                "the store's write queue is full ("
                    + maxPendingRequests
                    + " writes pending); "
                    + counted
                    + " items not stored, retry later"));
        return done;
      }
      pendingItems += counted;
    }
    return done;
  }

  /** Items queued and not yet committed. */
  int pendingItems() {
    synchronized (submitLock) {
      return pendingItems;
    }
  }

  boolean isWriterThread() {
    return Thread.currentThread() == thread;
  }

  /** Refuses new writes, lets the thread commit everything already queued, and waits for it. */
  void close() throws InterruptedException {
    if (isWriterThread()) {
      throw new IllegalStateException("the store cannot be closed from its own writer thread");
    }
    synchronized (submitLock) {
      if (!isClosed) {
        isClosed = true;
        queue.add(STOP);
      }
    }
    thread.join();
    context.closeStatements();
  }

  private void run() {
    List<Request> batch = new ArrayList<>();
    boolean isStopping = false;
    while (!isStopping) {
      Request first;
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        // Nobody interrupts this private thread but close(); keep draining until STOP.
        continue;
      }
      if (first == STOP) {
        break;
      }
      batch.add(first);
      int batchItems = first.items();
      while (batchItems < maxBatchItems) {
        Request next = queue.peek();
        if (next == null) {
          break;
        }
        if (next != STOP && batchItems + next.items() > maxBatchItems) {
          break; // keep it for the next transaction
        }
        queue.poll();
        if (next == STOP) {
          isStopping = true;
          break;
        }
        batch.add(next);
        batchItems += next.items();
      }
      commitBatch(batch);
      batch.clear();
    }
  }

  private void commitBatch(List<Request> batch) {
    List<Runnable> afterCommit = new ArrayList<>(batch.size());
    try {
      for (Request request : batch) {
        afterCommit.add(request.op().apply(context));
      }
      context.connection().commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      if (batch.size() > 1) {
        for (Request request : batch) {
          commitBatch(List.of(request));
        }
        return;
      }
      finish(batch, null, e);
      return;
    }
    finish(batch, afterCommit, null);
  }

  private void finish(List<Request> batch, List<Runnable> afterCommit, Exception failure) {
    int items = 0;
    for (Request request : batch) {
      items += request.items();
    }
    synchronized (submitLock) {
      pendingItems -= items;
    }
    for (int i = 0; i < batch.size(); i++) {
      Request request = batch.get(i);
      if (failure != null) {
        request
            .done()
            .completeExceptionally(
                failure instanceof StoreException
                    ? failure
                    : new StoreException("the write failed: " + failure, failure));
        continue;
      }
      Runnable action = afterCommit.get(i);
      if (action != null) {
        action.run();
      }
      request.done().complete(null);
    }
  }

  private void rollbackQuietly() {
    try {
      context.connection().rollback();
    } catch (SQLException ignored) {
      // the failed transaction is gone either way; the next write reports a broken database
    }
  }
}
