package org.catdit.overlay.link;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-packet authenticated encryption of a session: AES-128-GCM (NIST SP 800-38D; QUIC's mandatory
 * suite, TLS_AES_128_GCM_SHA256 of RFC 9001 §5.3) with one key and IV per direction, derived by
 * HKDF-SHA256 (RFC 5869) from the X25519 secret and the hash of the handshake transcript. The nonce
 * is the IV XOR the packet number (as in QUIC); the header (and an ECHO sent in the clear) is
 * authenticated as associated data.
 *
 * <p>Why not ChaCha20-Poly1305 (RFC 8439), which this used first: JDK 17 has no intrinsics for it
 * (they came in JDK 20/21) and it sealed ~120–140 MB/s per core here, 55 % of the link's event-loop
 * time in a loopback bulk transfer (JFR, docs/benchmarks.md), while JDK 17's AES-GCM runs on AES-NI
 * and carry-less multiplication intrinsics: 450–790 MB/s on the same machine. The trade: on a CPU
 * without AES-NI the JDK's AES is slower and table-based; choosing the AEAD per machine would need
 * both ends to agree in the handshake, which is not built.
 *
 * <p>Why 128-bit keys, not 256: AES-128 runs 10 rounds to AES-256's 14, and on this machine JDK 17
 * seals and opens 65,000-byte packets 12 % faster with it (1.50–1.57 against 1.35–1.39 GB/s,
 * docs/benchmarks.md), in a link whose bulk transfer spends 45 % of each event loop in the cipher.
 * 128-bit AES is what QUIC and TLS 1.3 require every implementation to offer; its margin is not
 * what an attacker on this link would go after.
 */
final class PacketProtection {
  static final int TAG_BYTES = 16;
  private static final int KEY_BYTES = 16;
  private static final int IV_BYTES = 12;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecretKeySpec sendKey;
  private final byte[] sendIv;
  private final SecretKeySpec receiveKey;
  private final byte[] receiveIv;
  private final Cipher sealer;
  private Cipher opener;
  private byte[] plaintext = new byte[0];
  private byte[] sealed = new byte[0];
  private long lastOpenedPacketNumber = -1;

  private PacketProtection(byte[] sendKey, byte[] sendIv, byte[] receiveKey, byte[] receiveIv) {
    this.sendKey = new SecretKeySpec(sendKey, "AES");
    this.sendIv = sendIv;
    this.receiveKey = new SecretKeySpec(receiveKey, "AES");
    this.receiveIv = receiveIv;
    try {
      this.sealer = Cipher.getInstance(TRANSFORMATION);
      this.opener = Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(TRANSFORMATION + " is not available", e);
    }
  }

  /** Keys for one side of a session from the shared secret and the handshake transcript. */
  static PacketProtection derive(byte[] sharedSecret, byte[] keyTranscript, boolean isInitiator) {
    try {
      byte[] salt = MessageDigest.getInstance("SHA-256").digest(keyTranscript);
      byte[] pseudoRandomKey = hmac(salt, sharedSecret);
      byte[] initiatorKey = expand(pseudoRandomKey, "catdit i2r key", KEY_BYTES);
      byte[] initiatorIv = expand(pseudoRandomKey, "catdit i2r iv", IV_BYTES);
      byte[] responderKey = expand(pseudoRandomKey, "catdit r2i key", KEY_BYTES);
      byte[] responderIv = expand(pseudoRandomKey, "catdit r2i iv", IV_BYTES);
      return isInitiator
          ? new PacketProtection(initiatorKey, initiatorIv, responderKey, responderIv)
          : new PacketProtection(responderKey, responderIv, initiatorKey, initiatorIv);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  /** HKDF-Expand for at most one hash length. */
  private static byte[] expand(byte[] pseudoRandomKey, String label, int length)
      throws GeneralSecurityException {
    byte[] info = (label + "\u0001").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return Arrays.copyOf(hmac(pseudoRandomKey, info), length);
  }

  private static byte[] nonce(byte[] iv, long packetNumber) {
    byte[] nonce = iv.clone();
    for (int i = 0; i < 8; i++) {
      nonce[IV_BYTES - 1 - i] ^= (byte) (packetNumber >>> (8 * i));
    }
    return nonce;
  }

  /**
   * Seals {@code packet[0..length)} into {@link #sealed()}, which the next call overwrites: the
   * first {@code clearLength} bytes stay readable and are authenticated, the rest are encrypted and
   * followed by the tag. One buffer per session, as for {@link #open}.
   *
   * @return the datagram's length
   */
  int seal(long packetNumber, byte[] packet, int clearLength, int length) {
    if (sealed.length < length + TAG_BYTES) {
      sealed = new byte[length + TAG_BYTES];
    }
    try {
      sealer.init(
          Cipher.ENCRYPT_MODE,
          sendKey,
          new GCMParameterSpec(8 * TAG_BYTES, nonce(sendIv, packetNumber)));
      sealer.updateAAD(packet, 0, clearLength);
      System.arraycopy(packet, 0, sealed, 0, clearLength);
      return clearLength
          + sealer.doFinal(packet, clearLength, length - clearLength, sealed, clearLength);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }

  /** The datagram {@link #seal} produced last. */
  byte[] sealed() {
    return sealed;
  }

  /**
   * Decrypts a datagram's frames into {@link #plaintext()}, which the next call overwrites: the
   * caller reads (or copies) them first. One buffer per session instead of a fresh array per
   * packet, which on loopback is a 64 KiB allocation for every datagram.
   *
   * @return the length of the frames, or -1 if the datagram does not authenticate
   */
  int open(long packetNumber, byte[] datagram, int offset, int clearLength, int length) {
    int sealedLength = length - clearLength;
    if (sealedLength < TAG_BYTES) {
      return -1;
    }
    if (plaintext.length < sealedLength) {
      plaintext = new byte[sealedLength];
    }
    try {
      if (packetNumber == lastOpenedPacketNumber) {
        // A replay of the last packet gets a fresh instance (the JDK refused to re-initialise
        // ChaCha20 with the key and nonce it just used; kept for any cipher that does) and is then
        // dropped as a duplicate by the session.
        opener = Cipher.getInstance(TRANSFORMATION);
      }
      lastOpenedPacketNumber = packetNumber;
      opener.init(
          Cipher.DECRYPT_MODE,
          receiveKey,
          new GCMParameterSpec(8 * TAG_BYTES, nonce(receiveIv, packetNumber)));
      opener.updateAAD(datagram, offset, clearLength);
      return opener.doFinal(datagram, offset + clearLength, sealedLength, plaintext, 0);
    } catch (GeneralSecurityException e) {
      return -1;
    }
  }

  /** The frames {@link #open} decrypted last. */
  byte[] plaintext() {
    return plaintext;
  }
}
