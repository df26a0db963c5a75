package org.catdit.overlay.link;

/**
 * A snapshot of one session's transport state, for reports and tests.
 *
 * @param bytesSent datagram bytes this session sent (headers, acknowledgements and resends
 *     included)
 * @param bytesReceived datagram bytes of authentic, non-duplicate packets this session took
 * @param packetsSent ack-eliciting packets sent, MTU probes excluded
 * @param packetsLost of those, the ones declared lost and not later found to have arrived
 */
public record SessionStats(
    long smoothedRttMicros,
    long minRttMicros,
    long congestionWindowBytes,
    long bytesInFlight,
    int maxDatagramBytes,
    long receiveWindowBytes,
    String congestionController,
    long bytesSent,
    long bytesReceived,
    long packetsSent,
    long packetsLost) {

  /** Lost over sent ack-eliciting packets for the session's life so far; 0 before any is sent. */
  public double lossRate() {
    return packetsSent == 0 ? 0 : (double) packetsLost / packetsSent;
  }
}
