package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.catdit.overlay.core.PeerId;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

  @Test
  void ed25519SignsVerifiesAndRefusesGarbageWithoutThrowing() throws Exception {
    Ed25519Authenticator key = Ed25519Authenticator.generate();
    Ed25519Authenticator other = Ed25519Authenticator.generate();
    byte[] data = "transcript".getBytes();
    byte[] signature = key.sign(data);
    assertEquals(64, signature.length);
    assertEquals(32, key.publicKey().length);
    assertTrue(key.verify(key.publicKey(), data, signature));
    assertFalse(key.verify(other.publicKey(), data, signature), "another key");
    assertFalse(key.verify(key.publicKey(), "transcripT".getBytes(), signature), "other data");
    byte[] flipped = signature.clone();
    flipped[10] ^= 1;
    assertFalse(key.verify(key.publicKey(), data, flipped));
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      byte[] garbageKey = new byte[random.nextInt(3) == 0 ? random.nextInt(40) : 32];
      byte[] garbageSignature = new byte[random.nextInt(3) == 0 ? random.nextInt(80) : 64];
      random.nextBytes(garbageKey);
      random.nextBytes(garbageSignature);
      assertFalse(key.verify(garbageKey, data, garbageSignature));
    }
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.publicKey());
    assertEquals(PeerId.fromBytes(digest, 0), key.localPeer());
    assertNull(key.peerIdOf(new byte[31]));
  }

  @Test
  void theSimulatorStandInRefusesWrongKeysAndData() {
    SimAuthenticator a = new SimAuthenticator(PeerId.of(0, 1));
    SimAuthenticator b = new SimAuthenticator(PeerId.of(0, 2));
    byte[] data = {1, 2, 3};
    byte[] signature = a.sign(data);
    assertTrue(b.verify(a.publicKey(), data, signature));
    assertFalse(b.verify(b.publicKey(), data, signature));
    assertFalse(b.verify(a.publicKey(), new byte[] {1, 2, 4}, signature));
    assertEquals(PeerId.of(0, 1), b.peerIdOf(a.publicKey()));
    assertNull(b.peerIdOf(new byte[3]));
  }
}
