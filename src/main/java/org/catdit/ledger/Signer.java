package org.catdit.ledger;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Signs transitions as one author. Single-threaded use, like the ledger itself. */
public interface Signer {

  /** The author's raw 32-byte Ed25519 public key. */
  AuthorKey publicKey();

  /** A 64-byte signature over {@code message}. */
  byte[] sign(byte[] message);

  /**
   * A signer for a JDK Ed25519 key pair (as {@code net.NodeIdentity} loads it). Ed25519 signatures
   * are deterministic (RFC 8032), so which library computes them does not change the bytes; this
   * one uses BouncyCastle's, about ten times faster than SunEC here (see ADR 0005), and falls back
   * to the JDK when the private key is not in the usual 48-byte PKCS#8 form.
   */
  static Signer ed25519(KeyPair pair) {
    byte[] spki = pair.getPublic().getEncoded();
    if (!"Ed25519".equalsIgnoreCase(pair.getPublic().getAlgorithm())
        && !"EdDSA".equalsIgnoreCase(pair.getPublic().getAlgorithm())) {
      throw new IllegalArgumentException("not an Ed25519 key: " + pair.getPublic().getAlgorithm());
    }
    AuthorKey publicKey = AuthorKey.of(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    if (pkcs8 != null && pkcs8.length == 48) {
      return ed25519FromSeed(Arrays.copyOfRange(pkcs8, 16, 48), publicKey);
    }
    return new Signer() {
      @Override
      public AuthorKey publicKey() {
        return publicKey;
      }

      @Override
      public byte[] sign(byte[] message) {
        try {
          Signature signature = Signature.getInstance("Ed25519");
          signature.initSign(pair.getPrivate());
          signature.update(message);
          return signature.sign();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("Ed25519 signing failed", e);
        }
      }
    };
  }

  /** A signer for a raw 32-byte Ed25519 private key (the RFC 8032 seed). */
  static Signer ed25519FromSeed(byte[] seed) {
    if (seed.length != Ed25519.SECRET_KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 private key has 32 bytes");
    }
    byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    return ed25519FromSeed(seed, AuthorKey.of(publicKey));
  }

  private static Signer ed25519FromSeed(byte[] seed, AuthorKey publicKey) {
    byte[] secret = seed.clone();
    byte[] publicBytes = publicKey.bytes();
    return new Signer() {
      @Override
      public AuthorKey publicKey() {
        return publicKey;
      }

      @Override
      public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(secret, 0, publicBytes, 0, message, 0, message.length, signature, 0);
        return signature;
      }
    };
  }
}
