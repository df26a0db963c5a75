package org.catdit.store;

import java.util.Objects;

/**
 * A peer we have talked to, kept so a restarted node has somewhere to rejoin.
 *
 * @param peerId the peer's id as text (as the overlay prints it)
 * @param address where it was last reached, e.g. {@code host:port}
 * @param lastSeenMillis when we last heard from it, milliseconds since the epoch
 */
public record KnownPeer(String peerId, String address, long lastSeenMillis) {
  public KnownPeer {
    Objects.requireNonNull(peerId, "peerId");
    Objects.requireNonNull(address, "address");
    if (peerId.isEmpty() || peerId.length() > StoreLimits.MAX_PEER_ID_CHARS) {
      throw new IllegalArgumentException(
          "a peer id has 1 to " + StoreLimits.MAX_PEER_ID_CHARS + " characters");
    }
    if (address.isEmpty() || address.length() > StoreLimits.MAX_PEER_ADDRESS_CHARS) {
      throw new IllegalArgumentException(
          "a peer address has 1 to " + StoreLimits.MAX_PEER_ADDRESS_CHARS + " characters");
    }
    if (lastSeenMillis < 0) {
      throw new IllegalArgumentException("lastSeenMillis is not negative: " + lastSeenMillis);
    }
  }
}
