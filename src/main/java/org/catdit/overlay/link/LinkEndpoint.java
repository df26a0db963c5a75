package org.catdit.overlay.link;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.LinkCounters.Counter;

/**
 * The link layer of one peer: reliable, congestion-controlled sessions over one datagram socket, as
 * a sans-I/O state machine. The runtime hands it datagrams ({@link #onDatagram}), timer firings
 * ({@link #onTimer}) and application messages ({@link #send}); it acts only through {@link LinkIo}.
 * Every call takes the current time; nothing inside reads a clock or creates randomness. No input
 * from the network throws: what does not decode or does not belong is dropped and counted in {@link
 * #counters()}.
 *
 * @param <A> the runtime's address token
 */
public final class LinkEndpoint<A> {
  static final int CLOSE_LOCAL = 0;
  private static final int MAX_TIMER_RUNS_PER_CALL = 100_000;
  private static final int RECENTLY_CLOSED_LIMIT = 1024;
  private static final long INIT_RETRY_MICROS = 1_000_000;

  private final LinkConfig config;
  private final PeerAuthenticator authenticator;
  private final LinkIo<A> io;
  private final RandomGenerator random;
  private final HandshakeResponder responder;
  private final LinkCounters counters = new LinkCounters();
  private final byte[] publicKey;

  private final Map<Long, Session<A>> sessionsByConnectionId = new HashMap<>();
  private final Map<PeerId, Session<A>> sessionsByPeer = new HashMap<>();
  private final Map<Long, PendingConnect<A>> pendingConnects = new HashMap<>();
  private final ArrayDeque<Long> recentlyClosedOrder = new ArrayDeque<>();
  private final Set<Long> recentlyClosed = new HashSet<>();

  /** Deadlines of sessions and pending connects, ordered by (time, creation serial). */
  private final TreeMap<TimerKey, Object> timers = new TreeMap<>();

  private final Map<Object, TimerKey> timerKeys = new HashMap<>();
  private long nextSerial;
  private long requestedWakeMicros = Long.MAX_VALUE;

  public LinkEndpoint(
      LinkConfig config, PeerAuthenticator authenticator, LinkIo<A> io, RandomGenerator random) {
    this.config = config;
    this.authenticator = authenticator;
    this.io = io;
    this.random = random;
    this.responder = new HandshakeResponder(config, authenticator, random, counters);
    this.publicKey = authenticator.publicKey();
  }

  private record TimerKey(long deadlineMicros, long serial) implements Comparable<TimerKey> {
    @Override
    public int compareTo(TimerKey other) {
      int byTime = Long.compare(deadlineMicros, other.deadlineMicros);
      return byTime != 0 ? byTime : Long.compare(serial, other.serial);
    }
  }

  private static final class PendingConnect<A> {
    final long connectionId;
    final byte[] nonce;
    final A address;
    final long startedMicros;
    final long serial;
    final byte[] ephemeralScalar;
    final byte[] ephemeralKey;
    int attempts;
    long nextAttemptMicros;

    PendingConnect(
        long connectionId,
        byte[] nonce,
        A address,
        long startedMicros,
        long serial,
        byte[] ephemeralScalar,
        byte[] ephemeralKey) {
      this.connectionId = connectionId;
      this.nonce = nonce;
      this.address = address;
      this.startedMicros = startedMicros;
      this.serial = serial;
      this.ephemeralScalar = ephemeralScalar;
      this.ephemeralKey = ephemeralKey;
    }
  }

  // ================================================================ public API

  public PeerId localPeer() {
    return authenticator.localPeer();
  }

  public LinkCounters counters() {
    return counters;
  }

  public LinkConfig config() {
    return config;
  }

  public boolean isConnected(PeerId peer) {
    return sessionsByPeer.containsKey(peer);
  }

  public int sessionCount() {
    return sessionsByPeer.size();
  }

  /** A snapshot of one session's transport state, or {@code null} if there is none. */
  public SessionStats stats(PeerId peer) {
    Session<A> session = sessionsByPeer.get(peer);
    if (session == null) {
      return null;
    }
    return new SessionStats(
        session.rtt().smoothedRttMicros(),
        session.rtt().minRttMicros(),
        session.congestion().congestionWindowBytes(),
        session.bytesInFlight(),
        session.maxDatagramBytes(),
        session.receiveWindowBytes(),
        session.congestion().name(),
        session.bytesSent(),
        session.bytesReceived(),
        session.ackElicitingPacketsSent(),
        session.packetsLost());
  }

