package org.catdit.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.catdit.ledger.Hash;
import org.sqlite.SQLiteConfig;

/**
 * A node's database: {@code catdit.db} (SQLite, WAL mode) in its data directory, which it holds
 * locked while open. Writes go through one writer thread and return futures that complete after the
 * commit; reads run on the caller's thread over a separate read-only connection, which WAL lets
 * read while the writer writes. Pictures are not stored here but as files.
 *
 * <p>Thread-safe. Open once per data directory; {@link #close()} when done.
 */
public final class Store implements AutoCloseable {
  public static final String DATABASE_FILE_NAME = "catdit.db";
  private static final int CACHE_KIB = 16 * 1024;

  private static final String INSERT_TRANSITION =
      "INSERT OR IGNORE INTO transitions (id, author, sequence, kind, timestamp_millis, encoded)"
          + " VALUES (?, ?, ?, ?, ?, ?) RETURNING insertion_order";
  private static final String INSERT_EDGE =
      "INSERT INTO parent_edges (child, position, parent) VALUES (?, ?, ?)";
  private static final String UPSERT_SCORE =
      "INSERT INTO scores (post, score) VALUES (?, ?)"
          + " ON CONFLICT (post) DO UPDATE SET score = excluded.score";
  // A peer's address and time move forward only: an older sighting never overwrites a newer one.
  private static final String UPSERT_PEER =
      "INSERT INTO known_peers (peer_id, address, last_seen_millis) VALUES (?, ?, ?)"
          + " ON CONFLICT (peer_id) DO UPDATE SET address = excluded.address,"
          + " last_seen_millis = excluded.last_seen_millis"
          + " WHERE excluded.last_seen_millis >= known_peers.last_seen_millis";
  private static final String FORGET_OLDEST_PEERS =
      "DELETE FROM known_peers WHERE peer_id IN (SELECT peer_id FROM known_peers"
          + " ORDER BY last_seen_millis ASC, peer_id ASC"
          + " LIMIT max(0, (SELECT count(*) FROM known_peers) - ?))";
  private static final String UPSERT_SETTING =
      "INSERT INTO settings (key, value) VALUES (?, ?)"
          + " ON CONFLICT (key) DO UPDATE SET value = excluded.value";

  private final Path dataDirectory;
  private final StoreOptions options;
  private final DataDirectoryLock lock;
  private final Connection writeConnection;
  private final Connection readConnection;
  private final StoreWriter writer;
  private final Object readLock = new Object();
  // Committed transitions, kept by the writer after each commit; read without touching SQLite.
  private final AtomicLong committedTransitions;
  private boolean isClosed;

  private Store(
      Path dataDirectory,
      StoreOptions options,
      DataDirectoryLock lock,
      Connection writeConnection,
      Connection readConnection,
      long transitionCount) {
    this.dataDirectory = dataDirectory;
    this.options = options;
    this.lock = lock;
    this.writeConnection = writeConnection;
    this.readConnection = readConnection;
    this.committedTransitions = new AtomicLong(transitionCount);
    this.writer = new StoreWriter(writeConnection, options, "catdit-store-writer");
  }

  /** Opens the store in {@code dataDirectory} with {@link StoreOptions#defaults()}. */
  public static Store open(Path dataDirectory) {
    return open(dataDirectory, StoreOptions.defaults());
  }

