package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.catdit.overlay.link.LinkCounters.Counter;
import org.junit.jupiter.api.Test;

/** Session packets are sealed with keys only the two authenticated ends hold. */
class ProtectionTest {

  private static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void messagesDoNotTravelInTheClear() {
    byte[] secret = "meow meow, the treats are in the second drawer".getBytes();
    for (boolean isProtected : new boolean[] {true, false}) {
      TestNetwork net = new TestNetwork(1);
      LinkConfig config = LinkConfig.defaults().withPacketProtection(isProtected);
      TestNetwork.Peer a = net.add(config);
      TestNetwork.Peer b = net.add(config);
      net.connect(a, b);
      a.endpoint.send(net.now, b.id(), 0, secret);
      net.run(100_000);
      assertTrue(b.received.stream().anyMatch(m -> Arrays.equals(m, secret)));
      boolean isVisible = net.log.stream().anyMatch(datagram -> contains(datagram, secret));
      assertEquals(!isProtected, isVisible, "protected " + isProtected);
    }
  }

  @Test
  void aTamperedPacketIsDroppedAndTheSessionGoesOn() {
    TestNetwork net = new TestNetwork(2);
    TestNetwork.Peer a = net.add(LinkConfig.defaults());
    TestNetwork.Peer b = net.add(LinkConfig.defaults());
    net.connect(a, b);
    a.endpoint.send(net.now, b.id(), 0, new byte[] {1});
    TestNetwork.InFlight packet = net.outbox.pollLast();
    byte[] tampered = packet.datagram().clone();
    tampered[tampered.length - 20] ^= 0x40; // inside the sealed frames
    b.endpoint.onDatagram(net.now, a.address, tampered);
    assertEquals(1, b.endpoint.counters().get(Counter.UNAUTHENTIC_PACKETS_DROPPED));
    assertTrue(b.received.isEmpty());
    b.endpoint.onDatagram(net.now, a.address, packet.datagram());
    assertEquals(1, b.received.size(), "the genuine packet still opens");
    assertTrue(b.endpoint.isConnected(a.id()));
  }

  @Test
  void endsThatDisagreeOnProtectionDoNotConnect() {
    TestNetwork net = new TestNetwork(3);
    TestNetwork.Peer a = net.add(LinkConfig.defaults());
    TestNetwork.Peer b = net.add(LinkConfig.defaults().withPacketProtection(false));
    net.connect(a, b);
    assertFalse(a.endpoint.isConnected(b.id()));
    assertEquals(0, b.endpoint.sessionCount());
    assertTrue(b.endpoint.counters().get(Counter.HANDSHAKE_MISMATCHES) > 0);
  }

  @Test
  void x25519MatchesRfc7748() {
    HexFormat hex = HexFormat.of();
    byte[] alice = hex.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] bob = hex.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    assertEquals(
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
        hex.formatHex(KeyExchange.publicKey(alice)));
    assertEquals(
        "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
        hex.formatHex(KeyExchange.sharedSecret(alice, KeyExchange.publicKey(bob))));
    assertEquals(null, KeyExchange.sharedSecret(alice, new byte[32]), "low-order point refused");
  }
}