  /** Starts a handshake with whoever listens at {@code address}. */
  public void connect(long nowMicros, A address) {
    if (pendingConnects.size() >= config.maxPendingConnects()) {
      counters.increment(Counter.CONNECTS_FAILED);
      io.onConnectFailed(address);
      return;
    }
    long connectionId = freshConnectionId();
    byte[] nonce = new byte[FrameCodec.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] scalar = new byte[KeyExchange.KEY_BYTES];
    byte[] ephemeralKey = new byte[KeyExchange.KEY_BYTES];
    if (config.isPacketProtectionEnabled()) {
      random.nextBytes(scalar);
      ephemeralKey = KeyExchange.publicKey(scalar);
    }
    PendingConnect<A> pending =
        new PendingConnect<>(
            connectionId, nonce, address, nowMicros, nextSerial++, scalar, ephemeralKey);
    pendingConnects.put(connectionId, pending);
    sendInit(nowMicros, pending);
    arm();
  }

  /**
   * Queues {@code message} on {@code streamId} (0 is the highest priority; use it for small control
   * messages) of the session with {@code peer}. The endpoint keeps the array until it is
   * acknowledged: the caller must not change it afterwards.
   *
   * @return false if there is no session, the send buffer is full (wait for {@link
   *     LinkIo#onWritable}) or the message exceeds the maximum message size
   */
  public boolean send(long nowMicros, PeerId peer, int streamId, byte[] message) {
    if (streamId < 0 || streamId >= Session.STREAM_COUNT) {
      throw new IllegalArgumentException("stream id out of range: " + streamId);
    }
    Session<A> session = sessionsByPeer.get(peer);
    if (session == null) {
      return false;
    }
    boolean isAccepted = session.send(streamId, message);
    if (isAccepted) {
      session.flush(nowMicros);
      settle(session);
      arm();
    }
    return isAccepted;
  }

  /** Bytes that {@link #send} would accept right now on the session with {@code peer}. */
  public long sendBufferAvailableBytes(PeerId peer) {
    Session<A> session = sessionsByPeer.get(peer);
    return session == null ? 0 : session.sendBufferAvailableBytes();
  }

  /** Closes the session with {@code peer} (telling the peer, once); no failure is reported. */
  public void close(long nowMicros, PeerId peer) {
    Session<A> session = sessionsByPeer.get(peer);
    if (session != null) {
      session.close(nowMicros, CLOSE_LOCAL);
      settle(session);
      arm();
    }
  }

  public void onDatagram(long nowMicros, A from, byte[] datagram) {
    onDatagram(nowMicros, from, datagram, 0, datagram.length);
  }

  /** Handles one inbound datagram. Never throws for any content. */
  public void onDatagram(long nowMicros, A from, byte[] bytes, int offset, int length) {
    counters.increment(Counter.DATAGRAMS_RECEIVED);
    counters.add(Counter.BYTES_RECEIVED, length);
    if (length > config.maxDatagramBytes()) {
      counters.increment(Counter.OVERSIZED_DROPPED);
      return;
    }
    if (length < 1) {
      counters.increment(Counter.MALFORMED_DROPPED);
      return;
    }
    try {
      int kind = bytes[offset] & 0xFF;
      if (kind == FrameCodec.SESSION_PACKET || kind == FrameCodec.SESSION_PACKET_WITH_ECHO) {
        onSessionPacket(nowMicros, from, bytes, offset, length);
      } else if (kind == Handshake.INIT) {
        onInit(nowMicros, from, Handshake.decodeInit(bytes, offset, length), length);
      } else if (kind == Handshake.INIT_ACK) {
        onInitAck(nowMicros, from, Handshake.decodeInitAck(bytes, offset, length));
      } else {
        counters.increment(Counter.MALFORMED_DROPPED);
      }
    } catch (MalformedPacketException e) {
      counters.increment(Counter.MALFORMED_DROPPED);
    }
    arm();
  }

