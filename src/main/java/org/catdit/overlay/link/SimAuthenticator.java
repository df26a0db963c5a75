package org.catdit.overlay.link;

import java.util.Arrays;
import org.catdit.overlay.core.PeerId;

/**
 * A cheap, deterministic stand-in for Ed25519 in the simulator. The "public key" is the 16-byte
 * peer id itself and a "signature" is an 8-byte keyed hash of the data. It exercises the same
 * handshake code paths (a wrong key or altered transcript is refused) but anyone can forge it:
 * never use it on a real network.
 */
public final class SimAuthenticator implements PeerAuthenticator {
  private final PeerId localPeer;
  private final byte[] publicKey;

  public SimAuthenticator(PeerId localPeer) {
    this.localPeer = localPeer;
    this.publicKey = localPeer.toBytes();
  }

  @Override
  public PeerId localPeer() {
    return localPeer;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] sign(byte[] data) {
    return tag(publicKey, data);
  }

  @Override
  public boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
    return publicKey.length == PeerId.BYTES && Arrays.equals(tag(publicKey, data), signature);
  }

  @Override
  public PeerId peerIdOf(byte[] publicKey) {
    return publicKey.length == PeerId.BYTES ? PeerId.fromBytes(publicKey, 0) : null;
  }

  private static byte[] tag(byte[] key, byte[] data) {
    long hash = 0x5DEECE66DL;
    for (byte b : key) {
      hash = (hash ^ (b & 0xFF)) * 0x100000001B3L;
    }
    for (byte b : data) {
      hash = (hash ^ (b & 0xFF)) * 0x100000001B3L;
      hash ^= hash >>> 29;
    }
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (hash >>> (56 - 8 * i));
    }
    return out;
  }
}
