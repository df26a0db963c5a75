package org.catdit.ledger.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.catdit.ledger.Ledger;
import org.catdit.overlay.core.Environment;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.core.TimerTask;
import org.catdit.overlay.wire.LedgerReconcile;
import org.catdit.overlay.wire.Message;
import org.catdit.overlay.wire.MessageCodec;

/**
 * Two LedgerSync peers wired back to back through the real codec, messages delivered in FIFO order,
 * no timers run unless asked: enough to count reconciliation rounds and bytes.
 */
final class Pair {
  final Ledger[] ledgers = new Ledger[2];
  final LedgerSync[] syncs = new LedgerSync[2];
  final PeerId[] ids = {PeerId.of(1, 1), PeerId.of(2, 2)};
  private final ArrayDeque<Object[]> queue = new ArrayDeque<>();
  private final MessageCodec codec = MessageCodec.standard();
  int maxRound = -1;
  long bytes;
  long messages;
  final List<byte[]> broadcasts = new ArrayList<>();

  Pair(Ledger a, Ledger b, SyncConfig config) {
    ledgers[0] = a;
    ledgers[1] = b;
    for (int i = 0; i < 2; i++) {
      int self = i;
      Environment env =
          new Environment() {
            final SplittableRandom random = new SplittableRandom(self);

            @Override
            public PeerId self() {
              return ids[self];
            }

            @Override
            public void send(PeerId to, Message message) {
              queue.add(new Object[] {1 - self, message});
            }

            @Override
            public long schedule(long delayMicros, TimerTask task) {
              return 0;
            }

            @Override
            public void cancel(long timerId) {}

            @Override
            public RandomGenerator random() {
              return random;
            }
          };
      SyncOverlay overlay =
          new SyncOverlay() {
            @Override
            public void broadcast(long nowMicros, byte[] payload) {
              broadcasts.add(payload);
            }

            @Override
            public List<PeerId> neighbours() {
              return List.of(ids[1 - self]);
            }
          };
      syncs[i] = new LedgerSync(env, overlay, ledgers[i], config);
    }
  }

  /** Delivers every queued message (and what it causes) through encode and decode. */
  void drain() throws Exception {
    while (!queue.isEmpty()) {
      Object[] next = queue.poll();
      int to = (int) next[0];
      byte[] wire = codec.encode((Message) next[1]);
      bytes += wire.length;
      messages++;
      Message message = codec.decode(wire);
      if (message instanceof LedgerReconcile reconcile) {
        maxRound = Math.max(maxRound, reconcile.round());
      }
      syncs[to].onMessage(0, ids[1 - to], message);
    }
  }
}
