package org.catdit.net;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.catdit.overlay.core.PeerId;

/**
 * The peers heard on the LAN, bounded: at most {@code capacity} entries, each forgotten {@code
 * expiryMillis} after its last beacon; when full, the entry heard from longest ago makes room. Not
 * thread-safe (the discovery thread owns it; others get copies).
 */
final class DiscoveredPeers {
  /** One peer heard on the LAN: where its node listens, when it was first and last heard. */
  record Entry(
      PeerId peer,
      InetSocketAddress address,
      boolean isMember,
      long firstHeardMillis,
      long lastHeardMillis) {}

  private final int capacity;
  private final long expiryMillis;
  // Access order: the eldest entry is the one heard from longest ago.
  private final LinkedHashMap<PeerId, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long evictions;
  private long expirations;

  DiscoveredPeers(int capacity, long expiryMillis) {
    if (capacity < 1 || expiryMillis < 1) {
      throw new IllegalArgumentException("capacity and expiry must be positive");
    }
    this.capacity = capacity;
    this.expiryMillis = expiryMillis;
  }

  /**
   * Records a beacon; answers whether the peer is new. A peer heard again keeps the address it was
   * first heard at (a host on two interfaces loops its beacon back on both) until it expires.
   */
  boolean heard(PeerId peer, InetSocketAddress address, boolean isMember, long nowMillis) {
    expire(nowMillis);
    Entry old = entries.get(peer);
    if (old != null) {
      entries.put(
          peer, new Entry(peer, old.address(), isMember, old.firstHeardMillis(), nowMillis));
      return false;
    }
    if (entries.size() >= capacity) {
      Iterator<PeerId> eldest = entries.keySet().iterator();
      eldest.next();
      eldest.remove();
      evictions++;
    }
    entries.put(peer, new Entry(peer, address, isMember, nowMillis, nowMillis));
    return true;
  }

  /** The live entries, first heard first. */
  List<Entry> live(long nowMillis) {
    expire(nowMillis);
    List<Entry> out = new ArrayList<>(entries.values());
    out.sort((a, b) -> Long.compare(a.firstHeardMillis(), b.firstHeardMillis()));
    return out;
  }

  long evictions() {
    return evictions;
  }

  long expirations() {
    return expirations;
  }

  int size() {
    return entries.size();
  }

  private void expire(long nowMillis) {
    Iterator<Map.Entry<PeerId, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      if (nowMillis - it.next().getValue().lastHeardMillis() >= expiryMillis) {
        it.remove();
        expirations++;
      }
    }
  }
}
