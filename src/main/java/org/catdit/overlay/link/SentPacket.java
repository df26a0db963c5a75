package org.catdit.overlay.link;

import java.util.List;

/** What the sender remembers about one packet until it is acknowledged or given up as lost. */
final class SentPacket {
  final long packetNumber;
  final long sentMicros;
  final int bytes;
  final boolean isAckEliciting;
  final boolean isInFlight;
  final boolean isMtuProbe;

  /** The frames to send again if this packet is lost (ACK and PADDING are never retransmitted). */
  final List<Frame> retransmittableFrames;

  /** The largest packet number acknowledged by an ACK frame in this packet, or -1. */
  final long largestAckedInPacket;

  // Delivery-rate sampling state at send time.
  long deliveredAtSend;
  long deliveredMicrosAtSend;
  long firstSentMicrosAtSend;
  boolean isAppLimitedAtSend;

  boolean isAcked;
  boolean isLost;
  long declaredLostMicros;

  SentPacket(
      long packetNumber,
      long sentMicros,
      int bytes,
      boolean isAckEliciting,
      boolean isInFlight,
      boolean isMtuProbe,
      List<Frame> retransmittableFrames,
      long largestAckedInPacket) {
    this.packetNumber = packetNumber;
    this.sentMicros = sentMicros;
    this.bytes = bytes;
    this.isAckEliciting = isAckEliciting;
    this.isInFlight = isInFlight;
    this.isMtuProbe = isMtuProbe;
    this.retransmittableFrames = retransmittableFrames;
    this.largestAckedInPacket = largestAckedInPacket;
  }
}
