package org.catdit.overlay.link;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) through the JDK's XDH provider, on raw 32-byte scalars and u-coordinates so
 * that ephemeral keys can come from the endpoint's injected random generator (or, for the stateless
 * responder, from its cookie key) instead of an ambient {@code SecureRandom}.
 */
final class KeyExchange {
  static final int KEY_BYTES = 32;
  private static final byte[] BASE_POINT = new byte[KEY_BYTES];

  static {
    BASE_POINT[0] = 9;
  }

  private KeyExchange() {}

  /** The public key of {@code scalar}: X25519(scalar, 9). */
  static byte[] publicKey(byte[] scalar) {
    byte[] result = sharedSecret(scalar, BASE_POINT);
    if (result == null) {
      throw new IllegalStateException("X25519 is not available");
    }
    return result;
  }

  /** X25519(scalar, peerPublic), or {@code null} if the peer's key is unusable. */
  static byte[] sharedSecret(byte[] scalar, byte[] peerPublic) {
    if (scalar.length != KEY_BYTES || peerPublic.length != KEY_BYTES) {
      return null;
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("XDH");
      PrivateKey privateKey =
          factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
      byte[] bigEndian = new byte[KEY_BYTES];
      for (int i = 0; i < KEY_BYTES; i++) {
        bigEndian[i] = peerPublic[KEY_BYTES - 1 - i];
      }
      bigEndian[0] &= 0x7F; // RFC 7748 §5: the top bit of the u-coordinate is ignored
      PublicKey publicKey =
          factory.generatePublic(
              new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
      KeyAgreement agreement = KeyAgreement.getInstance("XDH");
      agreement.init(privateKey);
      agreement.doPhase(publicKey, true);
      byte[] secret = agreement.generateSecret();
      int bits = 0;
      for (byte b : secret) {
        bits |= b;
      }
      return bits == 0 ? null : secret; // a low-order point gives all zeros
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }
}
