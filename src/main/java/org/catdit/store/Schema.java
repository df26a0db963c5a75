package org.catdit.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database's schema as an ordered list of migrations. The version lives in SQLite's {@code
 * PRAGMA user_version} (a header field, written inside the same transaction as the step's tables),
 * so a step is either fully applied with its version number or not at all, also after a crash.
 *
 * <p>ONLY APPEND TO THIS LIST: a released step is part of every user's database.
 */
final class Schema {
  static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              1,
              "transitions and their parent edges",
              List.of(
                  // insertion_order is an alias of the rowid, so VACUUM cannot renumber it: loading
                  // in this order gives parents before children, because the ledger appends a
                  // transition only after its parents. id is the transition's key (UNIQUE, the
                  // target of INSERT OR IGNORE and of the parent edges' foreign key).
                  """
                  CREATE TABLE transitions (
                    insertion_order INTEGER PRIMARY KEY,
                    id BLOB NOT NULL UNIQUE CHECK (length(id) = 32),
                    author BLOB NOT NULL,
                    sequence INTEGER NOT NULL CHECK (sequence >= 0),
                    kind INTEGER NOT NULL,
                    timestamp_millis INTEGER NOT NULL,
                    encoded BLOB NOT NULL
                  )""",
                  // Equivocation lookups: the transitions of one author by sequence number.
                  "CREATE INDEX transitions_by_author ON transitions (author, sequence)",
                  // The child is named by its insertion_order, not its 32-byte id: the edges of
                  // one transition sit next to each other in insertion order, so loading joins
                  // them by a sequential scan, and each edge costs 8 bytes less per copy.
                  // position keeps the parents in their encoded order. The parent is not a
                  // foreign key: the store records edges, the ledger decides what may be stored.
                  """
                  CREATE TABLE parent_edges (
                    child INTEGER NOT NULL REFERENCES transitions (insertion_order),
                    position INTEGER NOT NULL,
                    parent BLOB NOT NULL CHECK (length(parent) = 32),
                    PRIMARY KEY (child, position)
                  ) WITHOUT ROWID""",
                  // Which transitions approve a given one (tips, sync).
                  "CREATE INDEX parent_edges_by_parent ON parent_edges (parent, child)")),
          new Migration(
              2,
              "derived scores, known peers and settings",
              List.of(
                  """
                  CREATE TABLE scores (
                    post BLOB PRIMARY KEY CHECK (length(post) = 32),
                    score INTEGER NOT NULL
                  ) WITHOUT ROWID""",
                  """
                  CREATE TABLE known_peers (
                    peer_id TEXT PRIMARY KEY,
                    address TEXT NOT NULL,
                    last_seen_millis INTEGER NOT NULL
                  )""",
                  "CREATE INDEX known_peers_by_last_seen ON known_peers (last_seen_millis)",
                  """
                  CREATE TABLE settings (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                  ) WITHOUT ROWID""")));

  /** The version a fully migrated database has. */
  static final int CURRENT_VERSION = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

  private Schema() {}

  static int version(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA user_version")) {
      return result.next() ? result.getInt(1) : 0;
    }
  }

  /**
   * Applies the steps after the database's version up to {@code targetVersion}, each in its own
   * transaction. Refuses a database written by a newer catdit instead of guessing at its tables.
   */
  static void migrate(Connection connection, int targetVersion) throws SQLException {
    int version = version(connection);
    if (version > CURRENT_VERSION) {
      throw new StoreException(
          "the database has schema version "
              + version
              + ", newer than this catdit knows ("
              + CURRENT_VERSION
              + "); use a newer catdit or another data directory");
    }
    boolean wasAutoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      for (Migration migration : MIGRATIONS) {
        if (migration.version() <= version || migration.version() > targetVersion) {
          continue;
        }
        try (Statement statement = connection.createStatement()) {
          for (String sql : migration.statements()) {
            statement.executeUpdate(sql);
          }
          // user_version only accepts a literal; the number comes from our own list.
          statement.executeUpdate("PRAGMA user_version = " + migration.version());
          connection.commit();
        } catch (SQLException e) {
          connection.rollback();
          throw new StoreException(
              "schema migration to version "
                  + migration.version()
                  + " ("
                  + migration.description()
                  + ") failed",
              e);
        }
      }
    } finally {
      connection.setAutoCommit(wasAutoCommit);
    }
  }
}
