package org.catdit.overlay.link;

import org.catdit.overlay.core.PeerId;

/**
 * Everything a {@link LinkEndpoint} does to the outside world; the runtime (Netty or the simulator)
 * implements it. All calls happen on the endpoint's thread, from inside an endpoint call, and must
 * not call back into the endpoint.
 *
 * @param <A> the runtime's address token (an {@code InetSocketAddress}, a simulator index, ...); it
 *     must implement {@code equals} and {@code hashCode}
 */
public interface LinkIo<A> {

  /**
   * Sends {@code bytes[0..length)} as one datagram. The array is the endpoint's again when this
   * returns (a session seals every packet into one reused buffer, 64 KiB on loopback, rather than
   * allocate that per packet): an implementation that sends later copies it.
   */
  void sendDatagram(A to, byte[] bytes, int length);

  /**
   * Asks for {@link LinkEndpoint#onTimer(long)} at {@code deadlineMicros} (or soon after). Each
   * call replaces the previous request; the endpoint tolerates early and spurious wake-ups.
   */
  void wakeAt(long deadlineMicros);

  /** A complete message arrived, in order within its stream. */
  void onMessage(PeerId from, int streamId, byte[] message);

  /** A session with an authenticated peer is ready for {@link LinkEndpoint#send}. */
  void onSessionEstablished(PeerId peer, A address);

  /** A session ended other than by a local close: report the peer as failed to membership. */
  void onPeerFailed(PeerId peer, FailureReason reason);

  /** A {@link LinkEndpoint#connect} attempt got no valid answer before the handshake timeout. */
  default void onConnectFailed(A address) {}

  /** A stream that refused a message because its send buffer was full has room again. */
  default void onWritable(PeerId peer) {}

  /**
   * A stable byte form of an address, bound into the handshake cookie so a cookie only validates
   * the address it was sent to.
   */
  byte[] addressBytes(A address);

  /** Why a session ended. */
  enum FailureReason {
    IDLE_TIMEOUT,
    CLOSED_BY_PEER,
    PROTOCOL_VIOLATION
  }
}
