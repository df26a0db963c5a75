package org.catdit.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a realistic history: several replicas author concurrently (posts, upvotes, retractions,
 * names) and merge now and then; optionally one key is used on two replicas at once, which forks
 * its history (an equivocation).
 */
final class History {
  final List<Transition> all = new ArrayList<>();
  final Ledger reference = new Ledger(Verifier.standard());

  static History generate(long seed, int steps, boolean isEquivocating) {
    SplittableRandom random = new SplittableRandom(seed);
    History history = new History();
    int replicas = 3;
    Ledger[] ledgers = new Ledger[replicas];
    for (int i = 0; i < replicas; i++) {
      ledgers[i] = new Ledger(Verifier.standard());
    }
    Signer[] signers = new Signer[6];
    for (int i = 0; i < signers.length; i++) {
      signers[i] = Fixtures.signer(i + 1);
    }
    for (int step = 0; step < steps; step++) {
      int r = random.nextInt(replicas);
      Ledger ledger = ledgers[r];
      if (random.nextInt(8) == 0) {
        int other = random.nextInt(replicas);
        for (Transition t : ledgers[other].transitions().values()) {
          ledger.ingest(t);
        }
        continue;
      }
      // Signer i lives on replica i % 3; signer 5 (the equivocator) is used on every replica.
      int s = random.nextInt(signers.length);
      if (s == 5 && !isEquivocating) {
        s = r;
      } else if (s != 5) {
        s = r + replicas * random.nextInt(2) % 5;
        if (s % replicas != r) {
          s = r;
        }
      }
      Payload payload;
      List<PostView> posts = ledger.posts();
      int action = random.nextInt(10);
      if (posts.isEmpty() || action < 3) {
        payload = Fixtures.post(step);
      } else if (action < 7) {
        payload = new Payload.Upvote(posts.get(random.nextInt(posts.size())).id());
      } else if (action < 9) {
        payload = new Payload.RetractUpvote(posts.get(random.nextInt(posts.size())).id());
      } else {
        payload = new Payload.Profile("name " + step);
      }
      Transition t = ledger.author(signers[s], payload, step);
      history.all.add(t);
    }
    for (Transition t : history.all) {
      history.reference.ingest(t);
    }
    return history;
  }
}
