package org.catdit.sim;

import java.util.Arrays;

/**
 * The simulator's pending events: a 4-ary min-heap ordered by (time, then insertion sequence), over
 * primitive parallel arrays with recycled slots, so that scheduling and running an event allocates
 * nothing. Ties in time run in the order they were scheduled, which makes every run with the same
 * seed identical. An event id ({@code generation << 32 | slot}) lets a timer be cancelled in
 * O(log n); a stale id (the event already ran, or its slot was reused) is ignored.
 */
final class EventQueue {
  private static final int ARITY = 4;

  private long[] times;
  private long[] sequences;
  private int[] targets;
  private int[] sources;
  private byte[] kinds;
  private Object[] payloads;
  private int[] generations;
  private int[] heapPositions;
  private int[] heap;
  private int heapSize;
  private int[] freeSlots;
  private int freeCount;
  private int slotCount;
  private long nextSequence;

  EventQueue(int initialCapacity) {
    int capacity = Math.max(16, initialCapacity);
    times = new long[capacity];
    sequences = new long[capacity];
    targets = new int[capacity];
    sources = new int[capacity];
    kinds = new byte[capacity];
    payloads = new Object[capacity];
    generations = new int[capacity];
    heapPositions = new int[capacity];
    heap = new int[capacity];
    freeSlots = new int[capacity];
  }

  int size() {
    return heapSize;
  }

  boolean isEmpty() {
    return heapSize == 0;
  }

  /** Adds an event and returns its id. */
  long push(long time, byte kind, int target, int source, Object payload) {
    int slot = allocateSlot();
    times[slot] = time;
    sequences[slot] = nextSequence++;
    kinds[slot] = kind;
    targets[slot] = target;
    sources[slot] = source;
    payloads[slot] = payload;
    heap[heapSize] = slot;
    heapPositions[slot] = heapSize;
    heapSize++;
    siftUp(heapSize - 1);
    return ((long) generations[slot] << 32) | slot;
  }

  /** Removes a pending event; returns whether it was still pending. */
  boolean cancel(long id) {
    int slot = (int) id;
    int generation = (int) (id >>> 32);
    if (slot < 0 || slot >= slotCount || generations[slot] != generation) {
      return false;
    }
    int position = heapPositions[slot];
    if (position < 0) {
      return false;
    }
    removeAt(position);
    release(slot);
    return true;
  }

  /** Time of the earliest event; the queue must not be empty. */
  long peekTime() {
    return times[heap[0]];
  }

  /**
   * Removes the earliest event and returns its slot. The caller reads the slot's fields and then
   * calls {@link #release(int)} before running it, so that the slot can be reused.
   */
  int pop() {
    int slot = heap[0];
    removeAt(0);
    return slot;
  }

  long time(int slot) {
    return times[slot];
  }

  byte kind(int slot) {
    return kinds[slot];
  }

  int target(int slot) {
    return targets[slot];
  }

  int source(int slot) {
    return sources[slot];
  }

  Object payload(int slot) {
    return payloads[slot];
  }

  /** Returns a popped slot to the free list; its id becomes stale. */
  void release(int slot) {
    payloads[slot] = null;
    heapPositions[slot] = -1;
    generations[slot]++;
    if (freeCount == freeSlots.length) {
      freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
    }
    freeSlots[freeCount++] = slot;
  }

  private int allocateSlot() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    if (slotCount == times.length) {
      grow();
    }
    return slotCount++;
  }

  private void grow() {
    int capacity = times.length * 2;
    times = Arrays.copyOf(times, capacity);
    sequences = Arrays.copyOf(sequences, capacity);
    targets = Arrays.copyOf(targets, capacity);
    sources = Arrays.copyOf(sources, capacity);
    kinds = Arrays.copyOf(kinds, capacity);
    payloads = Arrays.copyOf(payloads, capacity);
    generations = Arrays.copyOf(generations, capacity);
    heapPositions = Arrays.copyOf(heapPositions, capacity);
    heap = Arrays.copyOf(heap, capacity);
  }

  private void removeAt(int position) {
    int removed = heap[position];
    heapPositions[removed] = -1;
    heapSize--;
    if (position == heapSize) {
      return;
    }
    int last = heap[heapSize];
    heap[position] = last;
    heapPositions[last] = position;
    if (position > 0 && isBefore(last, heap[(position - 1) / ARITY])) {
      siftUp(position);
    } else {
      siftDown(position);
    }
  }

  private boolean isBefore(int slotA, int slotB) {
    long timeA = times[slotA];
    long timeB = times[slotB];
    return timeA < timeB || (timeA == timeB && sequences[slotA] < sequences[slotB]);
  }

  private void siftUp(int position) {
    int slot = heap[position];
    while (position > 0) {
      int parentPosition = (position - 1) / ARITY;
      int parent = heap[parentPosition];
      if (!isBefore(slot, parent)) {
        break;
      }
      heap[position] = parent;
      heapPositions[parent] = position;
      position = parentPosition;
    }
    heap[position] = slot;
    heapPositions[slot] = position;
  }

  private void siftDown(int position) {
    int slot = heap[position];
    while (true) {
      int firstChild = position * ARITY + 1;
      if (firstChild >= heapSize) {
        break;
      }
      int best = firstChild;
      int end = Math.min(firstChild + ARITY, heapSize);
      for (int child = firstChild + 1; child < end; child++) {
        if (isBefore(heap[child], heap[best])) {
          best = child;
        }
      }
      if (!isBefore(heap[best], slot)) {
        break;
      }
      int bestSlot = heap[best];
      heap[position] = bestSlot;
      heapPositions[bestSlot] = position;
      position = best;
    }
    heap[position] = slot;
    heapPositions[slot] = position;
  }
}
