package org.catdit.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The child process of {@link StoreCrashTest}: opens the store in {@code args[0]} and appends the
 * test chain from where the store ends, as fast as the writer takes it, until it is killed. It
 * prints {@code READY <count>} once open and {@code ACK <n>} each time the transitions before
 * number {@code n} are acknowledged (their future completed), which the parent takes as the promise
 * the store must keep.
 */
public final class CrashWriterMain {
  private static final int BATCH = 40;
  private static final int IN_FLIGHT_BATCHES = 16;

  private CrashWriterMain() {}

  public static void main(String[] args) throws Exception {
    Store store = Store.open(Path.of(args[0]));
    long next = store.transitionCount();
    say("READY " + next);
    Semaphore inFlight = new Semaphore(IN_FLIGHT_BATCHES);
    while (true) {
      inFlight.acquire();
      List<StoredTransition> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        batch.add(TestTransitions.chain(next + i));
      }
      long end = next + BATCH;
      store
          .appendTransitions(batch)
          .whenComplete(
              (ok, failure) -> {
                inFlight.release();
                if (failure != null) {
                  say("FAILED " + failure);
                  System.exit(3);
                }
                say("ACK " + end);
              });
      // Other tables are written in the same transactions now and then.
      if (next % (BATCH * 10) == 0) {
        store.saveScores(Map.of(TestTransitions.id(next), (int) next));
        store.savePeers(
            List.of(new KnownPeer("peer" + next % 50, "127.0.0.1:" + next % 65536, next)));
      }
      next = end;
    }
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