  /** Runs everything due at {@code nowMicros}; early or spurious calls are harmless. */
  public void onTimer(long nowMicros) {
    requestedWakeMicros = Long.MAX_VALUE;
    for (int runs = 0; runs < MAX_TIMER_RUNS_PER_CALL && !timers.isEmpty(); runs++) {
      Map.Entry<TimerKey, Object> first = timers.firstEntry();
      if (first.getKey().deadlineMicros() > nowMicros) {
        break;
      }
      timers.remove(first.getKey());
      timerKeys.remove(first.getValue());
      if (first.getValue() instanceof Session<?> any) {
        @SuppressWarnings("unchecked")
        Session<A> session = (Session<A>) any;
        session.onTimer(nowMicros);
        settle(session);
      } else {
        @SuppressWarnings("unchecked")
        PendingConnect<A> pending = (PendingConnect<A>) first.getValue();
        onConnectTimer(nowMicros, pending);
      }
    }
    arm();
  }

  // ================================================================ handshake

  private long freshConnectionId() {
    long id;
    do {
      id = random.nextLong();
    } while (id == 0
        || sessionsByConnectionId.containsKey(id)
        || pendingConnects.containsKey(id)
        || recentlyClosed.contains(id));
    return id;
  }

  private void sendInit(long nowMicros, PendingConnect<A> pending) {
    byte[] init =
        Handshake.encodeInit(
            new Handshake.Init(
                pending.connectionId,
                pending.nonce,
                config.maxDatagramBytes(),
                protectionFlags(),
                publicKey,
                pending.ephemeralKey));
    pending.attempts++;
    pending.nextAttemptMicros =
        nowMicros + (INIT_RETRY_MICROS << Math.min(pending.attempts - 1, 8));
    schedule(
        pending,
        Math.min(
            pending.nextAttemptMicros, pending.startedMicros + config.handshakeTimeoutMicros()),
        pending.serial);
    counters.increment(Counter.DATAGRAMS_SENT);
    counters.add(Counter.BYTES_SENT, init.length);
    io.sendDatagram(pending.address, init, init.length);
  }

  private int protectionFlags() {
    return HandshakeResponder.protectionFlags(config);
  }

  private void onConnectTimer(long nowMicros, PendingConnect<A> pending) {
    if (nowMicros - pending.startedMicros >= config.handshakeTimeoutMicros()) {
      pendingConnects.remove(pending.connectionId);
      counters.increment(Counter.CONNECTS_FAILED);
      io.onConnectFailed(pending.address);
      return;
    }
    if (nowMicros >= pending.nextAttemptMicros) {
      sendInit(nowMicros, pending);
    } else {
      schedule(pending, pending.nextAttemptMicros, pending.serial);
    }
  }

  /** The responder's stateless answer: nothing is stored until the cookie comes back. */
  private void onInit(long nowMicros, A from, Handshake.Init init, int receivedBytes) {
    byte[] initAck = responder.answerInit(nowMicros, io.addressBytes(from), init, receivedBytes);
    if (initAck != null) {
      counters.increment(Counter.DATAGRAMS_SENT);
      counters.add(Counter.BYTES_SENT, initAck.length);
      io.sendDatagram(from, initAck, initAck.length);
    }
  }

