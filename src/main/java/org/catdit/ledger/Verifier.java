package org.catdit.ledger;

/**
 * Checks one Ed25519 signature. Every peer must judge signatures alike ("Taming the many EdDSAs",
 * Chalkias et al. 2020: libraries disagree on edge cases), so every implementation applies the same
 * explicit pre-checks from {@link Ed25519Rules} before the library runs, and the project pins one
 * default: {@link #standard()}.
 */
public interface Verifier {

  /** Whether {@code signature} is {@code key}'s signature over {@code message}. Never throws. */
  boolean verify(AuthorKey key, byte[] message, byte[] signature);

  /** The project's pinned verifier: BouncyCastle's, chosen by the figures in ADR 0005. */
  static Verifier standard() {
    return new BouncyCastleVerifier();
  }
}
