package org.catdit.overlay.link;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.catdit.overlay.core.PeerId;

/**
 * Ed25519 through the JDK ({@code java.security}, "Ed25519", Java 15+). The public key travels as
 * its raw 32 bytes; the peer id is the first 16 bytes of its SHA-256.
 */
public final class Ed25519Authenticator implements PeerAuthenticator {
  /** The fixed DER prefix of an X.509 SubjectPublicKeyInfo for an Ed25519 key (RFC 8410). */
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private static final int RAW_KEY_BYTES = 32;

  private final PrivateKey privateKey;
  private final byte[] rawPublicKey;
  private final PeerId localPeer;

  public Ed25519Authenticator(KeyPair keyPair) {
    byte[] encoded = keyPair.getPublic().getEncoded();
    if (encoded.length != X509_PREFIX.length + RAW_KEY_BYTES
        || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    this.privateKey = keyPair.getPrivate();
    this.rawPublicKey = Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    this.localPeer = peerIdOf(rawPublicKey);
  }

  /** A fresh key pair from the JDK's default secure random source. */
  public static Ed25519Authenticator generate() {
    try {
      return new Ed25519Authenticator(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
  }

  @Override
  public PeerId localPeer() {
    return localPeer;
  }

  @Override
  public byte[] publicKey() {
    return rawPublicKey.clone();
  }

  @Override
  public byte[] sign(byte[] data) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  @Override
  public boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
    if (publicKey.length != RAW_KEY_BYTES || signature.length != 64) {
      return false;
    }
    try {
      byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + RAW_KEY_BYTES);
      System.arraycopy(publicKey, 0, encoded, X509_PREFIX.length, RAW_KEY_BYTES);
      PublicKey key =
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      // A point that does not decode, or any other malformed input, is simply not a valid proof.
      return false;
    }
  }

  @Override
  public PeerId peerIdOf(byte[] publicKey) {
    if (publicKey.length != RAW_KEY_BYTES) {
      return null;
    }
    try {
      return PeerId.fromBytes(MessageDigest.getInstance("SHA-256").digest(publicKey), 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