  private void onInitAck(long nowMicros, A from, Handshake.InitAck ack) {
    PendingConnect<A> pending = pendingConnects.get(ack.initiatorConnectionId());
    if (pending == null || !pending.address.equals(from)) {
      counters.increment(Counter.STALE_HANDSHAKES_DROPPED);
      return;
    }
    if (ack.flags() != protectionFlags()) {
      counters.increment(Counter.HANDSHAKE_MISMATCHES);
      return;
    }
    PeerId peer = authenticator.peerIdOf(ack.publicKey());
    byte[] transcript =
        Handshake.transcript(
            Handshake.ROLE_RESPONDER,
            pending.connectionId,
            ack.responderConnectionId(),
            pending.nonce,
            ack.responderNonce(),
            publicKey,
            ack.publicKey(),
            pending.ephemeralKey,
            ack.ephemeralKey(),
            ack.flags());
    if (peer == null
        || peer.equals(localPeer())
        || !authenticator.verify(ack.publicKey(), transcript, ack.signature())) {
      counters.increment(Counter.AUTHENTICATION_FAILURES);
      return;
    }
    PacketProtection protection = null;
    if (config.isPacketProtectionEnabled()) {
      byte[] secret = KeyExchange.sharedSecret(pending.ephemeralScalar, ack.ephemeralKey());
      if (secret == null) {
        counters.increment(Counter.AUTHENTICATION_FAILURES);
        return;
      }
      protection =
          PacketProtection.derive(
              secret,
              Handshake.transcript(
                  Handshake.ROLE_KEYS,
                  pending.connectionId,
                  ack.responderConnectionId(),
                  pending.nonce,
                  ack.responderNonce(),
                  publicKey,
                  ack.publicKey(),
                  pending.ephemeralKey,
                  ack.ephemeralKey(),
                  ack.flags()),
              true);
    }
    pendingConnects.remove(pending.connectionId);
    unschedule(pending);
    if (sessionsByPeer.size() >= config.maxSessions() && !sessionsByPeer.containsKey(peer)) {
      counters.increment(Counter.SESSIONS_REFUSED_FULL);
      counters.increment(Counter.CONNECTS_FAILED);
      io.onConnectFailed(from);
      return;
    }
    Session<A> session =
        new Session<>(
            pending.connectionId,
            ack.responderConnectionId(),
            peer,
            from,
            true,
            nextSerial++,
            ack.maxDatagramBytes(),
            protection,
            nowMicros,
            config,
            counters,
            io);
    byte[] signature =
        authenticator.sign(
            Handshake.transcript(
                Handshake.ROLE_INITIATOR,
                pending.connectionId,
                ack.responderConnectionId(),
                pending.nonce,
                ack.responderNonce(),
                publicKey,
                ack.publicKey(),
                pending.ephemeralKey,
                ack.ephemeralKey(),
                ack.flags()));
    session.queueEcho(
        new Frame.Echo(
            pending.connectionId,
            pending.nonce,
            config.maxDatagramBytes(),
            publicKey,
            pending.ephemeralKey,
            ack.cookieIssuedMicros(),
            ack.responderNonce(),
            ack.cookieMac(),
            signature));
    if (register(nowMicros, session)) {
      session.flush(nowMicros);
      settle(session);
    }
  }

  private void onSessionPacket(long nowMicros, A from, byte[] bytes, int offset, int length)
      throws MalformedPacketException {
    // Look the connection up from the header alone: garbage for unknown connections is cheap.
    Session<A> session =
        sessionsByConnectionId.get(FrameCodec.peekConnectionId(bytes, offset, length));
    if (session == null) {
      if ((bytes[offset] & 0xFF) != FrameCodec.SESSION_PACKET_WITH_ECHO) {
        counters.increment(Counter.UNKNOWN_CONNECTION_DROPPED);
        return;
      }
      onEcho(nowMicros, from, bytes, offset, length);
      return;
    }
    if (!session.address.equals(from)) {
      counters.increment(Counter.WRONG_ADDRESS_DROPPED);
      return;
    }
    FrameCodec.Packet packet =
        FrameCodec.decode(bytes, offset, length, config.maxDatagramBytes(), session.protection());
    if (packet == null) {
      counters.increment(Counter.UNAUTHENTIC_PACKETS_DROPPED);
      return;
    }
    session.onPacket(nowMicros, packet, length);
    settle(session);
  }

  /** The cookie came back: check it and the initiator's proof, then (only now) keep state. */
  private void onEcho(long nowMicros, A from, byte[] bytes, int offset, int length)
      throws MalformedPacketException {
    HandshakeResponder.Accepted accepted =
        responder.acceptEcho(nowMicros, io.addressBytes(from), bytes, offset, length);
    if (accepted == null) {
      return;
    }
    if (recentlyClosed.contains(accepted.responderConnectionId())) {
      counters.increment(Counter.STALE_HANDSHAKES_DROPPED);
      return;
    }
    PeerId peer = accepted.peer();
    if (sessionsByPeer.size() >= config.maxSessions() && !sessionsByPeer.containsKey(peer)) {
      counters.increment(Counter.SESSIONS_REFUSED_FULL);
      return;
    }
    Session<A> session =
        new Session<>(
            accepted.responderConnectionId(),
            accepted.echo().initiatorConnectionId(),
            peer,
            from,
            false,
            nextSerial++,
            accepted.echo().initiatorMaxDatagramBytes(),
            accepted.protection(),
            nowMicros,
            config,
            counters,
            io);
    register(nowMicros, session);
    // Kept or draining, the session takes the packet: its data is delivered and acknowledged.
    session.onPacket(nowMicros, accepted.packet(), length);
    settle(session);
  }

