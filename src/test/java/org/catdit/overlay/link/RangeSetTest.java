package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class RangeSetTest {

  @Property(tries = 300)
  void matchesABitSet(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RangeSet set = new RangeSet();
    BitSet model = new BitSet();
    for (int i = 0; i < 100; i++) {
      int start = random.nextInt(200);
      int end = start + random.nextInt(30);
      if (random.nextInt(3) == 0) {
        set.remove(start, end);
        model.clear(start, end);
      } else {
        set.add(start, end);
        model.set(start, end);
      }
    }
    for (int offset = 0; offset < 240; offset++) {
      assertEquals(model.get(offset), set.contains(offset), "offset " + offset);
      int coveredUntil = model.get(offset) ? model.nextClearBit(offset) : offset;
      assertEquals(coveredUntil, set.coveredUntil(offset));
      int next = model.nextSetBit(offset);
      long expected =
          next < 0 ? Long.MAX_VALUE : (model.get(offset) ? set.nextStartFrom(offset) : next);
      if (!model.get(offset)) {
        assertEquals(expected, set.nextStartFrom(offset));
      }
    }
  }
}
