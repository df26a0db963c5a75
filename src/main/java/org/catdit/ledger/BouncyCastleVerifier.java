package org.catdit.ledger;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 verification with BouncyCastle's pure-Java RFC 8032 code: the project's default. */
public final class BouncyCastleVerifier implements Verifier {
  @Override
  public boolean verify(AuthorKey key, byte[] message, byte[] signature) {
    if (!Ed25519Rules.passes(key, signature)) {
      return false;
    }
    try {
      return Ed25519.verify(signature, 0, key.rawBytes(), 0, message, 0, message.length);
    } catch (RuntimeException invalidPoint) {
      return false;
    }
  }
}
