package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Arrays;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.wire.MessageType;
import org.junit.jupiter.api.Test;

class AddressHintTest {
  private static final PeerId PEER = PeerId.of(0x0123456789ABCDEFL, 0x0FEDCBA987654321L);

  @Test
  void roundTripsIpv4AndIpv6() {
    for (InetSocketAddress address :
        new InetSocketAddress[] {
          new InetSocketAddress("192.0.2.7", 4100), new InetSocketAddress("2001:db8::1", 65535)
        }) {
      AddressHint hint = new AddressHint(PEER, address);
      assertEquals(hint, AddressHint.decode(hint.encode()));
    }
  }

  @Test
  void itsCodeIsNoOverlayMessageType() {
    assertNull(MessageType.byCode(AddressHint.CODE));
    assertTrue(
        AddressHint.isHint(new AddressHint(PEER, new InetSocketAddress("192.0.2.7", 1)).encode()));
  }

  @Test
  void malformedHintsDecodeToNull() {
    byte[] good = new AddressHint(PEER, new InetSocketAddress("192.0.2.7", 4100)).encode();
    assertNull(AddressHint.decode(new byte[0]));
    assertNull(AddressHint.decode(Arrays.copyOf(good, good.length - 1)), "truncated");
    assertNull(AddressHint.decode(Arrays.copyOf(good, good.length + 1)), "trailing byte");
    byte[] badLength = good.clone();
    badLength[1 + PeerId.BYTES] = 5;
    assertNull(AddressHint.decode(badLength), "address length neither 4 nor 16");
    byte[] portZero = good.clone();
    portZero[good.length - 1] = 0;
    portZero[good.length - 2] = 0;
    assertNull(AddressHint.decode(portZero), "port 0");
  }

  @Test
  void theBookKeepsWhatSessionsProvedOverHints() {
    AddressBook book = new AddressBook(2);
    InetSocketAddress proved = new InetSocketAddress("192.0.2.1", 1);
    book.observed(PEER, proved);
    book.hinted(PEER, new InetSocketAddress("192.0.2.66", 66));
    assertEquals(proved, book.lookup(PEER));
  }

  @Test
  void theBookIsBounded() {
    AddressBook book = new AddressBook(2);
    for (int i = 1; i <= 3; i++) {
      book.observed(PeerId.of(0, i), new InetSocketAddress("192.0.2.1", i));
    }
    assertEquals(2, book.size());
    assertNull(book.lookup(PeerId.of(0, 1)), "the least recently used entry went first");
  }
}
