package org.catdit.sim.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.catdit.ledger.AuthorKey;
import org.catdit.ledger.Hash;
import org.catdit.ledger.Signer;
import org.catdit.ledger.Verifier;

/**
 * A cheap, deterministic stand-in for Ed25519 in large simulations: NOT a signature scheme (anyone
 * who knows the public key can "sign"). The signature is SHA-256(key || message) followed by
 * SHA-256(message || key); the verifier recomputes it. It keeps every code path of the real one
 * (64-byte signatures, a check at ingest) at about two hashes instead of one curve operation. The
 * simulator says which it used in its output.
 */
public final class SimSignatures {
  private SimSignatures() {}

  public static AuthorKey keyOf(int peer) {
    return AuthorKey.of(
        Hash.sha256(("catdit-sim-key-" + peer).getBytes(StandardCharsets.US_ASCII)).bytes());
  }

  public static Signer signer(int peer) {
    AuthorKey key = keyOf(peer);
    return new Signer() {
      @Override
      public AuthorKey publicKey() {
        return key;
      }

      @Override
      public byte[] sign(byte[] message) {
        return signature(key, message);
      }
    };
  }

  public static Verifier verifier() {
    return (key, message, signature) ->
        signature != null && Arrays.equals(signature(key, message), signature);
  }

  private static byte[] signature(AuthorKey key, byte[] message) {
    byte[] keyBytes = key.bytes();
    MessageDigest first = Hash.newDigest();
    first.update(keyBytes);
    first.update(message);
    MessageDigest second = Hash.newDigest();
    second.update(message);
    second.update(keyBytes);
    byte[] out = Arrays.copyOf(first.digest(), 64);
    System.arraycopy(second.digest(), 0, out, 32, 32);
    return out;
  }
}
