package org.catdit.feed;

/**
 * What a user can change about how their peer runs.
 *
 * @param port the UDP port to listen on, 0 for any free port (takes effect at the next start)
 * @param isLanDiscoveryOn whether the peer announces itself on the LAN and joins peers it finds
 */
public record PeerSettings(int port, boolean isLanDiscoveryOn) {
  public PeerSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 (any) or 1-65535, not " + port);
    }
  }
}
