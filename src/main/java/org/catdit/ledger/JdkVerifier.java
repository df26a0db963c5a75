package org.catdit.ledger;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/** Ed25519 verification with the JDK's SunEC provider (JEP 339); kept for the comparison. */
public final class JdkVerifier implements Verifier {
  /** The X.509 SubjectPublicKeyInfo header for an Ed25519 key (RFC 8410), before the 32 bytes. */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private final KeyFactory keyFactory;
  private final Signature signature;

  public JdkVerifier() {
    try {
      keyFactory = KeyFactory.getInstance("Ed25519");
      signature = Signature.getInstance("Ed25519");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  @Override
  public boolean verify(AuthorKey key, byte[] message, byte[] signatureBytes) {
    if (!Ed25519Rules.passes(key, signatureBytes)) {
      return false;
    }
    byte[] spki = new byte[SPKI_PREFIX.length + AuthorKey.BYTES];
    System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
    System.arraycopy(key.rawBytes(), 0, spki, SPKI_PREFIX.length, AuthorKey.BYTES);
    try {
      PublicKey publicKey = keyFactory.generatePublic(new X509EncodedKeySpec(spki));
      signature.initVerify(publicKey);
      signature.update(message);
      return signature.verify(signatureBytes);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
