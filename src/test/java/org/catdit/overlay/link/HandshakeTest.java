package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.List;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.LinkCounters.Counter;
import org.junit.jupiter.api.Test;

class HandshakeTest {

  @Test
  void dataFlowsAfterOneRoundTrip() {
    TestNetwork net = new TestNetwork(1);
    TestNetwork.Peer a = net.add(LinkConfig.defaults());
    TestNetwork.Peer b = net.add(LinkConfig.defaults());
    a.endpoint.connect(0, b.address);
    net.run(2 * TestNetwork.DELAY_MICROS);
    assertEquals(List.of(b.id()), a.established, "initiator ready after one round trip");
    a.endpoint.send(net.now, b.id(), 0, new byte[] {7});
    net.run(TestNetwork.DELAY_MICROS);
    assertEquals(List.of(a.id()), b.established);
    assertArrayEquals(new byte[] {7}, b.received.get(0), "first data arrives with the echo");
  }

  @Test
  void aSpoofedSourceGetsAtMostThreeTimesWhatItSent() {
    TestNetwork net = new TestNetwork(2);
    TestNetwork.Peer responder = net.add(LinkConfig.defaults());
    int victim = 77;
    long receivedFromVictim = 0;
    for (int i = 0; i < 2000; i++) {
      byte[] init =
          Handshake.encodeInit(
              new Handshake.Init(
                  i + 1,
                  new byte[16],
                  1200,
                  Handshake.FLAG_PROTECTED,
                  PeerId.of(9, i).toBytes(),
                  new byte[32]));
      byte[] datagram = i % 3 == 0 ? java.util.Arrays.copyOf(init, 300) : init;
      receivedFromVictim += datagram.length;
      net.now += 1000;
      responder.endpoint.onDatagram(net.now, victim, datagram);
    }
    long sentToVictim =
        net.outbox.stream().filter(d -> d.to() == victim).mapToLong(d -> d.datagram().length).sum();
    assertTrue(sentToVictim > 0, "real INITs are answered");
    assertTrue(
        sentToVictim <= 3 * receivedFromVictim,
        sentToVictim + " sent for " + receivedFromVictim + " received");
    for (TestNetwork.InFlight reply : net.outbox) {
      assertTrue(reply.datagram().length <= 3 * Handshake.MIN_INIT_BYTES);
    }
    assertEquals(0, responder.endpoint.sessionCount(), "no state before the cookie returns");
    LinkCounters counters = responder.endpoint.counters();
    assertTrue(counters.get(Counter.MALFORMED_DROPPED) > 600, "short INITs are not answered");
    assertTrue(counters.get(Counter.HANDSHAKES_RATE_LIMITED) > 0, counters.toString());
  }

  @Test
  void theCookieValidatesOnlyItsAddressAndOnlyWhileFresh() {
    TestNetwork net = new TestNetwork(3);
    TestNetwork.Peer a = net.add(LinkConfig.defaults());
    TestNetwork.Peer b = net.add(LinkConfig.defaults());
    a.endpoint.connect(0, b.address);
    net.run(2 * TestNetwork.DELAY_MICROS); // INIT out, INIT_ACK back; the echo is now in flight
    TestNetwork.InFlight echo = net.outbox.pollLast();
    assertEquals(FrameCodec.ECHO, firstFrameType(echo.datagram()));
    net.outbox.clear();

    b.endpoint.onDatagram(net.now, 55, echo.datagram());
    assertEquals(1, b.endpoint.counters().get(Counter.COOKIES_INVALID), "wrong address");

    long late = net.now + LinkConfig.defaults().cookieLifetimeMicros() + 1;
    b.endpoint.onDatagram(late, a.address, echo.datagram());
    assertEquals(1, b.endpoint.counters().get(Counter.COOKIES_EXPIRED));
    assertEquals(0, b.endpoint.sessionCount());

    b.endpoint.onDatagram(net.now, a.address, echo.datagram());
    assertEquals(1, b.endpoint.sessionCount(), "the genuine echo creates the session");
    b.endpoint.onDatagram(net.now, a.address, echo.datagram());
    assertEquals(1, b.endpoint.counters().get(Counter.DUPLICATE_PACKETS_DROPPED), "replay");
    assertEquals(1, b.endpoint.sessionCount());
  }

  private static int firstFrameType(byte[] datagram) {
    int varintLength = 1 << ((datagram[9] & 0xFF) >>> 6);
    return datagram[9 + varintLength] & 0xFF;
  }

