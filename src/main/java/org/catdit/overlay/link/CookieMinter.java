package org.catdit.overlay.link;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless cookies (retry-token style): an HMAC-SHA256, truncated to 16 bytes, over the address
 * the INIT came from, the time the cookie was issued and everything the responder must rebuild when
 * the cookie returns. The key is drawn once from the endpoint's random generator.
 */
final class CookieMinter {
  private final Mac mac;

  CookieMinter(RandomGenerator random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  byte[] mint(
      byte[] addressBytes,
      long issuedMicros,
      long initiatorConnectionId,
      long responderConnectionId,
      byte[] initiatorNonce,
      byte[] responderNonce,
      byte[] initiatorKey,
      byte[] initiatorEphemeralKey) {
    PacketWriter out =
        new PacketWriter(
            2
                + addressBytes.length
                + 24
                + 2 * FrameCodec.NONCE_BYTES
                + 1
                + initiatorKey.length
                + KeyExchange.KEY_BYTES);
    out.writeUnsignedShort(addressBytes.length).writeFixed(addressBytes, 0, addressBytes.length);
    out.writeLong(issuedMicros).writeLong(initiatorConnectionId).writeLong(responderConnectionId);
    out.writeFixed(initiatorNonce, 0, initiatorNonce.length);
    out.writeFixed(responderNonce, 0, responderNonce.length);
    out.writeShortBytes(initiatorKey);
    out.writeFixed(initiatorEphemeralKey, 0, initiatorEphemeralKey.length);
    return Arrays.copyOf(mac.doFinal(out.toByteArray()), FrameCodec.MAC_BYTES);
  }

  /**
   * The responder's X25519 scalar for one epoch, derived from the cookie key, so the stateless
   * responder can recompute it when a cookie issued in that epoch returns. Sessions still get
   * distinct keys: the key schedule also hashes both nonces.
   */
  byte[] ephemeralScalar(long epoch) {
    byte[] input = new byte[9];
    input[0] = 'x';
    for (int i = 0; i < 8; i++) {
      input[1 + i] = (byte) (epoch >>> (56 - 8 * i));
    }
    return Arrays.copyOf(mac.doFinal(input), KeyExchange.KEY_BYTES);
  }

  boolean check(
      byte[] cookieMac,
      byte[] addressBytes,
      long issuedMicros,
      long initiatorConnectionId,
      long responderConnectionId,
      byte[] initiatorNonce,
      byte[] responderNonce,
      byte[] initiatorKey,
      byte[] initiatorEphemeralKey) {
    byte[] expected =
        mint(
            addressBytes,
            issuedMicros,
            initiatorConnectionId,
            responderConnectionId,
            initiatorNonce,
            responderNonce,
            initiatorKey,
            initiatorEphemeralKey);
    return MessageDigest.isEqual(expected, cookieMac);
  }
}
