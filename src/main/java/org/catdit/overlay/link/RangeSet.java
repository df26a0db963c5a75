package org.catdit.overlay.link;

import java.util.Map;
import java.util.TreeMap;

/** Disjoint half-open ranges {@code [start, end)} of stream offsets, merged as they are added. */
final class RangeSet {
  private final TreeMap<Long, Long> ranges = new TreeMap<>();

  boolean isEmpty() {
    return ranges.isEmpty();
  }

  int size() {
    return ranges.size();
  }

  void add(long start, long end) {
    if (start >= end) {
      return;
    }
    Map.Entry<Long, Long> before = ranges.floorEntry(start);
    if (before != null && before.getValue() >= start) {
      start = before.getKey();
      end = Math.max(end, before.getValue());
    }
    Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
    while (next != null && next.getKey() <= end) {
      end = Math.max(end, next.getValue());
      ranges.remove(next.getKey());
      next = ranges.ceilingEntry(start);
    }
    ranges.put(start, end);
  }

  void remove(long start, long end) {
    if (start >= end) {
      return;
    }
    Map.Entry<Long, Long> before = ranges.lowerEntry(start);
    if (before != null && before.getValue() > start) {
      ranges.put(before.getKey(), start);
      if (before.getValue() > end) {
        ranges.put(end, before.getValue());
        return;
      }
    }
    Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
    while (next != null && next.getKey() < end) {
      ranges.remove(next.getKey());
      if (next.getValue() > end) {
        ranges.put(end, next.getValue());
        return;
      }
      next = ranges.ceilingEntry(start);
    }
  }

  /** Whether {@code offset} lies in some range. */
  boolean contains(long offset) {
    Map.Entry<Long, Long> entry = ranges.floorEntry(offset);
    return entry != null && entry.getValue() > offset;
  }

  /** The end of the range holding {@code offset}, or {@code offset} if none holds it. */
  long coveredUntil(long offset) {
    Map.Entry<Long, Long> entry = ranges.floorEntry(offset);
    return entry != null && entry.getValue() > offset ? entry.getValue() : offset;
  }

  /** The start of the first range at or above {@code offset}, or {@code Long.MAX_VALUE}. */
  long nextStartFrom(long offset) {
    Long key = ranges.ceilingKey(offset);
    return key == null ? Long.MAX_VALUE : key;
  }

  Map.Entry<Long, Long> first() {
    return ranges.firstEntry();
  }

  void removeBelow(long offset) {
    remove(Long.MIN_VALUE / 2, offset);
  }
}
