package org.catdit.overlay.link;

/**
 * Tunables of one endpoint. {@link #defaults()} gives values for the open internet; tests and the
 * simulator adjust single fields with the {@code with...} methods.
 *
 * @param initialDatagramBytes datagram size before path-MTU probing (QUIC's safe floor, 1200)
 * @param maxDatagramBytes largest datagram probed for and accepted
 * @param maxAckDelayMicros longest a receiver holds back an ACK (RFC 9000 max_ack_delay)
 * @param idleTimeoutMicros a session that hears nothing for this long is dead
 * @param keepAliveMicros an idle session sends a PING after this long without sending
 * @param handshakeTimeoutMicros a connect attempt gives up after this long
 * @param cookieLifetimeMicros how long an issued cookie stays valid
 * @param maxSessions established sessions, at most
 * @param maxPendingConnects outgoing handshakes in progress, at most
 * @param handshakesPerSecond INIT_ACKs (each costs a signature) sent per second, on average
 * @param handshakeBurst INIT_ACKs that may be sent back to back
 * @param maxMessageBytes largest message a stream carries
 * @param sendBufferBytes unacknowledged bytes a session's streams may hold
 * @param maxReceiveWindowBytes largest flow-control credit a session grants
 * @param congestionController the controller each new session gets
 * @param isPacingEnabled whether packets are paced (off only for experiments)
 * @param isPacketProtectionEnabled whether session packets are sealed (X25519 + AES-128-GCM); both
 *     ends must agree, or the handshake is refused. Large simulations may turn it off.
 */
public record LinkConfig(
    int initialDatagramBytes,
    int maxDatagramBytes,
    long maxAckDelayMicros,
    long idleTimeoutMicros,
    long keepAliveMicros,
    long handshakeTimeoutMicros,
    long cookieLifetimeMicros,
    int maxSessions,
    int maxPendingConnects,
    int handshakesPerSecond,
    int handshakeBurst,
    int maxMessageBytes,
    long sendBufferBytes,
    long maxReceiveWindowBytes,
    CongestionController.Factory congestionController,
    boolean isPacingEnabled,
    boolean isPacketProtectionEnabled) {

  /** QUIC's minimum: every path must carry 1200-byte UDP payloads. */
  public static final int MIN_DATAGRAM_BYTES = 1200;

  /** Above the largest UDP payload anywhere, and what the u16 handshake field holds. */
  public static final int MAX_DATAGRAM_BYTES_LIMIT = 65_507;

  public LinkConfig {
    if (initialDatagramBytes < MIN_DATAGRAM_BYTES || maxDatagramBytes < initialDatagramBytes) {
      throw new IllegalArgumentException("datagram sizes must satisfy 1200 <= initial <= max");
    }
    if (maxDatagramBytes > MAX_DATAGRAM_BYTES_LIMIT) {
      throw new IllegalArgumentException("max datagram above " + MAX_DATAGRAM_BYTES_LIMIT);
    }
    if (maxSessions < 1
        || maxPendingConnects < 1
        || handshakesPerSecond < 1
        || handshakeBurst < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (maxMessageBytes < 1 || sendBufferBytes < maxMessageBytes) {
      throw new IllegalArgumentException("the send buffer must hold one largest message");
    }
    if (maxReceiveWindowBytes < FlowControl.INITIAL_WINDOW_BYTES) {
      throw new IllegalArgumentException("receive window below the initial credit");
    }
    if (keepAliveMicros >= idleTimeoutMicros) {
      throw new IllegalArgumentException("keep-alives must come before the idle timeout");
    }
  }

  public static LinkConfig defaults() {
    return new LinkConfig(
        MIN_DATAGRAM_BYTES,
        16_384,
        25_000,
        30_000_000,
        10_000_000,
        10_000_000,
        10_000_000,
        1024,
        256,
        500,
        64,
        8 << 20,
        32L << 20,
        32L << 20,
        BbrController::new,
        true,
        true);
  }

  public LinkConfig withMaxDatagramBytes(int bytes) {
    return new LinkConfig(
        initialDatagramBytes,
        bytes,
        maxAckDelayMicros,
        idleTimeoutMicros,
        keepAliveMicros,
        handshakeTimeoutMicros,
        cookieLifetimeMicros,
        maxSessions,
        maxPendingConnects,
        handshakesPerSecond,
        handshakeBurst,
        maxMessageBytes,
        sendBufferBytes,
        maxReceiveWindowBytes,
        congestionController,
        isPacingEnabled,
        isPacketProtectionEnabled);
  }

  public LinkConfig withCongestionController(CongestionController.Factory factory) {
    return new LinkConfig(
        initialDatagramBytes,
        maxDatagramBytes,
        maxAckDelayMicros,
        idleTimeoutMicros,
        keepAliveMicros,
        handshakeTimeoutMicros,
        cookieLifetimeMicros,
        maxSessions,
        maxPendingConnects,
        handshakesPerSecond,
        handshakeBurst,
        maxMessageBytes,
        sendBufferBytes,
        maxReceiveWindowBytes,
        factory,
        isPacingEnabled,
        isPacketProtectionEnabled);
  }

  public LinkConfig withTimeouts(long idleTimeoutMicros, long keepAliveMicros) {
    return new LinkConfig(
        initialDatagramBytes,
        maxDatagramBytes,
        maxAckDelayMicros,
        idleTimeoutMicros,
        keepAliveMicros,
        handshakeTimeoutMicros,
        cookieLifetimeMicros,
        maxSessions,
        maxPendingConnects,
        handshakesPerSecond,
        handshakeBurst,
        maxMessageBytes,
        sendBufferBytes,
        maxReceiveWindowBytes,
        congestionController,
        isPacingEnabled,
        isPacketProtectionEnabled);
  }

  public LinkConfig withLimits(int maxSessions, int handshakesPerSecond, int handshakeBurst) {
    return new LinkConfig(
        initialDatagramBytes,
        maxDatagramBytes,
        maxAckDelayMicros,
        idleTimeoutMicros,
        keepAliveMicros,
        handshakeTimeoutMicros,
        cookieLifetimeMicros,
        maxSessions,
        maxPendingConnects,
        handshakesPerSecond,
        handshakeBurst,
        maxMessageBytes,
        sendBufferBytes,
        maxReceiveWindowBytes,
        congestionController,
        isPacingEnabled,
        isPacketProtectionEnabled);
  }

  public LinkConfig withBuffers(int maxMessageBytes, long sendBufferBytes) {
    return new LinkConfig(
        initialDatagramBytes,
        maxDatagramBytes,
        maxAckDelayMicros,
        idleTimeoutMicros,
        keepAliveMicros,
        handshakeTimeoutMicros,
        cookieLifetimeMicros,
        maxSessions,
        maxPendingConnects,
        handshakesPerSecond,
        handshakeBurst,
        maxMessageBytes,
        sendBufferBytes,
        maxReceiveWindowBytes,
        congestionController,
        isPacingEnabled,
        isPacketProtectionEnabled);
  }

  public LinkConfig withPacketProtection(boolean isEnabled) {
    return new LinkConfig(
        initialDatagramBytes,
        maxDatagramBytes,
        maxAckDelayMicros,
        idleTimeoutMicros,
        keepAliveMicros,
        handshakeTimeoutMicros,
        cookieLifetimeMicros,
        maxSessions,
        maxPendingConnects,
        handshakesPerSecond,
        handshakeBurst,
        maxMessageBytes,
        sendBufferBytes,
        maxReceiveWindowBytes,
        congestionController,
        isPacingEnabled,
        isEnabled);
  }
}
