package org.catdit.overlay.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerFormatsTest {
  private final MessageCodec codec = MessageCodec.standard();

  private static byte[] id(int n) {
    byte[] id = new byte[32];
    Arrays.fill(id, (byte) n);
    return id;
  }

  @Test
  void roundTripsEveryLedgerMessage() throws Exception {
    LedgerWant want = new LedgerWant(List.of(id(1), id(2)));
    LedgerWant wantBack = (LedgerWant) codec.decode(codec.encode(want));
    assertArrayEquals(id(2), wantBack.ids().get(1));

    LedgerTransitions transitions = new LedgerTransitions(List.of(new byte[] {1, 2, 3}));
    assertArrayEquals(
        new byte[] {1, 2, 3},
        ((LedgerTransitions) codec.decode(codec.encode(transitions))).transitions().get(0));

    LedgerReconcile reconcile =
        new LedgerReconcile(
            3,
            4_000_000_000L,
            List.of(
                new ReconcileRange(id(0), id(9), new byte[16], null),
                new ReconcileRange(id(9), null, null, List.of(id(10), id(11)))));
    LedgerReconcile back = (LedgerReconcile) codec.decode(codec.encode(reconcile));
    assertEquals(3, back.round());
    assertEquals(4_000_000_000L, back.senderCount());
    assertNull(back.ranges().get(1).upper());
    assertEquals(2, back.ranges().get(1).ids().size());
    assertArrayEquals(id(9), back.ranges().get(0).upper());

    LedgerEquivocation proof = new LedgerEquivocation(new byte[] {1}, new byte[] {2});
    assertArrayEquals(
        new byte[] {2}, ((LedgerEquivocation) codec.decode(codec.encode(proof))).second());
  }

  @Test
  void rejectsWhatBreaksALimit() {
    // A want claiming 65 ids.
    byte[] tooMany = new byte[2 + 65 * 32];
    tooMany[0] = (byte) MessageType.LEDGER_WANT.code();
    tooMany[1] = 65;
    assertThrows(MalformedMessageException.class, () -> codec.decode(tooMany));
    // A want claiming 3 ids but carrying 2.
    byte[] truncated = new byte[2 + 2 * 32];
    truncated[0] = (byte) MessageType.LEDGER_WANT.code();
    truncated[1] = 3;
    assertThrows(MalformedMessageException.class, () -> codec.decode(truncated));
    // Unknown range flags.
    byte[] flags = new byte[1 + 1 + 4 + 1 + 1 + 32 + 16];
    flags[0] = (byte) MessageType.LEDGER_RECONCILE.code();
    flags[6] = 1;
    flags[7] = 4;
    assertThrows(MalformedMessageException.class, () -> codec.decode(flags));
    // More ids than one reconciliation message may list.
    List<byte[]> ids = new ArrayList<>();
    for (int i = 0; i < LedgerLimits.MAX_IDS_PER_RECONCILE + 1; i++) {
      ids.add(id(i));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> new LedgerReconcile(0, 0, List.of(new ReconcileRange(id(0), null, null, ids))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LedgerTransitions(List.of(new byte[LedgerLimits.MAX_TRANSITION_BYTES + 1])));
    assertThrows(IllegalArgumentException.class, () -> new LedgerWant(List.of()));
  }
}
