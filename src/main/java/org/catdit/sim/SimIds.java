package org.catdit.sim;

import org.catdit.overlay.core.PeerId;

/** Simulated peers get cheap deterministic ids that carry their index. */
final class SimIds {
  /** The high word of every simulated id ("catsim" in ASCII, padded). */
  static final long NAMESPACE = 0x636174_73696D_0000L;

  private SimIds() {}

  static PeerId of(int index) {
    // The low word mixes the index so ids do not sort like indices, as real ids would not.
    return PeerId.of(NAMESPACE, (mix(index) & ~0xFFFF_FFFFL) | (index & 0xFFFF_FFFFL));
  }

  /** The index a simulated id carries, or -1 for an id that is not one of ours. */
  static int indexOf(PeerId id) {
    if (id.high() != NAMESPACE) {
      return -1;
    }
    return (int) id.low();
  }

  static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
