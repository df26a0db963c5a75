package org.catdit.net;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.catdit.overlay.core.PeerId;

/**
 * Where each known peer can be reached: the source address of its session, or a hint from an
 * authenticated neighbour. Bounded: the least recently used entry goes first. Owned by the event
 * loop.
 */
final class AddressBook {
  private final int capacity;
  private final LinkedHashMap<PeerId, InetSocketAddress> addresses;

  AddressBook(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.addresses =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<PeerId, InetSocketAddress> eldest) {
            return size() > AddressBook.this.capacity;
          }
        };
  }

  /** An address seen on an authenticated session: it replaces whatever was known. */
  void observed(PeerId peer, InetSocketAddress address) {
    addresses.put(peer, address);
  }

  /**
   * An address a neighbour passed on: kept only if nothing is known yet, so hints never override
   * what a session proved.
   */
  boolean hinted(PeerId peer, InetSocketAddress address) {
    if (addresses.containsKey(peer)) {
      return false;
    }
    addresses.put(peer, address);
    return true;
  }

  /** The address of {@code peer}, or {@code null}. */
  InetSocketAddress lookup(PeerId peer) {
    return addresses.get(peer);
  }

  int size() {
    return addresses.size();
  }
}
