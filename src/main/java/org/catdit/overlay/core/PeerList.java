package org.catdit.overlay.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A small set of peers in a defined order, with two timestamps per entry (when it was added and when
 * the peer was last heard from). Views in gossip protocols hold tens of entries, so a linear scan is
 * both the fastest lookup and the smallest memory footprint; iteration order is insertion order
 * (with removal moving the last entry into the gap), so every run with the same inputs makes the
 * same choices.
 */
public final class PeerList {
  private static final PeerId[] EMPTY_PEERS = new PeerId[0];
  private static final long[] EMPTY_TIMES = new long[0];

  private PeerId[] peers = EMPTY_PEERS;
  private long[] addedMicros = EMPTY_TIMES;
  private long[] lastHeardMicros = EMPTY_TIMES;
  private int size;

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public PeerId get(int index) {
    checkIndex(index);
    return peers[index];
  }

  public int indexOf(PeerId peer) {
    for (int i = 0; i < size; i++) {
      if (peers[i].equals(peer)) {
        return i;
      }
    }
    return -1;
  }

  public boolean contains(PeerId peer) {
    return indexOf(peer) >= 0;
  }

  /**
   * Adds {@code peer} if absent.
   *
   * @return whether it was added
   */
  public boolean add(PeerId peer, long nowMicros) {
    if (contains(peer)) {
      return false;
    }
    if (size == peers.length) {
      int capacity = Math.max(4, size + (size >> 1));
      peers = Arrays.copyOf(peers, capacity);
      addedMicros = Arrays.copyOf(addedMicros, capacity);
      lastHeardMicros = Arrays.copyOf(lastHeardMicros, capacity);
    }
    peers[size] = peer;
    addedMicros[size] = nowMicros;
    lastHeardMicros[size] = nowMicros;
    size++;
    return true;
  }

  /**
   * Removes {@code peer} if present.
   *
   * @return whether it was present
   */
  public boolean remove(PeerId peer) {
    int index = indexOf(peer);
    if (index < 0) {
      return false;
    }
    removeAt(index);
    return true;
  }

  /** Removes the entry at {@code index}; the last entry takes its place. */
  public void removeAt(int index) {
    checkIndex(index);
    int last = size - 1;
    peers[index] = peers[last];
    addedMicros[index] = addedMicros[last];
    lastHeardMicros[index] = lastHeardMicros[last];
    peers[last] = null;
    size = last;
  }

  public void clear() {
    Arrays.fill(peers, 0, size, null);
    size = 0;
  }

  /** A uniformly chosen member; the list must not be empty. */
  public PeerId random(RandomGenerator random) {
    if (size == 0) {
      throw new IllegalStateException("no peer to choose from");
    }
    return peers[random.nextInt(size)];
  }

  public long addedMicros(int index) {
    checkIndex(index);
    return addedMicros[index];
  }

  public long lastHeardMicros(int index) {
    checkIndex(index);
    return lastHeardMicros[index];
  }

  /** Records that {@code peer} was heard from; does nothing if it is not a member. */
  public void heardFrom(PeerId peer, long nowMicros) {
    int index = indexOf(peer);
    if (index >= 0) {
      lastHeardMicros[index] = nowMicros;
    }
  }

  /** A copy of the members in list order. */
  public List<PeerId> toList() {
    List<PeerId> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(peers[i]);
    }
    return out;
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index + " of " + size);
    }
  }
}