  /**
   * Adds an established session. If one with the same peer exists, both ends keep the same one: a
   * reconnect from the same side replaces the old session; between crossing handshakes the session
   * initiated by the smaller peer id wins. A losing session the peer already knows drains: it no
   * longer takes new messages but delivers and acknowledges what is in flight, then closes quietly,
   * so nothing queued on it is lost. A losing session the peer does not know yet (our ECHO not
   * sent) is simply dropped.
   *
   * @return whether {@code session} became the peer's session
   */
  private boolean register(long nowMicros, Session<A> session) {
    Session<A> existing = sessionsByPeer.get(session.peer);
    if (existing != null) {
      boolean isNewKept;
      if (existing.isInitiator == session.isInitiator) {
        isNewKept = true;
      } else {
        boolean isSelfSmaller = localPeer().compareTo(session.peer) < 0;
        isNewKept = session.isInitiator == isSelfSmaller;
      }
      counters.increment(Counter.SESSIONS_REPLACED);
      if (isNewKept) {
        sessionsByPeer.remove(existing.peer);
        existing.startDraining();
        settle(existing);
      } else {
        if (!session.isInitiator) {
          sessionsByConnectionId.put(session.localConnectionId, session);
          session.startDraining();
        }
        return false;
      }
    }
    sessionsByConnectionId.put(session.localConnectionId, session);
    sessionsByPeer.put(session.peer, session);
    counters.increment(Counter.SESSIONS_ESTABLISHED);
    io.onSessionEstablished(session.peer, session.address);
    return true;
  }

  // ================================================================ bookkeeping

  /** After any call into a session: drop it if it ended, else re-file its deadline. */
  private void settle(Session<A> session) {
    if (session.isClosed()) {
      if (sessionsByConnectionId.get(session.localConnectionId) == session) {
        forget(session);
        rememberClosed(session.localConnectionId);
        if (session.failure() != null) {
          counters.increment(Counter.SESSIONS_FAILED);
          io.onPeerFailed(session.peer, session.failure());
        }
      }
      return;
    }
    schedule(session, session.nextDeadlineMicros(), session.serial);
  }

  private void forget(Session<A> session) {
    sessionsByConnectionId.remove(session.localConnectionId);
    if (sessionsByPeer.get(session.peer) == session) {
      sessionsByPeer.remove(session.peer);
    }
    unschedule(session);
  }

  private void rememberClosed(long connectionId) {
    if (recentlyClosed.add(connectionId)) {
      recentlyClosedOrder.addLast(connectionId);
      if (recentlyClosedOrder.size() > RECENTLY_CLOSED_LIMIT) {
        recentlyClosed.remove(recentlyClosedOrder.removeFirst());
      }
    }
  }

  private void schedule(Object owner, long deadlineMicros, long serial) {
    unschedule(owner);
    if (deadlineMicros == Long.MAX_VALUE) {
      return;
    }
    TimerKey key = new TimerKey(deadlineMicros, serial);
    timers.put(key, owner);
    timerKeys.put(owner, key);
  }

  private void unschedule(Object owner) {
    TimerKey key = timerKeys.remove(owner);
    if (key != null) {
      timers.remove(key);
    }
  }

  /** Asks the runtime for a wake-up at the earliest deadline, if that changed. */
  private void arm() {
    if (timers.isEmpty()) {
      return;
    }
    long deadline = timers.firstKey().deadlineMicros();
    if (deadline != requestedWakeMicros) {
      requestedWakeMicros = deadline;
      io.wakeAt(deadline);
    }
  }
}
