package org.catdit.overlay.membership;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.catdit.overlay.core.PeerId;

/**
 * Neighbours this peer lost to failure detection, each tried again now and then as the contact of a
 * rejoin, so that the halves of a healed partition meet again.
 *
 * <p>Why: a partition longer than the failure timeout makes every peer drop every neighbour on the
 * other side, and SCAMP only ever subscribes through members of its own views, which are now all on
 * its own side: the two halves stay two overlays forever (the simulator showed it, docs/ledger.md).
 * Nothing in the paper repairs this; its model has no partitions. A lost neighbour is the one peer
 * this one knows on the far side, so each is retried with exponential back-off (from {@link
 * #FIRST_RETRY_MICROS}, doubling to {@link #MAX_RETRY_MICROS}, jittered so that the peers of a half
 * do not all rejoin in one instant) for {@link #MEMORY_MICROS}, and forgotten at once when it turns
 * up in a view again. While the partition lasts, a retry costs one subscription that is lost; once
 * it heals, the first retry to get through rejoins this peer through the other half and links the
 * two. A neighbour that really crashed costs its ex-neighbours a dozen lost subscriptions over an
 * hour.
 */
final class LostPeers {
  static final int CAPACITY = 8;
  static final long FIRST_RETRY_MICROS = 10_000_000L;
  static final long MAX_RETRY_MICROS = 300_000_000L;
  static final long MEMORY_MICROS = 3_600_000_000L;

  private final List<Entry> entries = new ArrayList<>();

  private static final class Entry {
    final PeerId peer;
    final long lostMicros;
    long retryMicros;
    long nextRetryMicros;

    Entry(PeerId peer, long lostMicros, long nextRetryMicros) {
      this.peer = peer;
      this.lostMicros = lostMicros;
      this.retryMicros = FIRST_RETRY_MICROS;
      this.nextRetryMicros = nextRetryMicros;
    }
  }

  /** {@code peer} was dropped from the views as failed; the oldest loss makes room if needed. */
  void onLost(long nowMicros, PeerId peer, RandomGenerator random) {
    forget(peer);
    if (entries.size() == CAPACITY) {
      entries.remove(0);
    }
    entries.add(new Entry(peer, nowMicros, nowMicros + jittered(FIRST_RETRY_MICROS, random)));
  }

  /** {@code peer} is in a view again: nothing to repair through it. */
  void forget(PeerId peer) {
    entries.removeIf(entry -> entry.peer.equals(peer));
  }

  /**
   * A lost peer whose retry is due, if any, with its next retry pushed back; entries older than
   * {@link #MEMORY_MICROS} are dropped first.
   */
  PeerId due(long nowMicros, RandomGenerator random) {
    entries.removeIf(entry -> nowMicros - entry.lostMicros >= MEMORY_MICROS);
    for (Entry entry : entries) {
      if (nowMicros - entry.nextRetryMicros >= 0) {
        entry.retryMicros = Math.min(MAX_RETRY_MICROS, 2 * entry.retryMicros);
        entry.nextRetryMicros = nowMicros + jittered(entry.retryMicros, random);
        return entry.peer;
      }
    }
    return null;
  }

  int size() {
    return entries.size();
  }

  /** Uniform in [period/2, 3·period/2). */
  private static long jittered(long periodMicros, RandomGenerator random) {
    return periodMicros / 2 + random.nextLong(periodMicros);
  }
}