  /**
   * Creates {@code dataDirectory} if needed, locks it, opens (or creates) the database and brings
   * its schema up to date.
   *
   * @throws DataDirectoryInUseException if another catdit process or store holds the directory
   * @throws StoreException if the directory or database cannot be opened
   */
  public static Store open(Path dataDirectory, StoreOptions options) {
    Objects.requireNonNull(options, "options");
    Path directory;
    try {
      Files.createDirectories(dataDirectory);
      directory = dataDirectory.toRealPath();
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + dataDirectory + ": " + e, e);
    }
    DataDirectoryLock lock;
    try {
      lock = DataDirectoryLock.acquire(directory);
    } catch (IOException e) {
      throw new StoreException("cannot lock the data directory " + directory + ": " + e, e);
    }
    Connection writeConnection = null;
    Connection readConnection = null;
    try {
      String url = "jdbc:sqlite:" + directory.resolve(DATABASE_FILE_NAME);
      writeConnection = writeConfig(options).createConnection(url);
      Schema.migrate(writeConnection, Schema.CURRENT_VERSION);
      writeConnection.setAutoCommit(false);
      readConnection = readConfig(options).createConnection(url);
      long count;
      try (Statement statement = readConnection.createStatement();
          ResultSet result = statement.executeQuery("SELECT count(*) FROM transitions")) {
        result.next();
        count = result.getLong(1);
      }
      return new Store(directory, options, lock, writeConnection, readConnection, count);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(readConnection);
      closeQuietly(writeConnection);
      try {
        lock.close();
      } catch (IOException ignored) {
        // the process's exit releases it in any case
      }
      if (e instanceof StoreException storeException) {
        throw storeException;
      }
      throw new StoreException("cannot open the database in " + directory + ": " + e, e);
    }
  }

  private static SQLiteConfig writeConfig(StoreOptions options) {
    SQLiteConfig config = commonConfig(options);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL: the WAL is fsynced at every commit, so an acknowledged write survives a power cut,
    // not only kill -9 (NORMAL would survive kill -9 too, but may lose the last commits when the
    // machine goes down). The writer commits in batches, so this costs one fsync per batch.
    config.setSynchronous(
        options.isSynchronousFull()
            ? SQLiteConfig.SynchronousMode.FULL
            : SQLiteConfig.SynchronousMode.NORMAL);
    return config;
  }

  private static SQLiteConfig readConfig(StoreOptions options) {
    SQLiteConfig config = commonConfig(options);
    config.setReadOnly(true);
    return config;
  }

  private static SQLiteConfig commonConfig(StoreOptions options) {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    // The id and parent indexes take random keys: a larger page cache than SQLite's 2 MiB keeps
    // their inner pages in memory (negative: KiB, an upper bound, allocated only as used).
    config.setCacheSize(-CACHE_KIB);
    config.setBusyTimeout(options.busyTimeoutMillis());
    return config;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  // ---- transitions -------------------------------------------------------------------------

  /**
   * Stores {@code transitions} in this order, skipping ids already stored. Parents must come before
   * their children (in this call or an earlier one) for {@link #loadTransitions} to return them
   * parents first.
   *
   * @return completes once the transitions are committed; exceptionally with {@link
   *     StoreOverloadedException} when the write queue is full (nothing stored), {@link
   *     StoreException} when the store is closed, full ({@link StoreOptions#maxTransitions()},
   *     checked per call against the committed count, so it may be passed by one batch) or the
   *     database failed
   * @throws IllegalArgumentException if more than {@link StoreLimits#MAX_TRANSITIONS_PER_CALL}
   */
  public CompletableFuture<Void> appendTransitions(List<StoredTransition> transitions) {
    List<StoredTransition> copy = List.copyOf(transitions);
    requireAtMost(copy.size(), StoreLimits.MAX_TRANSITIONS_PER_CALL, "transitions per call");
    if (copy.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return writer.submit(copy.size(), context -> insertTransitions(context, copy));
  }

  private Runnable insertTransitions(StoreWriter.WriteContext context, List<StoredTransition> list)
      throws SQLException {
    if (committedTransitions.get() + list.size() > options.maxTransitions()) {
      throw new StoreException(
          "the store holds "
              + committedTransitions.get()
              + " transitions, at most "
              + options.maxTransitions()
              + "; "
              + list.size()
              + " more not stored");
    }
    PreparedStatement insert = context.prepared(INSERT_TRANSITION);
    PreparedStatement edge = context.prepared(INSERT_EDGE);
    int inserted = 0;
    for (StoredTransition transition : list) {
      byte[] id = transition.id().bytes();
      insert.setBytes(1, id);
      insert.setBytes(2, transition.authorKeyUnsafe());
      insert.setLong(3, transition.sequence());
      insert.setInt(4, transition.kind());
      insert.setLong(5, transition.timestampMillis());
      insert.setBytes(6, transition.encodedUnsafe());
      long insertionOrder;
      try (ResultSet returned = insert.executeQuery()) {
        if (!returned.next()) {
          continue; // already stored, edges included
        }
        insertionOrder = returned.getLong(1);
      }
      inserted++;
      List<Hash> parents = transition.parents();
      for (int position = 0; position < parents.size(); position++) {
        edge.setLong(1, insertionOrder);
        edge.setInt(2, position);
        edge.setBytes(3, parents.get(position).bytes());
        edge.executeUpdate();
      }
    }
    int insertedCount = inserted;
    return () -> committedTransitions.addAndGet(insertedCount);
  }

  /**
   * Hands every stored transition to {@code consumer} in insertion order (parents before children),
   * on the caller's thread, streaming: memory stays flat however many there are.
   */
  public void loadTransitions(Consumer<StoredTransition> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    // The outer scan of the rowid table is insertion order, and the edge table's primary key
    // (child insertion order, position) serves the join in parent order: no sort.
    String sql =
        "SELECT t.insertion_order, t.id, t.author, t.sequence, t.kind, t.timestamp_millis,"
            + " t.encoded, e.parent FROM transitions t"
            + " LEFT JOIN parent_edges e ON e.child = t.insertion_order"
            + " ORDER BY t.insertion_order, e.position";
    read(
        () -> {
          try (Statement statement = readConnection.createStatement();
              ResultSet rows = statement.executeQuery(sql)) {
            long currentOrder = Long.MIN_VALUE;
            Object[] current = null;
            List<Hash> parents = new ArrayList<>(StoreLimits.MAX_PARENTS);
            while (rows.next()) {
              long order = rows.getLong(1);
              if (order != currentOrder) {
                if (current != null) {
                  consumer.accept(toTransition(current, parents));
                  parents.clear();
                }
                currentOrder = order;
                current =
                    new Object[] {
                      rows.getBytes(2),
                      rows.getBytes(3),
                      rows.getLong(4),
                      rows.getInt(5),
                      rows.getLong(6),
                      rows.getBytes(7)
                    };
              }
              byte[] parent = rows.getBytes(8);
              if (parent != null) {
                parents.add(Hash.of(parent));
              }
            }
            if (current != null) {
              consumer.accept(toTransition(current, parents));
            }
          }
          return null;
        });
  }

  private static StoredTransition toTransition(Object[] row, List<Hash> parents) {
    return new StoredTransition(
        Hash.of((byte[]) row[0]),
        (byte[]) row[1],
        (long) row[2],
        (int) row[3],
        (long) row[4],
        List.copyOf(parents),
        (byte[]) row[5]);
  }

  /** Transitions committed so far (acknowledged appends only). */
  public long transitionCount() {
    return committedTransitions.get();
  }

  /** Whether a transition with this id is committed. */
  public boolean containsTransition(Hash id) {
    Objects.requireNonNull(id, "id");
    return read(
        () -> {
          try (PreparedStatement query =
              readConnection.prepareStatement("SELECT 1 FROM transitions WHERE id = ?")) {
            query.setBytes(1, id.bytes());
            try (ResultSet result = query.executeQuery()) {
              return result.next();
            }
          }
        });
  }

  // ---- derived scores ----------------------------------------------------------------------

  /**
   * Sets the score of each post in {@code scores} (other posts keep theirs). Scores are derived
   * from the transitions, so losing the last ones in a crash costs only a recount.
   */
  public CompletableFuture<Void> saveScores(Map<Hash, Integer> scores) {
    Map<Hash, Integer> copy = Map.copyOf(scores);
    requireAtMost(copy.size(), StoreLimits.MAX_SCORES_PER_CALL, "scores per call");
    for (Map.Entry<Hash, Integer> entry : copy.entrySet()) {
      if (entry.getValue() < 0) {
        throw new IllegalArgumentException(
            "a score counts voters and is not negative: "
                + entry.getKey()
                + " "
                + entry.getValue());
      }
    }
    if (copy.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return writer.submit(
        copy.size(),
        context -> {
          PreparedStatement upsert = context.prepared(UPSERT_SCORE);
          for (Map.Entry<Hash, Integer> entry : copy.entrySet()) {
            upsert.setBytes(1, entry.getKey().bytes());
            upsert.setInt(2, entry.getValue());
            upsert.addBatch();
          }
          upsert.executeBatch();
          return null;
        });
  }

  /** Every saved score, by post id. */
  public Map<Hash, Integer> loadScores() {
    return read(
        () -> {
          Map<Hash, Integer> scores = new HashMap<>();
          try (Statement statement = readConnection.createStatement();
              ResultSet rows = statement.executeQuery("SELECT post, score FROM scores")) {
            while (rows.next()) {
              scores.put(Hash.of(rows.getBytes(1)), rows.getInt(2));
            }
          }
          return scores;
        });
  }

  // ---- known peers -------------------------------------------------------------------------

  /**
   * Remembers {@code peers} (a newer sighting replaces an older one, never the reverse). Beyond
   * {@link StoreOptions#maxKnownPeers()} the least recently seen peers are forgotten.
   */
  public CompletableFuture<Void> savePeers(List<KnownPeer> peers) {
    List<KnownPeer> copy = List.copyOf(peers);
    requireAtMost(copy.size(), StoreLimits.MAX_PEERS_PER_CALL, "peers per call");
    if (copy.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return writer.submit(
        copy.size(),
        context -> {
          PreparedStatement upsert = context.prepared(UPSERT_PEER);
          for (KnownPeer peer : copy) {
            upsert.setString(1, peer.peerId());
            upsert.setString(2, peer.address());
            upsert.setLong(3, peer.lastSeenMillis());
            upsert.addBatch();
          }
          upsert.executeBatch();
          PreparedStatement forget = context.prepared(FORGET_OLDEST_PEERS);
          forget.setInt(1, options.maxKnownPeers());
          forget.executeUpdate();
          return null;
        });
  }

  /** Up to {@code limit} known peers, most recently seen first. */
  public List<KnownPeer> loadPeers(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit is not negative: " + limit);
    }
    return read(
        () -> {
          List<KnownPeer> peers = new ArrayList<>();
          try (PreparedStatement query =
              readConnection.prepareStatement(
                  "SELECT peer_id, address, last_seen_millis FROM known_peers"
                      + " ORDER BY last_seen_millis DESC, peer_id ASC LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                peers.add(new KnownPeer(rows.getString(1), rows.getString(2), rows.getLong(3)));
              }
            }
          }
          return peers;
        });
  }

  // ---- settings ----------------------------------------------------------------------------

  /**
   * Sets {@code key} to {@code value}. A new key beyond {@link StoreOptions#maxSettings()} fails
   * the future with a {@link StoreException}.
   */
  public CompletableFuture<Void> putSetting(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.isEmpty() || key.length() > StoreLimits.MAX_SETTING_KEY_CHARS) {
      throw new IllegalArgumentException(
          "a setting key has 1 to " + StoreLimits.MAX_SETTING_KEY_CHARS + " characters");
    }
    requireAtMost(value.length(), StoreLimits.MAX_SETTING_VALUE_CHARS, "characters in a setting");
    return writer.submit(
        1,
        context -> {
          PreparedStatement upsert = context.prepared(UPSERT_SETTING);
          upsert.setString(1, key);
          upsert.setString(2, value);
          upsert.executeUpdate();
          try (Statement statement = context.connection().createStatement();
              ResultSet result = statement.executeQuery("SELECT count(*) FROM settings")) {
            result.next();
            if (result.getLong(1) > options.maxSettings()) {
              throw new StoreException(
                  "at most " + options.maxSettings() + " settings; " + key + " not stored");
            }
          }
          return null;
        });
  }

  /** The committed value of {@code key}, if any. */
  public Optional<String> getSetting(String key) {
    Objects.requireNonNull(key, "key");
    return read(
        () -> {
          try (PreparedStatement query =
              readConnection.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            query.setString(1, key);
            try (ResultSet result = query.executeQuery()) {
              return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
          }
        });
  }

  // ---- health and lifecycle ----------------------------------------------------------------

  /** {@code PRAGMA integrity_check}: {@code "ok"}, or SQLite's list of what is broken. */
  public String integrityCheck() {
    return read(
        () -> {
          StringBuilder report = new StringBuilder();
          try (Statement statement = readConnection.createStatement();
              ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next()) {
              if (report.length() > 0) {
                report.append('\n');
              }
              report.append(rows.getString(1));
            }
          }
          return report.toString();
        });
  }

  /** Writes queued and not yet committed, counted in items (transitions, scores, ...). */
  public int pendingWriteItems() {
    return writer.pendingItems();
  }

  /**
   * Commits everything already queued, checkpoints the WAL into the database file, closes both
   * connections and releases the data directory. Writes submitted afterwards fail. Idempotent.
   */
  @Override
  public void close() {
    if (writer.isWriterThread()) {
      throw new IllegalStateException(
          "close the store from another thread than its writer (use a future's ...Async methods)");
    }
    synchronized (readLock) {
      if (isClosed) {
        return;
      }
      isClosed = true;
    }
    try {
      writer.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while the store's writer finished", e);
    } finally {
      try {
        closeQuietly(readConnection);
        checkpoint();
        closeQuietly(writeConnection);
      } finally {
        try {
          lock.close();
        } catch (IOException e) {
          // the process's exit releases the lock in any case
        }
      }
    }
  }

  private void checkpoint() {
    // TRUNCATE leaves an empty WAL, so the next open replays nothing; a failure is harmless (the
    // next open's recovery reads the WAL instead).
    try (Statement statement = writeConnection.createStatement()) {
      writeConnection.setAutoCommit(true); // a checkpoint cannot run inside a transaction
      statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException ignored) {
      // see above
    }
  }

  /** For tests in this package: runs code on the writer thread. */
  StoreWriter writer() {
    return writer;
  }

  /** Runs a query on the read connection, one at a time (a JDBC connection is not shareable). */
  private <T> T read(SqlRead<T> query) {
    synchronized (readLock) {
      if (isClosed) {
        throw new StoreException("the store is closed");
      }
      try {
        return query.run();
      } catch (SQLException e) {
        throw new StoreException("reading the database failed: " + e, e);
      }
    }
  }

  private interface SqlRead<T> {
    T run() throws SQLException;
  }

  private static void requireAtMost(long count, long max, String what) {
    if (count > max) {
      throw new IllegalArgumentException("at most " + max + " " + what + ", not " + count);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing more to release
    }
  }
}
