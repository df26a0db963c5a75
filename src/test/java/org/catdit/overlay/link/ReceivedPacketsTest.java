package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class ReceivedPacketsTest {

  /** Against a plain set: duplicates, ranges and ACK frames agree while ranges fit. */
  @Property(tries = 300)
  void matchesASetModel(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ReceivedPackets received = new ReceivedPackets(1000);
    TreeSet<Long> model = new TreeSet<>();
    for (int i = 0; i < 400; i++) {
      long packetNumber = random.nextInt(300);
      assertEquals(model.contains(packetNumber), received.isDuplicate(packetNumber));
      if (!model.contains(packetNumber)) {
        received.add(packetNumber);
        model.add(packetNumber);
      }
    }
    Frame.Ack ack = received.toAck(0, 1000);
    TreeSet<Long> fromAck = new TreeSet<>();
    long[] ranges = ack.ranges();
    for (int i = 0; i < ranges.length; i += 2) {
      assertTrue(ranges[i] >= ranges[i + 1]);
      if (i > 0) {
        assertTrue(ranges[i - 1] > ranges[i] + 1, "ranges are disjoint and not adjacent");
      }
      for (long pn = ranges[i + 1]; pn <= ranges[i]; pn++) {
        fromAck.add(pn);
      }
    }
    assertEquals(model, fromAck);
  }

  /** Beyond the range limit the oldest ranges go, and what they covered reads as a duplicate. */
  @Property(tries = 100)
  void overflowRaisesTheFloor(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ReceivedPackets received = new ReceivedPackets(8);
    TreeSet<Long> model = new TreeSet<>();
    for (int i = 0; i < 200; i++) {
      long packetNumber = random.nextInt(400);
      if (!received.isDuplicate(packetNumber)) {
        received.add(packetNumber);
        model.add(packetNumber);
      }
    }
    assertTrue(received.rangeCount() <= 8);
    for (long pn = 0; pn < 400; pn++) {
      if (model.contains(pn)) {
        assertTrue(received.isDuplicate(pn), "a seen packet is never accepted again: " + pn);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void rangesTheEchoedAckCoveredAreNotRepeated() {
    ReceivedPackets received = new ReceivedPackets(64);
    for (long pn : new long[] {0, 1, 3, 5, 6, 9, 12}) {
      received.add(pn);
    }
    assertEquals(5, received.toAck(0, 64).rangeCount());
    Frame.Ack pruned = received.toAck(0, 64, 6);
    assertEquals(3, pruned.rangeCount(), "ranges [5,6], [9], [12] remain");
    assertEquals(5, pruned.ranges()[5]);
    assertEquals(1, received.toAck(0, 64, 100).rangeCount(), "the newest range always goes");
    assertTrue(received.isDuplicate(0), "pruning ACKs does not forget what was seen");
  }
}
