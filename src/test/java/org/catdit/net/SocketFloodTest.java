package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.Ed25519Authenticator;
import org.catdit.overlay.link.LinkConfig;
import org.catdit.overlay.link.LinkEndpoint;
import org.catdit.overlay.link.LinkIo;
import org.catdit.overlay.wire.MessageId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input at the socket: while five real peers on loopback broadcast, another local socket sends
 * one of them 100,000 datagrams (random bytes, truncated and oversized datagrams, replays of
 * genuine datagrams captured from a real link session from that same socket, and a flood of
 * handshake INITs). The peer drops and counts them, nothing escapes its event loop, and every
 * broadcast reaches every peer.
 */
class SocketFloodTest {
  private static final int PEERS = 5;
  private static final int FLOOD = 100_000;
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  /** Datagrams the flood may have outstanding in the target's socket buffer (self-clocking). */
  private static final int WINDOW = 512;

  /** How long the sender waits for the target to catch up before taking the rest as lost. */
  private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private static final int HANDSHAKES_PER_SECOND = 50;
  private static final int INIT = 0xC1;
  private static final int INIT_BYTES = 1200;
  private static final int MAX_UDP_PAYLOAD_BYTES = 65_507;

  private final List<UdpRuntime> runtimes = new ArrayList<>();
  private final List<Set<MessageId>> delivered = new ArrayList<>();

  /** Datagrams the capture's own endpoint sent (the rest of the capture came from the target). */
  private final Set<byte[]> sentByClient = ConcurrentHashMap.newKeySet();

