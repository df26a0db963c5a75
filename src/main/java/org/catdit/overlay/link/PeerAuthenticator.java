package org.catdit.overlay.link;

import org.catdit.overlay.core.PeerId;

/**
 * Proves this peer's key in a handshake and checks the other side's proof. The real network uses
 * {@link Ed25519Authenticator}; the simulator uses {@link SimAuthenticator}, which is cheap and
 * deterministic but forgeable. Implementations must not throw for malformed keys or signatures:
 * they answer {@code false}.
 */
public interface PeerAuthenticator {

  /** This peer's identity, derived from {@link #publicKey()} by {@link #peerIdOf(byte[])}. */
  PeerId localPeer();

  /** This peer's encoded public key (at most 64 bytes). */
  byte[] publicKey();

  /** Signs {@code data} with this peer's private key (at most 128 bytes of signature). */
  byte[] sign(byte[] data);

  /** Whether {@code signature} is a valid signature of {@code data} under {@code publicKey}. */
  boolean verify(byte[] publicKey, byte[] data, byte[] signature);

  /** The peer id that {@code publicKey} stands for, or {@code null} if the key is malformed. */
  PeerId peerIdOf(byte[] publicKey);
}
