package org.catdit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTest {
  @TempDir Path temp;

  private static int version(Path database) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
      return Schema.version(connection);
    }
  }

  @Test
  void versionsAreConsecutiveFromOne() {
    for (int i = 0; i < Schema.MIGRATIONS.size(); i++) {
      assertEquals(i + 1, Schema.MIGRATIONS.get(i).version());
    }
  }

  @Test
  void aNewDatabaseGetsTheCurrentVersion() throws Exception {
    Path directory = temp.resolve("fresh");
    Store.open(directory).close();
    assertEquals(Schema.CURRENT_VERSION, version(directory.resolve(Store.DATABASE_FILE_NAME)));
  }

  @Test
  void aDatabaseOneVersionBehindIsMigratedAndKeepsItsData() throws Exception {
    Path directory = temp.resolve("old");
    Files.createDirectories(directory);
    Path database = directory.resolve(Store.DATABASE_FILE_NAME);
    StoredTransition stored = TestTransitions.chain(0);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
      Schema.migrate(connection, Schema.CURRENT_VERSION - 1);
      // Written as the previous release wrote it.
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO transitions (id, author, sequence, kind, timestamp_millis, encoded)"
                  + " VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setBytes(1, stored.id().bytes());
        insert.setBytes(2, stored.authorKey());
        insert.setLong(3, stored.sequence());
        insert.setInt(4, stored.kind());
        insert.setLong(5, stored.timestampMillis());
        insert.setBytes(6, stored.encoded());
        insert.executeUpdate();
      }
    }
    assertEquals(Schema.CURRENT_VERSION - 1, version(database));

    try (Store store = Store.open(directory)) {
      List<StoredTransition> loaded = new ArrayList<>();
      store.loadTransitions(loaded::add);
      assertEquals(List.of(stored), loaded);
      // The tables of the newest step work.
      store.saveScores(Map.of(stored.id(), 2)).join();
      store.putSetting("k", "v").join();
      assertEquals(Map.of(stored.id(), 2), store.loadScores());
      assertEquals(Optional.of("v"), store.getSetting("k"));
      assertEquals("ok", store.integrityCheck());
    }
    assertEquals(Schema.CURRENT_VERSION, version(database));
  }

  @Test
  void aDatabaseFromANewerCatditIsRefusedUntouched() throws Exception {
    Path directory = temp.resolve("newer");
    Files.createDirectories(directory);
    Path database = directory.resolve(Store.DATABASE_FILE_NAME);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("PRAGMA user_version = " + (Schema.CURRENT_VERSION + 1));
    }
    StoreException refused = assertThrows(StoreException.class, () -> Store.open(directory));
    assertTrue(refused.getMessage().contains("newer"), refused.getMessage());
    assertEquals(Schema.CURRENT_VERSION + 1, version(database));
    // The refusal released the lock.
    assertThrows(StoreException.class, () -> Store.open(directory));
  }

  @Test
  void aFailingStepLeavesTheDatabaseAtThePreviousVersion() throws Exception {
    Path database = temp.resolve("half.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
      Schema.migrate(connection, 1);
      try (Statement statement = connection.createStatement()) {
        // Makes step 2's CREATE TABLE scores fail half way through the step.
        statement.executeUpdate("CREATE TABLE known_peers (x)");
      }
      assertThrows(StoreException.class, () -> Schema.migrate(connection, 2));
      assertEquals(1, Schema.version(connection));
    }
  }
}
