package org.catdit.app;

import java.util.ArrayList;
import java.util.List;
import org.catdit.ledger.BouncyCastleVerifier;
import org.catdit.ledger.Hash;
import org.catdit.ledger.JdkVerifier;
import org.catdit.ledger.Payload;
import org.catdit.ledger.Signer;
import org.catdit.ledger.Transition;
import org.catdit.ledger.Verifier;

/**
 * Measures signing and verifying transitions with the JDK's and BouncyCastle's Ed25519, single
 * thread, on real transition bytes (ADR 0005). Run: {@code java -cp target/classes:$(cat cp.txt)
 * org.catdit.app.Ed25519Benchmark [seconds-per-phase]}.
 */
public final class Ed25519Benchmark {
  private Ed25519Benchmark() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    Signer signer = Signer.ed25519FromSeed(new byte[32]);
    java.security.KeyPair pair =
        java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    java.security.Signature jdkSign = java.security.Signature.getInstance("Ed25519");
    List<Transition> transitions = new ArrayList<>();
    for (int i = 0; i < 512; i++) {
      transitions.add(
          Transition.create(
              signer,
              1,
              i,
              List.of(),
              new Payload.Post(
                  Hash.sha256(new byte[] {(byte) i}),
                  1000,
                  640,
                  480,
                  "image/jpeg",
                  "a cat",
                  Hash.sha256(new byte[] {(byte) i, 1}))));
    }
    byte[] message = transitions.get(0).signedMessage();
    System.out.printf("message bytes: %d%n", message.length);
    for (int round = 0; round < 2; round++) {
      String label = round == 0 ? "warm-up " : "";
      double bcSign = rate(seconds, () -> signer.sign(message));
      double jdkSignRate =
          rate(
              seconds,
              () -> {
                try {
                  jdkSign.initSign(pair.getPrivate());
                  jdkSign.update(message);
                  jdkSign.sign();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      double bcVerify = verifyRate(seconds, new BouncyCastleVerifier(), transitions);
      double jdkVerify = verifyRate(seconds, new JdkVerifier(), transitions);
      System.out.printf(
          "%sBouncyCastle: sign %.0f/s verify %.0f/s | JDK SunEC: sign %.0f/s verify %.0f/s%n",
          label, bcSign, bcVerify, jdkSignRate, jdkVerify);
    }
  }

  private static double verifyRate(double seconds, Verifier verifier, List<Transition> list) {
    int[] index = {0};
    return rate(
        seconds,
        () -> {
          Transition t = list.get(index[0]++ & 511);
          if (!verifier.verify(t.author(), t.signedMessage(), t.signature())) {
            throw new IllegalStateException("valid signature refused");
          }
        });
  }

  private static double rate(double seconds, Runnable operation) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    long count = 0;
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 16; i++) {
        operation.run();
      }
      count += 16;
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }
}
