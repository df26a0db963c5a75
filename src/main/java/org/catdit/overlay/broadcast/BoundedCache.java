package org.catdit.overlay.broadcast;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cache bounded both in entries and in age: an entry is forgotten once {@code maxEntries} newer
 * ones exist or {@code retentionMicros} have passed since it was put. Entries are kept in insertion
 * order, which is also age order because time only moves forward, so eviction looks at the eldest
 * entry only.
 */
final class BoundedCache<K, V> {
  private final int maxEntries;
  private final long retentionMicros;
  private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>();
  private long evictions;

  private record Entry<V>(V value, long putMicros) {}

  BoundedCache(int maxEntries, long retentionMicros) {
    if (maxEntries < 1 || retentionMicros < 1) {
      throw new IllegalArgumentException(
          "a cache needs room for one entry and a positive retention");
    }
    this.maxEntries = maxEntries;
    this.retentionMicros = retentionMicros;
  }

  /**
   * Puts (or replaces, renewing its age) the entry for {@code key}, then evicts what is over
   * bounds.
   */
  void put(K key, V value, long nowMicros) {
    entries.remove(key);
    entries.put(key, new Entry<>(value, nowMicros));
    evict(nowMicros);
  }

  /** The value for {@code key}, or null if absent or expired. */
  V get(K key, long nowMicros) {
    Entry<V> entry = entries.get(key);
    if (entry == null || nowMicros - entry.putMicros() >= retentionMicros) {
      return null;
    }
    return entry.value();
  }

  boolean contains(K key, long nowMicros) {
    return get(key, nowMicros) != null;
  }

  /** Drops expired entries and those beyond the count bound. */
  void evict(long nowMicros) {
    Iterator<Map.Entry<K, Entry<V>>> eldest = entries.entrySet().iterator();
    while (eldest.hasNext()) {
      Entry<V> entry = eldest.next().getValue();
      boolean isOverCount = entries.size() > maxEntries;
      boolean isExpired = nowMicros - entry.putMicros() >= retentionMicros;
      if (!isOverCount && !isExpired) {
        return;
      }
      eldest.remove();
      evictions++;
    }
  }

  int size() {
    return entries.size();
  }

  long evictions() {
    return evictions;
  }
}
