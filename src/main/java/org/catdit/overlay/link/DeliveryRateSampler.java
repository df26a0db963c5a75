package org.catdit.overlay.link;

/**
 * Delivery-rate estimation for one session (draft-cheng-iccrg-delivery-rate-estimation): each sent
 * packet remembers how much had been delivered when it left; when it is acknowledged, the bytes
 * delivered since, over the longer of the send and ACK intervals, give a rate sample. Samples taken
 * while the sender had nothing to send are marked application-limited.
 */
final class DeliveryRateSampler {
  private long delivered;
  private long deliveredMicros;
  private long firstSentMicros;
  private long appLimitedUntil;
  private long nextRoundDelivered;

  // The sample being built from one ACK frame: the newest packet acknowledged defines it.
  private long priorDelivered;
  private long sendElapsed;
  private long ackElapsed;
  private long sampleRttMicros;
  private boolean isSampleAppLimited;

  void onPacketSent(SentPacket packet, long nowMicros, long bytesInFlightBefore) {
    if (bytesInFlightBefore == 0) {
      firstSentMicros = nowMicros;
      deliveredMicros = nowMicros;
    }
    packet.deliveredAtSend = delivered;
    packet.deliveredMicrosAtSend = deliveredMicros;
    packet.firstSentMicrosAtSend = firstSentMicros;
    packet.isAppLimitedAtSend = appLimitedUntil != 0;
  }

  void beginAck() {
    priorDelivered = -1;
    sendElapsed = 0;
    ackElapsed = 0;
    sampleRttMicros = 0;
    isSampleAppLimited = true;
  }

  void onPacketAcked(SentPacket packet, long nowMicros) {
    if (!packet.isInFlight) {
      // An ACK-only packet never passed onPacketSent: sampled, its zeroed send state made one
      // "measurement" of everything delivered since the session began, not app-limited, which
      // replaced the bandwidth estimate whenever an ACK covered nothing but such packets.
      return;
    }
    delivered += packet.bytes;
    deliveredMicros = nowMicros;
    if (packet.deliveredAtSend >= priorDelivered) {
      priorDelivered = packet.deliveredAtSend;
      sendElapsed = packet.sentMicros - packet.firstSentMicrosAtSend;
      ackElapsed = deliveredMicros - packet.deliveredMicrosAtSend;
      isSampleAppLimited = packet.isAppLimitedAtSend;
      sampleRttMicros = nowMicros - packet.sentMicros;
      firstSentMicros = packet.sentMicros;
    }
  }

  /** The sample of this ACK; intervals shorter than half the minimum RTT are not trusted. */
  RateSample endAck(long minRttMicros) {
    if (appLimitedUntil != 0 && delivered > appLimitedUntil) {
      appLimitedUntil = 0;
    }
    // A round trip ends when a packet sent after it began is acknowledged (BBR's round counting),
    // however much or little was delivered meanwhile: a ping-pong is one round per ping.
    boolean isRoundStart = priorDelivered >= 0 && priorDelivered >= nextRoundDelivered;
    if (isRoundStart) {
      nextRoundDelivered = delivered;
    }
    long interval = Math.max(sendElapsed, ackElapsed);
    if (priorDelivered < 0 || interval < minRttMicros / 2) {
      return new RateSample(0, 0, sampleRttMicros, isSampleAppLimited, isRoundStart);
    }
    return new RateSample(
        delivered - priorDelivered, interval, sampleRttMicros, isSampleAppLimited, isRoundStart);
  }

  /** The sender ran out of data with the window open: samples until this drains are app-limited. */
  void markAppLimited(long bytesInFlight) {
    appLimitedUntil = Math.max(1, delivered + bytesInFlight);
  }
}
