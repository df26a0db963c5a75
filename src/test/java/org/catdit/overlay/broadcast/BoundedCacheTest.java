package org.catdit.overlay.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedCacheTest {

  @Test
  void holdsAtMostMaxEntriesDroppingTheEldest() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(3, 1_000);
    for (int i = 0; i < 4; i++) {
      cache.put(i, "v" + i, 0);
    }
    assertEquals(3, cache.size());
    assertFalse(cache.contains(0, 0));
    assertTrue(cache.contains(1, 0));
    assertTrue(cache.contains(3, 0));
    assertEquals(1, cache.evictions());
  }

  @Test
  void forgetsAnEntryExactlyWhenItsRetentionHasPassed() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(10, 1_000);
    cache.put(1, "one", 500);
    assertEquals("one", cache.get(1, 1_499));
    assertNull(cache.get(1, 1_500));
    cache.put(2, "two", 1_500);
    assertEquals(1, cache.size(), "the expired entry is evicted by the next put");
  }

  @Test
  void putAgainRenewsTheEntrysAgeAndPlace() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(2, 1_000);
    cache.put(1, "a", 0);
    cache.put(2, "b", 0);
    cache.put(1, "a2", 900);
    cache.put(3, "c", 900);
    assertTrue(cache.contains(1, 1_800));
    assertFalse(cache.contains(2, 900));
  }

  @Test
  void refusesUselessBounds() {
    assertThrows(IllegalArgumentException.class, () -> new BoundedCache<Integer, String>(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new BoundedCache<Integer, String>(1, 0));
  }
}
