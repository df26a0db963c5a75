package org.catdit.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionTest {
  private final Signer alice = Fixtures.signer(1);

  @Test
  void roundTripsEveryKindByteForByte() throws Exception {
    Transition first = Fixtures.genesis(alice, new Payload.Profile("Alice 🐱"));
    for (Payload payload :
        List.of(
            new Payload.Profile("Alice 🐱"),
            Fixtures.post(3),
            new Payload.Upvote(first.id()),
            new Payload.RetractUpvote(first.id()))) {
      Transition t = Transition.create(alice, 2, 1234, List.of(first.id()), payload);
      Transition back = Transition.decode(t.encoded());
      assertArrayEquals(t.encoded(), back.encoded());
      assertEquals(t.id(), back.id());
      assertEquals(payload, back.payload());
      assertEquals(Hash.sha256(Arrays.copyOf(t.encoded(), t.encodedLength() - 64)), t.id());
      assertTrue(new BouncyCastleVerifier().verify(t.author(), t.signedMessage(), t.signature()));
      assertTrue(new JdkVerifier().verify(t.author(), t.signedMessage(), t.signature()));
    }
  }

  @Test
  void parentsAreSortedAndMustBeUnique() {
    Hash a = Hash.sha256(new byte[] {1});
    Hash b = Hash.sha256(new byte[] {2});
    Transition t = Transition.create(alice, 2, 0, List.of(b, a), new Payload.Profile("x"));
    assertTrue(t.parents().get(0).compareTo(t.parents().get(1)) < 0);
    assertThrows(
        IllegalArgumentException.class,
        () -> Transition.create(alice, 2, 0, List.of(a, a), new Payload.Profile("x")));
  }

  @Test
  void onlyFirstTransitionMayHaveNoParents() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Transition.create(alice, 2, 0, List.of(), new Payload.Profile("x")));
  }

  @Test
  void rejectsTrailingTruncatedUnknownAndNonCanonicalBytes() {
    Transition t = Fixtures.genesis(alice, Fixtures.post(1));
    byte[] bytes = t.encoded();
    assertThrows(
        MalformedTransitionException.class,
        () -> Transition.decode(Arrays.copyOf(bytes, bytes.length + 1)));
    assertThrows(
        MalformedTransitionException.class,
        () -> Transition.decode(Arrays.copyOf(bytes, bytes.length - 1)));
    byte[] unknownKind = bytes.clone();
    unknownKind[1] = 99;
    assertThrows(MalformedTransitionException.class, () -> Transition.decode(unknownKind));
    byte[] unknownVersion = bytes.clone();
    unknownVersion[0] = 2;
    assertThrows(MalformedTransitionException.class, () -> Transition.decode(unknownVersion));
    assertThrows(
        MalformedTransitionException.class,
        () -> Transition.decode(new byte[TransitionLimits.MAX_TRANSITION_BYTES + 1]));
    // Unsorted parents on the wire: swap the two parent hashes of a two-parent transition.
    Hash a = Hash.sha256(new byte[] {1});
    Hash b = Hash.sha256(new byte[] {2});
    byte[] twoParents =
        Transition.create(alice, 2, 0, List.of(a, b), new Payload.Profile("x")).encoded();
    byte[] swapped = twoParents.clone();
    System.arraycopy(twoParents, 51, swapped, 83, 32);
    System.arraycopy(twoParents, 83, swapped, 51, 32);
    assertThrows(MalformedTransitionException.class, () -> Transition.decode(swapped));
  }

  @Test
  void textMustBeCanonical() {
    assertThrows(IllegalArgumentException.class, () -> new Payload.Profile(""));
    assertThrows(IllegalArgumentException.class, () -> new Payload.Profile("a".repeat(41)));
    assertThrows(IllegalArgumentException.class, () -> new Payload.Profile("e\u0301")); // not NFC
    assertThrows(IllegalArgumentException.class, () -> new Payload.Profile("a\nb"));
    new Payload.Profile("a".repeat(40));
    Payload.Post ok = Fixtures.post(1);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Payload.Post(
                ok.pictureHash(), 1, 1, 1, "image/jpeg", "c".repeat(281), ok.thumbnailHash()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Payload.Post(ok.pictureHash(), 1, 1, 1, "text/html", "", ok.thumbnailHash()));
  }

  @Test
  void forgedSignatureFailsBothVerifiers() {
    Transition t = Fixtures.genesis(alice, new Payload.Profile("Alice"));
    byte[] signature = t.signature();
    signature[5] ^= 1;
    assertFalse(new BouncyCastleVerifier().verify(t.author(), t.signedMessage(), signature));
    assertFalse(new JdkVerifier().verify(t.author(), t.signedMessage(), signature));
    byte[] nonCanonicalS = t.signature();
    nonCanonicalS[63] = (byte) 0xF0; // S >= L
    assertFalse(new BouncyCastleVerifier().verify(t.author(), t.signedMessage(), nonCanonicalS));
    assertFalse(new JdkVerifier().verify(t.author(), t.signedMessage(), nonCanonicalS));
  }

  @Test
  void jdkKeyPairSignerMatchesSeedSigner() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Signer signer = Signer.ed25519(pair);
    Transition t = Fixtures.genesis(signer, new Payload.Profile("Bob"));
    java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
    jdk.initSign(pair.getPrivate());
    jdk.update(t.signedMessage());
    assertArrayEquals(jdk.sign(), t.signature());
    assertTrue(Verifier.standard().verify(t.author(), t.signedMessage(), t.signature()));
  }
}
