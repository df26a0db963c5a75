package org.catdit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {

  private record Reference(long time, long order, int target) {}

  @Test
  void runsInTimeThenInsertionOrder() {
    EventQueue queue = new EventQueue(4);
    queue.push(30, Simulation.ACTION, 1, 0, null);
    queue.push(10, Simulation.ACTION, 2, 0, null);
    queue.push(30, Simulation.ACTION, 3, 0, null);
    queue.push(10, Simulation.ACTION, 4, 0, null);
    queue.push(20, Simulation.ACTION, 5, 0, null);
    List<Integer> order = new ArrayList<>();
    while (!queue.isEmpty()) {
      int slot = queue.pop();
      order.add(queue.target(slot));
      queue.release(slot);
    }
    assertEquals(List.of(2, 4, 5, 1, 3), order);
  }

  @Test
  void cancelledEventsNeverRunAndStaleIdsAreIgnored() {
    EventQueue queue = new EventQueue(4);
    long first = queue.push(5, Simulation.TIMER, 1, 0, "a");
    long second = queue.push(6, Simulation.TIMER, 2, 0, "b");
    assertTrue(queue.cancel(first));
    assertFalse(queue.cancel(first), "a second cancel is a no-op");
    int slot = queue.pop();
    assertEquals(2, queue.target(slot));
    queue.release(slot);
    // The slot of the cancelled event is reused; its old id must not cancel the new event.
    long reused = queue.push(7, Simulation.TIMER, 3, 0, "c");
    assertFalse(queue.cancel(first));
    assertFalse(queue.cancel(second));
    assertEquals(1, queue.size());
    assertTrue(queue.cancel(reused));
    assertTrue(queue.isEmpty());
  }

  @Test
  void agreesWithAReferenceQueueUnderRandomPushesPopsAndCancels() {
    SplittableRandom random = new SplittableRandom(3);
    EventQueue queue = new EventQueue(8);
    PriorityQueue<Reference> reference =
        new PriorityQueue<>(
            (a, b) ->
                a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
    List<long[]> live = new ArrayList<>(); // {id, order}
    List<Reference> liveRefs = new ArrayList<>();
    long order = 0;
    long now = 0;
    for (int step = 0; step < 200_000; step++) {
      int action = random.nextInt(10);
      if (action < 5 || reference.isEmpty()) {
        long time = now + random.nextInt(1000);
        int target = random.nextInt(1 << 20);
        long id = queue.push(time, Simulation.TIMER, target, 0, null);
        Reference ref = new Reference(time, order++, target);
        reference.add(ref);
        live.add(new long[] {id});
        liveRefs.add(ref);
      } else if (action < 8) {
        Reference expected = reference.poll();
        int slot = queue.pop();
        assertEquals(expected.time, queue.time(slot));
        assertEquals(expected.target, queue.target(slot));
        now = expected.time;
        queue.release(slot);
        int index = liveRefs.indexOf(expected);
        liveRefs.remove(index);
        live.remove(index);
      } else {
        int index = random.nextInt(live.size());
        assertTrue(queue.cancel(live.get(index)[0]));
        reference.remove(liveRefs.get(index));
        liveRefs.remove(index);
        live.remove(index);
      }
      assertEquals(reference.size(), queue.size());
    }
  }
}