  @AfterEach
  void closeAll() throws InterruptedException {
    for (UdpRuntime runtime : runtimes) {
      runtime.close();
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aFloodOfBadDatagramsIsDroppedCountedAndTheOverlayKeepsServing() throws Exception {
    InetSocketAddress anyLoopbackPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    for (int i = 0; i < PEERS; i++) {
      Set<MessageId> ids = ConcurrentHashMap.newKeySet();
      delivered.add(ids);
      UdpRuntime.Settings settings =
          UdpRuntime.Settings.defaults(anyLoopbackPort, Ed25519Authenticator.generate())
              .withDeliveries(delivery -> ids.add(delivery.id()));
      if (i == 0) {
        // Each answered INIT costs an Ed25519 signature, about 1.7 ms with JDK 17's EdDSA on this
        // machine: at the default 500 INIT_ACKs per second an INIT flood holds the peer's loop
        // ~85% busy and 100,000 datagrams take ~50 s. The flooded peer answers 50 per second, so
        // the test checks the limit and the counting within seconds.
        settings = settings.withLink(settings.link().withLimits(1024, HANDSHAKES_PER_SECOND, 64));
      }
      runtimes.add(UdpRuntime.start(settings));
    }
    for (int i = 1; i < PEERS; i++) {
      runtimes.get(i).join(runtimes.get(0).localAddress()).get(10, TimeUnit.SECONDS);
    }
    Await.until(DEADLINE, this::everyViewIsNonEmpty, this::describe);

    UdpRuntime target = runtimes.get(0);
    InetSocketAddress targetAddress = target.localAddress();
    try (DatagramSocket attacker = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      attacker.setSendBufferSize(1 << 20);
      List<byte[]> genuine = captureGenuineDatagrams(attacker, targetAddress);
      assertTrue(genuine.size() >= 4, "captured " + genuine.size() + " genuine datagrams");

      Map<String, Long> before = target.status().get(5, TimeUnit.SECONDS).linkCounters();
      List<CompletableFuture<MessageId>> broadcasts = new ArrayList<>();
      Flood flood = new Flood(attacker, targetAddress, genuine, target);
      flood.send(
          sent -> {
            // Broadcasts start while the flood is under way: from the flooded peer and another.
            if (sent == 10_000 || sent == 50_000 || sent == 90_000) {
              broadcasts.add(target.broadcast(text("from the target at " + sent)));
              broadcasts.add(runtimes.get(3).broadcast(text("from peer 3 at " + sent)));
            }
          });

      for (CompletableFuture<MessageId> broadcast : broadcasts) {
        MessageId id = broadcast.get(5, TimeUnit.SECONDS);
        Await.until(
            DEADLINE,
            () -> delivered.stream().allMatch(ids -> ids.contains(id)),
            () -> "a broadcast made during the flood is missing somewhere\n" + describe());
      }
      // And after it, the flooded peer still reaches everyone.
      MessageId after = target.broadcast(text("after the flood")).get(5, TimeUnit.SECONDS);
      Await.until(
          DEADLINE,
          () -> delivered.stream().allMatch(ids -> ids.contains(after)),
          () -> "the broadcast after the flood is missing somewhere\n" + describe());

      NodeStatus status = target.status().get(5, TimeUnit.SECONDS);
      Map<String, Long> after0 = status.linkCounters();
      String report = flood + "\n" + delta(before, after0) + "\n" + describe();
      System.out.println(flood + "\n" + delta(before, after0));
      // Nothing escaped the event loop: no handler failed, Netty saw no exception.
      assertEquals(0, after0.get("handlerFailures"), report);
      assertEquals(0, target.socketErrors(), report);
      // Every kind of bad input was dropped and counted where it belongs.
      long received = after0.get("datagramsReceived") - before.get("datagramsReceived");
      assertTrue(received >= flood.sent * 9 / 10, "most of the flood reached the peer: " + report);
      for (String counter :
          List.of(
              "malformedDropped",
              "oversizedDropped",
              "unknownConnectionDropped",
              "handshakesRateLimited",
              "staleHandshakesDropped",
              "handshakeMismatches")) {
        assertTrue(after0.get(counter) > before.get(counter), counter + " moved: " + report);
      }
      long replaysDropped =
          after0.get("duplicatePacketsDropped")
              - before.get("duplicatePacketsDropped")
              + after0.get("outOfWindowDropped")
              - before.get("outOfWindowDropped");
      // Replays of the capture's own session packets hit its live session as duplicates.
      assertTrue(
          replaysDropped >= flood.clientPacketReplays * 9 / 10 && flood.clientPacketReplays > 0,
          "replays dropped: " + report);
      long initsReceived = after0.get("initsReceived") - before.get("initsReceived");
      assertTrue(initsReceived >= flood.inits / 2, "INITs counted: " + report);
      // The flood is accounted for: each datagram that arrived was dropped (counted) or was an
      // INIT that got its stateless, rate-limited answer.
      long accounted =
          after0.get("droppedTotal")
              - before.get("droppedTotal")
              + after0.get("initAcksSent")
              - before.get("initAcksSent");
      assertTrue(accounted >= flood.sent * 9 / 10, "the flood is accounted for: " + report);
      // The answered INITs stayed within the rate limit (burst 64).
      long answered = after0.get("initAcksSent") - before.get("initAcksSent");
      long limit = 64 + HANDSHAKES_PER_SECOND * (flood.elapsedNanos / 1_000_000_000 + 2);
      assertTrue(answered <= limit, "INIT_ACKs " + answered + " within " + limit + ": " + report);
      // The flooded peer still has its sessions with the overlay.
      for (int i = 1; i < PEERS; i++) {
        PeerId peer = runtimes.get(i).peerId();
        assertTrue(status.links().stream().anyMatch(link -> link.peer().equals(peer)), report);
      }
    }
  }

  /**
   * Runs a real link handshake from {@code socket} to the target and exchanges a few messages,
   * recording every datagram both ways: the genuine traffic the flood replays.
   */
  private List<byte[]> captureGenuineDatagrams(DatagramSocket socket, InetSocketAddress target)
      throws IOException, InterruptedException {
    List<byte[]> captured = new ArrayList<>();
    Ed25519Authenticator identity = Ed25519Authenticator.generate();
    RecordingIo io = new RecordingIo(socket, captured, sentByClient);
    LinkEndpoint<InetSocketAddress> endpoint =
        new LinkEndpoint<>(LinkConfig.defaults(), identity, io, new SplittableRandom(7));
    endpoint.connect(now(), target);
    socket.setSoTimeout(20);
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    int messages = 0;
    byte[] buffer = new byte[65_536];
    while (io.peer == null
        || messages < 8
        || endpoint.stats(io.peer) == null
        || endpoint.stats(io.peer).bytesInFlight() > 0) {
      assertTrue(System.nanoTime() - deadline < 0, "no session with the target: " + io.peer);
      if (io.peer != null && messages < 8) {
        // Link messages the overlay cannot decode (an address hint that is too short): the peer
        // counts them as malformed overlay messages and goes on.
        endpoint.send(now(), io.peer, 1, new byte[] {0, (byte) messages, 2, 3});
        messages++;
      }
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        byte[] datagram = Arrays.copyOf(packet.getData(), packet.getLength());
        captured.add(datagram);
        endpoint.onDatagram(now(), (InetSocketAddress) packet.getSocketAddress(), datagram);
      } catch (SocketTimeoutException e) {
        endpoint.onTimer(now());
      }
    }
    return captured;
  }

  /** The flood: 100,000 datagrams of six kinds, self-clocked on the target's receive counter. */
  private final class Flood {
    final DatagramSocket socket;
    final InetSocketAddress target;
    final List<byte[]> genuine;
    final UdpRuntime runtime;
    final byte[] identityKey = Ed25519Authenticator.generate().publicKey();
    final SplittableRandom rng = new SplittableRandom(20261126L);
    long clientPacketReplays;
    long stalls;
    long sent;
    long randomSent;
    long truncated;
    long oversized;
    long replays;
    long inits;
    long elapsedNanos;

    Flood(
        DatagramSocket socket, InetSocketAddress target, List<byte[]> genuine, UdpRuntime runtime) {
      this.socket = socket;
      this.target = target;
      this.genuine = genuine;
      this.runtime = runtime;
    }

    interface Progress {
      void sent(long count);
    }

    void send(Progress progress) throws Exception {
      long start = System.nanoTime();
      long receivedAtStart = received();
      for (int i = 0; i < FLOOD; i++) {
        transmit(next(i));
        sent++;
        progress.sent(sent);
        if (sent % (WINDOW / 2) == 0) {
          awaitTarget(receivedAtStart);
        }
      }
      elapsedNanos = System.nanoTime() - start;
    }

    /** Waits until the target has read all but a window of the flood, or has stopped reading. */
    private void awaitTarget(long receivedAtStart) throws Exception {
      long last = -1;
      long lastProgress = System.nanoTime();
      while (true) {
        long received = received() - receivedAtStart;
        if (received >= sent - WINDOW) {
          return;
        }
        if (received != last) {
          last = received;
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
          stalls++;
          return; // the kernel dropped some: go on
        }
        Thread.onSpinWait();
      }
    }

    private long received() throws Exception {
      return runtime.status().get(5, TimeUnit.SECONDS).linkCounters().get("datagramsReceived");
    }

    private void transmit(byte[] datagram) throws IOException {
      socket.send(new DatagramPacket(datagram, datagram.length, target));
    }

    private byte[] next(int i) {
      switch (i % 10) {
        case 0, 1, 2 -> {
          randomSent++;
          return randomBytes(1 + rng.nextInt(1500));
        }
        case 3, 4 -> {
          truncated++;
          byte[] source = genuine.get(rng.nextInt(genuine.size()));
          int length = 1 + rng.nextInt(Math.max(1, source.length - 1));
          return Arrays.copyOf(source, length);
        }
        case 5 -> {
          oversized++;
          // Above the runtime's largest datagram on loopback, up to the largest UDP datagram.
          int above = UdpRuntime.LOOPBACK_DATAGRAM_BYTES + 1;
          int length = above + rng.nextInt(MAX_UDP_PAYLOAD_BYTES + 1 - above);
          return randomBytes(length);
        }
        case 6, 7 -> {
          replays++;
          byte[] replay = genuine.get(rng.nextInt(genuine.size()));
          if (sentByClient.contains(replay) && (replay[0] & 0xFF) != INIT) {
            clientPacketReplays++;
          }
          return replay;
        }
        default -> {
          inits++;
          return forgedInit(i);
        }
      }
    }

    /**
     * An INIT as docs/transport.md lays it out: {@code 0xC1 | version 1 | initiatorConnId u64 |
     * nonce 16 | maxDatagram u16 | flags u8 | identity key (u8 length) | X25519 key 32},
     * zero-padded to 1200 bytes. Most are well formed with fresh ids; some ask for unsealed packets
     * (a mismatch) and some are short.
     */
    private byte[] forgedInit(int i) {
      boolean isShort = i % 50 == 8;
      ByteBuffer out = ByteBuffer.allocate(isShort ? 200 : INIT_BYTES);
      out.put((byte) INIT).put((byte) 1).putLong(rng.nextLong());
      out.put(randomBytes(16));
      out.putShort((short) 1452);
      out.put((byte) (i % 50 == 9 ? 0 : 1));
      out.put((byte) identityKey.length).put(identityKey);
      out.put(randomBytes(32));
      return out.array();
    }

    private byte[] randomBytes(int length) {
      byte[] bytes = new byte[length];
      rng.nextBytes(bytes);
      return bytes;
    }

    @Override
    public String toString() {
      return "flood: sent "
          + sent
          + " (random "
          + randomSent
          + ", truncated "
          + truncated
          + ", oversized "
          + oversized
          + ", replays "
          + replays
          + ", INITs "
          + inits
          + "; replays of the capture's session packets "
          + clientPacketReplays
          + ") in "
          + elapsedNanos / 1_000_000
          + " ms, "
          + stalls
          + " waits for a stalled reader";
    }
  }

  /** A link endpoint's I/O over a plain socket that records every datagram it sends. */
  private static final class RecordingIo implements LinkIo<InetSocketAddress> {
    final DatagramSocket socket;
    final List<byte[]> captured;
    final Set<byte[]> sentByClient;
    volatile PeerId peer;

    RecordingIo(DatagramSocket socket, List<byte[]> captured, Set<byte[]> sentByClient) {
      this.socket = socket;
      this.captured = captured;
      this.sentByClient = sentByClient;
    }

    @Override
    public void sendDatagram(InetSocketAddress to, byte[] bytes, int length) {
      byte[] copy = Arrays.copyOf(bytes, length);
      captured.add(copy);
      sentByClient.add(copy);
      try {
        socket.send(new DatagramPacket(copy, copy.length, to));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public void wakeAt(long deadlineMicros) {
      // The capture loop calls onTimer whenever the socket is quiet for 20 ms.
    }

    @Override
    public void onMessage(PeerId from, int streamId, byte[] message) {}

    @Override
    public void onSessionEstablished(PeerId established, InetSocketAddress address) {
      peer = established;
    }

    @Override
    public void onPeerFailed(PeerId failed, FailureReason reason) {}

    @Override
    public byte[] addressBytes(InetSocketAddress address) {
      byte[] ip = address.getAddress().getAddress();
      byte[] out = new byte[ip.length + 2];
      System.arraycopy(ip, 0, out, 0, ip.length);
      out[ip.length] = (byte) (address.getPort() >>> 8);
      out[ip.length + 1] = (byte) address.getPort();
      return out;
    }
  }

  private static String delta(Map<String, Long> before, Map<String, Long> after) {
    StringBuilder out = new StringBuilder("link counters moved:");
    for (Map.Entry<String, Long> entry : after.entrySet()) {
      long moved = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
      if (moved != 0) {
        out.append(' ').append(entry.getKey()).append('=').append(moved);
      }
    }
    return out.toString();
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static long now() {
    return System.nanoTime() / 1000;
  }

  private boolean everyViewIsNonEmpty() {
    for (UdpRuntime runtime : runtimes) {
      NodeStatus status = status(runtime);
      if (status.partialView().isEmpty() || status.inView().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private String describe() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < runtimes.size(); i++) {
      out.append(i).append(": ").append(status(runtimes.get(i)).oneLine()).append('\n');
    }
    return out.toString();
  }

  private static NodeStatus status(UdpRuntime runtime) {
    try {
      return runtime.status().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no status from " + runtime.peerId(), e);
    }
  }
}
