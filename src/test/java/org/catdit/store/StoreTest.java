package org.catdit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.catdit.ledger.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  @TempDir Path temp;

  private static List<StoredTransition> chain(int from, int count) {
    List<StoredTransition> list = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      list.add(TestTransitions.chain(i));
    }
    return list;
  }

  private static List<StoredTransition> loadAll(Store store) {
    List<StoredTransition> loaded = new ArrayList<>();
    store.loadTransitions(loaded::add);
    return loaded;
  }

  private static void await(CompletableFuture<Void> future) throws Exception {
    future.get(30, TimeUnit.SECONDS);
  }

  @Test
  void appendedTransitionsLoadInInsertionOrderWithTheirParents() throws Exception {
    try (Store store = Store.open(temp.resolve("data"))) {
      StoredTransition merge =
          TestTransitions.transition(
              100, List.of(TestTransitions.id(4), TestTransitions.id(1), TestTransitions.id(3)));
      List<StoredTransition> expected = new ArrayList<>(chain(0, 5));
      expected.add(merge);
      await(store.appendTransitions(expected.subList(0, 3)));
      await(store.appendTransitions(expected.subList(3, 6)));

      assertEquals(expected, loadAll(store));
      assertEquals(6, store.transitionCount());
      assertTrue(store.containsTransition(merge.id()));
      assertFalse(store.containsTransition(TestTransitions.id(999)));
    }
  }

  @Test
  void appendingTheSameTransitionTwiceStoresItOnce() throws Exception {
    try (Store store = Store.open(temp)) {
      await(store.appendTransitions(chain(0, 3)));
      await(store.appendTransitions(chain(1, 3)));
      assertEquals(4, store.transitionCount());
      assertEquals(chain(0, 4), loadAll(store));
    }
  }

  @Test
  void aRestartResumesWithEverything() throws Exception {
    Path directory = temp.resolve("node");
    try (Store store = Store.open(directory)) {
      await(store.appendTransitions(chain(0, 50)));
      await(store.saveScores(Map.of(TestTransitions.id(1), 3, TestTransitions.id(2), 0)));
      await(store.savePeers(List.of(new KnownPeer("p1", "127.0.0.1:9000", 5))));
      await(store.putSetting("displayName", "Tom"));
    }
    try (Store store = Store.open(directory)) {
      assertEquals(50, store.transitionCount());
      assertEquals(chain(0, 50), loadAll(store));
      assertEquals(Map.of(TestTransitions.id(1), 3, TestTransitions.id(2), 0), store.loadScores());
      assertEquals(List.of(new KnownPeer("p1", "127.0.0.1:9000", 5)), store.loadPeers(10));
      assertEquals(Optional.of("Tom"), store.getSetting("displayName"));
      assertEquals("ok", store.integrityCheck());
    }
    // close() checkpointed: the WAL holds nothing the database file lacks.
    Path wal = directory.resolve(Store.DATABASE_FILE_NAME + "-wal");
    assertTrue(Files.notExists(wal) || Files.size(wal) == 0);
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefusedUntilTheFirstCloses() throws Exception {
    Path directory = temp.resolve("busy");
    Store first = Store.open(directory);
    DataDirectoryInUseException refused =
        assertThrows(DataDirectoryInUseException.class, () -> Store.open(directory));
    assertTrue(
        refused.getMessage().startsWith("catdit is already running with data directory "),
        refused.getMessage());
    // The refusal must not have released the first store's lock.
    assertThrows(DataDirectoryInUseException.class, () -> Store.open(directory));
    await(first.appendTransitions(chain(0, 1)));
    first.close();
    try (Store second = Store.open(directory)) {
      assertEquals(1, second.transitionCount());
    }
  }

  @Test
  void scoresAreSetPerPost() throws Exception {
    try (Store store = Store.open(temp)) {
      Hash a = TestTransitions.id(1);
      Hash b = TestTransitions.id(2);
      await(store.saveScores(Map.of(a, 1, b, 2)));
      await(store.saveScores(Map.of(a, 5)));
      assertEquals(Map.of(a, 5, b, 2), store.loadScores());
    }
  }

  @Test
  void peersLoadMostRecentFirstAndAnOlderSightingNeverWins() throws Exception {
    try (Store store = Store.open(temp)) {
      await(
          store.savePeers(
              List.of(
                  new KnownPeer("a", "10.0.0.1:1", 100),
                  new KnownPeer("b", "10.0.0.2:1", 300),
                  new KnownPeer("c", "10.0.0.3:1", 200))));
      await(store.savePeers(List.of(new KnownPeer("b", "10.9.9.9:9", 50))));
      await(store.savePeers(List.of(new KnownPeer("a", "10.0.0.4:1", 400))));
      assertEquals(
          List.of(
              new KnownPeer("a", "10.0.0.4:1", 400),
              new KnownPeer("b", "10.0.0.2:1", 300),
              new KnownPeer("c", "10.0.0.3:1", 200)),
          store.loadPeers(10));
      assertEquals(1, store.loadPeers(1).size());
      assertEquals(List.of(), store.loadPeers(0));
    }
  }

  @Test
  void theLeastRecentlySeenPeersAreForgottenBeyondTheBound() throws Exception {
    StoreOptions options = StoreOptions.defaults().withTableBounds(1_000, 3, 10);
    try (Store store = Store.open(temp, options)) {
      List<KnownPeer> peers = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        peers.add(new KnownPeer("peer" + i, "10.0.0." + i + ":1", 1000 + i));
      }
      Collections.reverse(peers);
      await(store.savePeers(peers));
      assertEquals(peers.subList(0, 3), store.loadPeers(100));
    }
  }

  @Test
  void settingsAreBounded() throws Exception {
    StoreOptions options = StoreOptions.defaults().withTableBounds(1_000, 10, 2);
    try (Store store = Store.open(temp, options)) {
      assertEquals(Optional.empty(), store.getSetting("a"));
      await(store.putSetting("a", "1"));
      await(store.putSetting("b", "2"));
      await(store.putSetting("a", "3")); // replacing a key is not a new one
      CompletionException full =
          assertThrows(CompletionException.class, () -> store.putSetting("c", "4").join());
      assertInstanceOf(StoreException.class, full.getCause());
      assertEquals(Optional.of("3"), store.getSetting("a"));
      assertEquals(Optional.empty(), store.getSetting("c"));
      assertThrows(IllegalArgumentException.class, () -> store.putSetting("", "x"));
      assertThrows(
          IllegalArgumentException.class,
          () -> store.putSetting("big", "x".repeat(StoreLimits.MAX_SETTING_VALUE_CHARS + 1)));
    }
  }

  @Test
  void appendsBeyondTheTransitionBoundAreRefusedWithoutLosingOthers() throws Exception {
    StoreOptions options = StoreOptions.defaults().withTableBounds(5, 10, 10);
    try (Store store = Store.open(temp, options)) {
      await(store.appendTransitions(chain(0, 4)));
      CompletionException full =
          assertThrows(
              CompletionException.class, () -> store.appendTransitions(chain(4, 2)).join());
      assertInstanceOf(StoreException.class, full.getCause());
      await(store.appendTransitions(chain(4, 1)));
      assertEquals(chain(0, 5), loadAll(store));
    }
  }

  @Test
  void oversizedCallsAreRefusedAtTheCaller() throws Exception {
    try (Store store = Store.open(temp)) {
      List<StoredTransition> tooMany =
          Collections.nCopies(StoreLimits.MAX_TRANSITIONS_PER_CALL + 1, TestTransitions.chain(0));
      assertThrows(IllegalArgumentException.class, () -> store.appendTransitions(tooMany));
      assertThrows(IllegalArgumentException.class, () -> store.loadPeers(-1));
      assertThrows(
          IllegalArgumentException.class,
          () -> store.saveScores(Map.of(TestTransitions.id(1), -1)));
      assertEquals(0, store.transitionCount());
    }
  }

  @Test
  void writesAfterCloseFailAndReadsThrow() throws Exception {
    Store store = Store.open(temp);
    store.close();
    store.close(); // idempotent
    CompletionException closed =
        assertThrows(CompletionException.class, () -> store.appendTransitions(chain(0, 1)).join());
    assertInstanceOf(StoreException.class, closed.getCause());
    assertThrows(StoreException.class, store::integrityCheck);
  }

  @Test
  void theWriterThreadCannotCloseTheStore() throws Exception {
    try (Store store = Store.open(temp)) {
      CompletableFuture<Void> closedFromWriter =
          store
              .writer()
              .submit(
                  1,
                  context -> {
                    store.close();
                    return null;
                  });
      CompletionException refused = assertThrows(CompletionException.class, closedFromWriter::join);
      assertInstanceOf(StoreException.class, refused.getCause());
      assertInstanceOf(IllegalStateException.class, refused.getCause().getCause());
      // Still open and working.
      await(store.appendTransitions(chain(0, 2)));
      assertEquals(2, store.transitionCount());
    }
  }

  @Test
  void closeCommitsWhatWasQueued() throws Exception {
    Path directory = temp.resolve("drain");
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    Store store = Store.open(directory);
    for (int i = 0; i < 200; i++) {
      futures.add(store.appendTransitions(chain(i * 10, 10)));
    }
    store.close();
    for (CompletableFuture<Void> future : futures) {
      assertTrue(future.isDone() && !future.isCompletedExceptionally());
    }
    try (Store reopened = Store.open(directory)) {
      assertEquals(2_000, reopened.transitionCount());
    }
  }
}
