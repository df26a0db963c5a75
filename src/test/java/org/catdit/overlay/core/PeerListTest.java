package org.catdit.overlay.core;

import static org.catdit.testing.FakeEnvironment.peer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeerListTest {
  @Test
  void keepsInsertionOrderAndMovesTheLastIntoAGap() {
    PeerList list = new PeerList();
    for (int i = 1; i <= 5; i++) {
      assertTrue(list.add(peer(i), i * 10L));
    }
    assertFalse(list.add(peer(3), 99), "no duplicates");
    assertTrue(list.remove(peer(2)));
    assertEquals(List.of(peer(1), peer(5), peer(3), peer(4)), list.toList());
    assertEquals(50, list.addedMicros(1), "timestamps travel with their entry");
    assertFalse(list.remove(peer(2)));
  }

  @Test
  void tracksWhenEachPeerWasLastHeard() {
    PeerList list = new PeerList();
    list.add(peer(1), 5);
    list.heardFrom(peer(1), 70);
    list.heardFrom(peer(9), 80);
    assertEquals(70, list.lastHeardMicros(0));
    assertEquals(5, list.addedMicros(0));
  }

  @Test
  void randomChoiceIsUniformAndEmptyChoiceFails() {
    PeerList list = new PeerList();
    assertThrows(IllegalStateException.class, () -> list.random(new SplittableRandom(1)));
    for (int i = 0; i < 4; i++) {
      list.add(peer(i), 0);
    }
    int[] counts = new int[4];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 40_000; i++) {
      counts[(int) list.random(random).low()]++;
    }
    for (int count : counts) {
      assertEquals(10_000, count, 400);
    }
  }

  @Test
  void peerIdRoundTripsThroughBytesAndText() {
    PeerId id = PeerId.of(0x0123456789ABCDEFL, 0xFEDCBA9876543210L);
    assertEquals(id, PeerId.fromBytes(id.toBytes(), 0));
    assertEquals(id, PeerId.parse(id.toString()));
    assertEquals("0123456789abcdeffedcba9876543210", id.toString());
    assertEquals("01234567", id.shortForm());
    assertTrue(PeerId.of(0, 1).compareTo(PeerId.of(0, -1)) < 0, "unsigned order");
    assertThrows(IllegalArgumentException.class, () -> PeerId.parse("xyz"));
    assertThrows(IllegalArgumentException.class, () -> PeerId.fromBytes(new byte[15], 0));
  }
}
