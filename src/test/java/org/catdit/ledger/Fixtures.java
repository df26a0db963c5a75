package org.catdit.ledger;

import java.util.List;

/** Deterministic keys and payloads for ledger tests. */
final class Fixtures {
  private Fixtures() {}

  static Signer signer(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[1] = (byte) (n >>> 8);
    seed[31] = 0x5A;
    return Signer.ed25519FromSeed(seed);
  }

  static Payload.Post post(int n) {
    return new Payload.Post(
        Hash.sha256(new byte[] {(byte) n, 1}),
        1000 + n,
        640,
        480,
        "image/jpeg",
        "cat number " + n,
        Hash.sha256(new byte[] {(byte) n, 2}));
  }

  static Transition genesis(Signer signer, Payload payload) {
    return Transition.create(signer, 1, 0, List.of(), payload);
  }
}
