package org.catdit.overlay.link;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * A token bucket per source address, in a bounded table (least recently seen source out), so one
 * flooding socket spends its own tokens and not everybody's: each INIT_ACK costs an Ed25519
 * signature (~1.7 ms on JDK 17), and with only a shared bucket a genuine peer's INIT found a token
 * during a flood only by chance. A source evicted from a full table comes back with a full bucket;
 * the endpoint's global bucket still caps the total.
 */
final class SourceRateLimiter {
  private final double perSecond;
  private final double burst;
  private final int capacity;
  // Access order: the eldest is the source seen longest ago.
  private final LinkedHashMap<ByteBuffer, double[]> buckets = new LinkedHashMap<>(64, 0.75f, true);
  private long evictions;

  SourceRateLimiter(double perSecond, double burst, int capacity) {
    if (perSecond <= 0 || burst < 1 || capacity < 1) {
      throw new IllegalArgumentException("rate, burst and capacity must be positive");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.capacity = capacity;
  }

  /** Takes a token for {@code source}; false if its bucket is empty. */
  boolean tryTake(long nowMicros, byte[] source) {
    ByteBuffer key = ByteBuffer.wrap(source.clone());
    double[] bucket = buckets.get(key); // {tokens, lastMicros}
    if (bucket == null) {
      if (buckets.size() >= capacity) {
        Iterator<ByteBuffer> eldest = buckets.keySet().iterator();
        eldest.next();
        eldest.remove();
        evictions++;
      }
      bucket = new double[] {burst, nowMicros};
      buckets.put(key, bucket);
    } else if (nowMicros > bucket[1]) {
      bucket[0] = Math.min(burst, bucket[0] + (nowMicros - bucket[1]) * perSecond / 1e6);
      bucket[1] = nowMicros;
    }
    if (bucket[0] < 1) {
      return false;
    }
    bucket[0] -= 1;
    return true;
  }

  int size() {
    return buckets.size();
  }

  long evictions() {
    return evictions;
  }
}
