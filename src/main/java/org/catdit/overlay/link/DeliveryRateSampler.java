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
    long interval = Math.max(sendElapsed, ackElapsed);
    if (priorDelivered < 0 || interval < minRttMicros / 2) {
      return new RateSample(0, 0, sampleRttMicros, isSampleAppLimited);
    }
    return new RateSample(
        delivered - priorDelivered, interval, sampleRttMicros, isSampleAppLimited);
  }

  /** The sender ran out of data with the window open: samples until this drains are app-limited. */
  void markAppLimited(long bytesInFlight) {
    appLimitedUntil = Math.max(1, delivered + bytesInFlight);
  }
}
