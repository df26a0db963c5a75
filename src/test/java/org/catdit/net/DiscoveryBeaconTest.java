package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.catdit.overlay.core.PeerId;
import org.junit.jupiter.api.Test;

class DiscoveryBeaconTest {
  private static final PeerId PEER = PeerId.of(0x1234, 0x5678);

  @Test
  void roundTrips() {
    DiscoveryBeacon beacon = new DiscoveryBeacon(PEER, 4100, "catdit", true);
    assertEquals(beacon, DiscoveryBeacon.decode(ByteBuffer.wrap(beacon.encode())));
    String longest = "n".repeat(DiscoveryBeacon.MAX_NETWORK_NAME_BYTES);
    DiscoveryBeacon big = new DiscoveryBeacon(PEER, 65535, longest, false);
    assertEquals(DiscoveryBeacon.MAX_BYTES, big.encode().length);
    assertEquals(big, DiscoveryBeacon.decode(ByteBuffer.wrap(big.encode())));
  }

  @Test
  void refusesEveryMalformedShape() {
    byte[] good = new DiscoveryBeacon(PEER, 4100, "catdit", true).encode();
    for (int length = 0; length < good.length; length++) {
      assertNull(DiscoveryBeacon.decode(ByteBuffer.wrap(Arrays.copyOf(good, length))), "" + length);
    }
    assertNull(DiscoveryBeacon.decode(ByteBuffer.wrap(Arrays.copyOf(good, good.length + 1))));
    assertNull(DiscoveryBeacon.decode(ByteBuffer.allocate(DiscoveryBeacon.MAX_BYTES + 1)));
    byte[] badMagic = good.clone();
    badMagic[0] = 'X';
    assertNull(DiscoveryBeacon.decode(ByteBuffer.wrap(badMagic)));
    byte[] badVersion = good.clone();
    badVersion[4] = 2;
    assertNull(DiscoveryBeacon.decode(ByteBuffer.wrap(badVersion)));
    byte[] unknownFlag = good.clone();
    unknownFlag[5] = 2;
    assertNull(DiscoveryBeacon.decode(ByteBuffer.wrap(unknownFlag)));
    byte[] portZero = good.clone();
    portZero[22] = 0;
    portZero[23] = 0;
    assertNull(DiscoveryBeacon.decode(ByteBuffer.wrap(portZero)));
    byte[] badUtf8 = good.clone();
    badUtf8[good.length - 1] = (byte) 0xFF;
    assertNull(DiscoveryBeacon.decode(ByteBuffer.wrap(badUtf8)));
    assertThrows(IllegalArgumentException.class, () -> new DiscoveryBeacon(PEER, 1, "", false));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new DiscoveryBeacon(
                PEER, 1, "n".repeat(DiscoveryBeacon.MAX_NETWORK_NAME_BYTES + 1), false));
    assertThrows(IllegalArgumentException.class, () -> new DiscoveryBeacon(PEER, 0, "x", false));
  }

  @Test
  void tableIsBoundedAndExpires() {
    DiscoveredPeers table = new DiscoveredPeers(3, 1000);
    InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
    for (int i = 0; i < 3; i++) {
      table.heard(PeerId.of(0, i), a, false, i);
    }
    table.heard(PeerId.of(0, 0), a, true, 10); // heard again: now the freshest
    table.heard(PeerId.of(0, 9), a, false, 11); // full: the one heard from longest ago (1) goes
    assertEquals(3, table.size());
    assertEquals(1, table.evictions());
    assertEquals(
        java.util.List.of(PeerId.of(0, 0), PeerId.of(0, 2), PeerId.of(0, 9)),
        table.live(11).stream().map(DiscoveredPeers.Entry::peer).toList());
    assertEquals(2, table.live(1002).size()); // 2 last heard at 2: expired
    assertEquals(1, table.expirations());
    assertEquals(0, table.live(5000).size());
    assertEquals(3, table.expirations());
  }
}
