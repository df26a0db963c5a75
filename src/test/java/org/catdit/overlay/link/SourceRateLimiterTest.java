package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {
  private static byte[] source(int i) {
    return new byte[] {127, 0, 0, 1, (byte) (i >>> 8), (byte) i};
  }

  @Test
  void eachSourceHasItsOwnBucket() {
    SourceRateLimiter limiter = new SourceRateLimiter(4, 8, 16);
    for (int i = 0; i < 8; i++) {
      assertTrue(limiter.tryTake(0, source(1)));
    }
    assertFalse(limiter.tryTake(0, source(1)), "burst spent");
    assertTrue(limiter.tryTake(0, source(2)), "another source is not held back");
    assertFalse(limiter.tryTake(200_000, source(1)), "0.8 of a token after 200 ms");
    assertTrue(limiter.tryTake(250_000, source(1)), "one token after 250 ms at 4 per second");
    assertFalse(limiter.tryTake(250_000, source(1)));
  }

  @Test
  void theTableIsBoundedLeastRecentlySeenOut() {
    SourceRateLimiter limiter = new SourceRateLimiter(4, 1, 16);
    for (int i = 0; i < 16; i++) {
      assertTrue(limiter.tryTake(0, source(i)));
    }
    assertFalse(limiter.tryTake(0, source(0)), "source 0 is now the most recently seen");
    assertTrue(limiter.tryTake(0, source(100)), "a 17th source evicts source 1");
    assertEquals(16, limiter.size());
    assertEquals(1, limiter.evictions());
    assertTrue(limiter.tryTake(0, source(1)), "evicted: comes back with a full bucket");
    assertFalse(limiter.tryTake(0, source(0)), "source 0 was kept");
  }
}
