package org.catdit.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.catdit.ledger.AuthorKey;
import org.catdit.ledger.Ledger;
import org.catdit.ledger.Payload;
import org.catdit.ledger.Transition;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.PeerAuthenticator;

/**
 * Names for keys and peers. A peer's overlay id is derived from the same Ed25519 key that signs its
 * transitions, so a neighbour in the network panel can be shown by the display name of its latest
 * profile. Written on the loop, read from the snapshot thread: concurrent maps, bounded by the
 * authors in the ledger.
 */
final class PeerDirectory {
  private final PeerAuthenticator keys;
  private final Map<PeerId, String> namesByPeer = new ConcurrentHashMap<>();
  private final Map<AuthorKey, String> namesByAuthor = new ConcurrentHashMap<>();

  PeerDirectory(PeerAuthenticator keys) {
    this.keys = keys;
  }

  /** Learns from an accepted transition (profiles carry names). */
  void learn(Transition transition) {
    if (transition.payload() instanceof Payload.Profile profile) {
      AuthorKey author = transition.author();
      // Only the author's latest profile counts: sequence order is the author's own order.
      if (isNewest(transition)) {
        namesByAuthor.put(author, profile.displayName());
        namesByPeer.put(keys.peerIdOf(author.bytes()), profile.displayName());
      }
    }
  }

  private final Map<AuthorKey, Long> profileSequence = new ConcurrentHashMap<>();

  private boolean isNewest(Transition transition) {
    Long before = profileSequence.get(transition.author());
    if (before != null && before > transition.sequence()) {
      return false;
    }
    profileSequence.put(transition.author(), transition.sequence());
    return true;
  }

  /** The display name of a neighbour, or empty if its author has published none. */
  String displayName(PeerId peer) {
    return namesByPeer.getOrDefault(peer, "");
  }

  /** The name a post's author is shown by: the ledger's, else the first 8 digits of the key. */
  String nameOf(Ledger ledger, AuthorKey author) {
    return ledger.displayName(author).orElse(author.hex().substring(0, 8));
  }

  /** This peer's own name, or empty before it has chosen one. Any thread. */
  String ownName(AuthorKey self) {
    String name = namesByAuthor.get(self);
    return name == null ? "" : name;
  }
}