  @Test
  void aForgedResponderSignatureIsRefused() {
    TestNetwork net = new TestNetwork(4);
    TestNetwork.Peer a = net.add(LinkConfig.defaults());
    SimAuthenticator honest = new SimAuthenticator(PeerId.of(0, 99));
    PeerAuthenticator forger =
        new PeerAuthenticator() {
          @Override
          public PeerId localPeer() {
            return honest.localPeer();
          }

          @Override
          public byte[] publicKey() {
            return honest.publicKey();
          }

          @Override
          public byte[] sign(byte[] data) {
            byte[] signature = honest.sign(data);
            signature[0] ^= 1;
            return signature;
          }

          @Override
          public boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
            return honest.verify(publicKey, data, signature);
          }

          @Override
          public PeerId peerIdOf(byte[] publicKey) {
            return honest.peerIdOf(publicKey);
          }
        };
    TestNetwork.Peer b = net.add(LinkConfig.defaults(), forger);
    a.endpoint.connect(0, b.address);
    net.run(500_000);
    assertTrue(a.established.isEmpty());
    assertTrue(a.endpoint.counters().get(Counter.AUTHENTICATION_FAILURES) > 0);
    assertEquals(0, b.endpoint.sessionCount());
  }

  @Test
  void ed25519PeersProveTheirKeys() throws Exception {
    TestNetwork net = new TestNetwork(5);
    Ed25519Authenticator keyA = Ed25519Authenticator.generate();
    Ed25519Authenticator keyB = Ed25519Authenticator.generate();
    TestNetwork.Peer a = net.add(LinkConfig.defaults(), keyA);
    TestNetwork.Peer b = net.add(LinkConfig.defaults(), keyB);
    net.connect(a, b);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyB.publicKey());
    assertEquals(List.of(PeerId.fromBytes(digest, 0)), a.established);
    assertEquals(List.of(keyA.localPeer()), b.established);
    a.endpoint.send(net.now, b.id(), 0, new byte[] {1});
    net.run(100_000);
    assertEquals(1, b.received.size());
  }

  @Test
  void sessionsBeyondTheLimitAreRefusedAndCounted() {
    TestNetwork net = new TestNetwork(6);
    TestNetwork.Peer hub = net.add(LinkConfig.defaults().withLimits(2, 500, 64));
    for (int i = 0; i < 3; i++) {
      net.connect(net.add(LinkConfig.defaults()), hub);
    }
    assertEquals(2, hub.endpoint.sessionCount());
    assertEquals(1, hub.endpoint.counters().get(Counter.SESSIONS_REFUSED_FULL));
  }

  @Test
  void crossingHandshakesSettleOnOneSession() {
    TestNetwork net = new TestNetwork(7);
    TestNetwork.Peer a = net.add(LinkConfig.defaults());
    TestNetwork.Peer b = net.add(LinkConfig.defaults());
    a.endpoint.connect(0, b.address);
    b.endpoint.connect(0, a.address);
    net.run(200_000);
    a.endpoint.send(net.now, b.id(), 0, new byte[] {1});
    b.endpoint.send(net.now, a.id(), 0, new byte[] {2});
    net.run(200_000);
    assertEquals(1, a.endpoint.sessionCount());
    assertEquals(1, b.endpoint.sessionCount());
    assertEquals(1, a.received.size());
    assertEquals(1, b.received.size());
    assertTrue(a.failed.isEmpty() && b.failed.isEmpty(), "a superseded session is no failure");
  }

  @Test
  void aConnectWithoutAnswerFailsAfterTheHandshakeTimeout() {
    TestNetwork net = new TestNetwork(8);
    TestNetwork.Peer a = net.add(LinkConfig.defaults());
    a.endpoint.connect(0, 42);
    net.run(LinkConfig.defaults().handshakeTimeoutMicros() - 1);
    assertTrue(a.connectFailures.isEmpty());
    long inits = net.log.size();
    assertTrue(inits >= 3, "INIT retransmitted with backoff: " + inits);
    net.run(2);
    assertEquals(List.of(42), a.connectFailures);
    assertFalse(a.endpoint.isConnected(PeerId.of(0, 43)));
  }

  @Test
  void aHandshakeAcrossTheResponderKeyEpochCompletes() {
    TestNetwork net = new TestNetwork(9);
    TestNetwork.Peer a = net.add(LinkConfig.defaults());
    TestNetwork.Peer b = net.add(LinkConfig.defaults());
    net.now = 9_985_000; // INIT_ACK issued at 9.995 s (epoch 0), ECHO arrives at 10.015 s (epoch 1)
    a.endpoint.connect(net.now, b.address);
    net.run(100_000);
    a.endpoint.send(net.now, b.id(), 0, new byte[] {5});
    net.run(100_000);
    assertEquals(List.of(a.id()), b.established);
    assertEquals(1, b.received.size());
  }
}
