package org.catdit.overlay.link;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.LinkCounters.Counter;

/**
 * One authenticated session with one peer: packet numbers, acknowledgements, loss recovery (RFC
 * 9002 §6), congestion control with pacing, streams with priorities, flow control, path-MTU probing
 * and liveness. It never reads a clock; every entry point is handed {@code nowMicros}.
 */
final class Session<A> {
  static final int STREAM_COUNT = FrameCodec.MAX_STREAMS;
  private static final long NONE = Long.MAX_VALUE;
  private static final int MAX_PACKETS_PER_FLUSH = 4096;
  private static final int MAX_RECENTLY_LOST = 4096;
  private static final int MAX_PACKET_THRESHOLD = 1024;
  private static final int MAX_TIME_THRESHOLD_EIGHTHS = 16;
  private static final int PERSISTENT_CONGESTION_THRESHOLD = 3;

  /** Small control messages may overdraw the window by this many datagrams (RFC 8085 spirit). */
  private static final int CONTROL_OVERDRAFT_DATAGRAMS = 2;

  final long localConnectionId;
  final long remoteConnectionId;
  final PeerId peer;
  final A address;
  final boolean isInitiator;

  /** Orders sessions deterministically in the endpoint's timer set. */
  final long serial;

  private final LinkConfig config;
  private final PacketProtection protection;
  private final LinkCounters counters;
  private final LinkIo<A> io;

  private LinkIo.FailureReason failure;
  private boolean isClosed;
  private boolean isDraining;

  // Sending.
  private long nextPacketNumber;
  private final SentPacketLog sent = new SentPacketLog();
  private final TreeMap<Long, SentPacket> recentlyLost = new TreeMap<>();
  private long bytesInFlight;
  private int ackElicitingInFlight;
  private final ArrayDeque<Frame> controlFrames = new ArrayDeque<>();
  private final SendStream[] sendStreams = new SendStream[STREAM_COUNT];
  private boolean isMaxDataPending;
  private boolean wasSendRefused;
  private long sendBufferedBytes;
  private final CongestionController congestion;
  private final Pacer pacer = new Pacer();
  private PacketWriter packetBuffer;
  private int maxDatagramBytes;
  private final MtuProber mtuProber;
  private boolean isConfirmed;

  /** The initiator's handshake proof until the responder acknowledges a packet (queueEcho). */
  private Frame.Echo echo;

  // Loss detection (RFC 9002 §6).
  private final RttEstimator rtt = new RttEstimator(RttEstimator.INITIAL_RTT_MICROS);
  private long largestAckedPacket = -1;
  private long lossTimeMicros = NONE;
  private int ptoCount;
  private int probesToSend;
  private long lastAckElicitingSentMicros;
  private long lastPingSentMicros;
  private boolean isPingDue;
  private int packetThreshold = 3;
  private int timeThresholdEighths = 9;

  // Delivery-rate sampling.
  private final DeliveryRateSampler rateSampler = new DeliveryRateSampler();

  // Receiving.
  private final ReceivedPackets received = new ReceivedPackets(FrameCodec.MAX_ACK_RANGES);
  private long largestReceivedMicros;
  private long ackRangeFloor;
  private int ackElicitingSinceAck;
  private boolean isAckPending;
  private boolean isAckImmediate;
  private long ackDeadlineMicros = NONE;
  private final ReceiveStream[] receiveStreams = new ReceiveStream[STREAM_COUNT];
  private long receivedHighestSum;
  private final FlowControl flow;
  private long lastReceivedMicros;
  private boolean hasReceivedAckEliciting;

  // Per-session figures for reports (SessionStats); the endpoint-wide ones are in LinkCounters.
  private long bytesSent;
  private long bytesReceived;
  private long ackElicitingPacketsSent;
  private long packetsLost;

  Session(
      long localConnectionId,
      long remoteConnectionId,
      PeerId peer,
      A address,
      boolean isInitiator,
      long serial,
      int peerMaxDatagramBytes,
      PacketProtection protection,
      long nowMicros,
      LinkConfig config,
      LinkCounters counters,
      LinkIo<A> io) {
    this.localConnectionId = localConnectionId;
    this.remoteConnectionId = remoteConnectionId;
    this.peer = peer;
    this.address = address;
    this.isInitiator = isInitiator;
    this.serial = serial;
    this.protection = protection;
    this.config = config;
    this.counters = counters;
    this.io = io;
    this.maxDatagramBytes = config.initialDatagramBytes();
    this.congestion = config.congestionController().create(maxDatagramBytes);
    this.mtuProber =
        new MtuProber(
            maxDatagramBytes,
            Math.min(config.maxDatagramBytes(), Math.max(maxDatagramBytes, peerMaxDatagramBytes)));
    this.flow = new FlowControl(config.maxReceiveWindowBytes());
    for (int i = 0; i < STREAM_COUNT; i++) {
      sendStreams[i] = new SendStream(i);
      receiveStreams[i] = new ReceiveStream(config.maxMessageBytes());
    }
    this.lastReceivedMicros = nowMicros;
    this.lastAckElicitingSentMicros = nowMicros;
    this.lastPingSentMicros = nowMicros;
    // The responder learned the initiator's address from a valid cookie: it is confirmed.
    this.isConfirmed = !isInitiator;
  }

  // ---------------------------------------------------------------- state queried by the endpoint

  boolean isClosed() {
    return isClosed;
  }

  LinkIo.FailureReason failure() {
    return failure;
  }

  RttEstimator rtt() {
    return rtt;
  }

  CongestionController congestion() {
    return congestion;
  }

  int maxDatagramBytes() {
    return maxDatagramBytes;
  }

  long bytesInFlight() {
    return bytesInFlight;
  }

  long bytesSent() {
    return bytesSent;
  }

  long bytesReceived() {
    return bytesReceived;
  }

  long ackElicitingPacketsSent() {
    return ackElicitingPacketsSent;
  }

  long packetsLost() {
    return packetsLost;
  }

  long receiveWindowBytes() {
    return flow.windowBytes();
  }

  /**
   * Queues the initiator's handshake proof. It rides, in the clear, in every ack-eliciting packet
   * until the responder acknowledges one: the responder drops every packet of a connection it does
   * not know yet, so until then only a packet carrying the ECHO can start the session. When it rode
   * only in the first packet and that packet's retransmissions, at 20 % loss all of those could be
   * lost while data packets got through and were dropped, until the cookie expired (10 s) and the
   * session could never start (ReliabilityTest, seeds 4096 and 4182).
   */
  void queueEcho(Frame.Echo proof) {
    echo = proof;
    controlFrames.addFirst(proof);
  }

  // ---------------------------------------------------------------- application sends

  /**
   * @return whether the message was accepted (false: send buffer full or message too large)
   */
  boolean send(int streamId, byte[] message) {
    if (message.length > config.maxMessageBytes()) {
      counters.increment(Counter.OVERSIZED_MESSAGES);
      return false;
    }
    if (sendBufferedBytes + message.length > config.sendBufferBytes()) {
      counters.increment(Counter.SEND_BUFFER_FULL);
      wasSendRefused = true;
      return false;
    }
    markAppLimitedIfIdle();
    long before = sendStreams[streamId].bufferedBytes();
    sendStreams[streamId].append(message);
    sendBufferedBytes += sendStreams[streamId].bufferedBytes() - before;
    counters.increment(Counter.MESSAGES_SENT);
    return true;
  }

  long sendBufferAvailableBytes() {
    return config.sendBufferBytes() - sendBufferedBytes;
  }

  /**
   * Linux's {@code tcp_rate_check_app_limited}, when the application writes to a session that had
   * nothing left to send and room in its window: the bubble starts now, so the packets that carry
   * this data are app-limited too. Marked only after sending, a ping-pong's every ping went out
   * unmarked, and its 64-byte rate replaced the path's bandwidth in BBR's model. (A keep-alive
   * needs no mark of its own: the bubble the last flush marked lasts until something is delivered.)
   */
  private void markAppLimitedIfIdle() {
    if (!hasStreamData(0, STREAM_COUNT)
        && controlFrames.isEmpty()
        && bytesInFlight + maxDatagramBytes <= congestion.congestionWindowBytes()) {
      rateSampler.markAppLimited(bytesInFlight);
    }
  }

  // ---------------------------------------------------------------- inbound packets

  void onPacket(long nowMicros, FrameCodec.Packet packet, int datagramBytes) {
    long packetNumber = packet.packetNumber();
    if (received.isDuplicate(packetNumber)) {
      counters.increment(
          received.isBelowWindow(packetNumber)
              ? Counter.OUT_OF_WINDOW_DROPPED
              : Counter.DUPLICATE_PACKETS_DROPPED);
      return;
    }
    if (!validate(packet)) {
      return;
    }
    lastReceivedMicros = nowMicros;
    bytesReceived += datagramBytes;
    boolean isGap = !received.isEmpty() && packetNumber != received.largest() + 1;
    if (packetNumber > received.largest()) {
      largestReceivedMicros = nowMicros;
    }
    received.add(packetNumber);
    boolean isAckEliciting = false;
    boolean isProbe = true;
    for (Frame frame : packet.frames()) {
      isAckEliciting |= frame.isAckEliciting();
      isProbe &= frame instanceof Frame.Ping || frame instanceof Frame.Ack;
      onFrame(nowMicros, frame);
      if (isClosed) {
        return;
      }
    }
    if (isAckEliciting) {
      // RFC 9000 §13.2: ACK every second ack-eliciting packet, at once on a gap, else within
      // max_ack_delay. The first ack-eliciting packet is acknowledged at once, as QUIC does its
      // handshake packets (§13.2.1): it gives the peer its first RTT sample, which RFC 9002 §5.3
      // takes whole, ack delay included, so a delayed ACK there left a loopback session showing
      // ~25 ms of smoothed RTT for minutes. A packet that only PINGs (an MTU probe, a keep-alive)
      // is acknowledged at once too: it is there to be measured, and a session whose every ACK
      // was delayed had a minimum RTT of ack delay plus round trip (27 ms on loopback), under
      // which RFC 9002 §5.3 never subtracts the ack delay.
      isAckPending = true;
      ackElicitingSinceAck++;
      boolean isFirst = !hasReceivedAckEliciting;
      hasReceivedAckEliciting = true;
      if (isFirst || isProbe || isGap || ackElicitingSinceAck >= 2) {
        isAckImmediate = true;
      } else if (ackDeadlineMicros == NONE) {
        ackDeadlineMicros = nowMicros + config.maxAckDelayMicros();
      }
    }
    flush(nowMicros);
  }

  /** Checks a whole packet before any of it takes effect, so a bad packet leaves no trace. */
  private boolean validate(FrameCodec.Packet packet) {
    long highestSum = receivedHighestSum;
    long buffered = 0;
    for (Frame frame : packet.frames()) {
      if (frame instanceof Frame.Ack ack && ack.largest() >= nextPacketNumber) {
        counters.increment(Counter.INVALID_ACK_DROPPED);
        return false;
      }
      if (frame instanceof Frame.Stream stream) {
        ReceiveStream in = receiveStreams[stream.streamId()];
        highestSum += Math.max(0, stream.end() - in.highestOffset());
        buffered += in.bufferedBytes() + stream.length();
      }
    }
    if (highestSum > flow.advertisedMaxData()) {
      counters.increment(Counter.FLOW_CONTROL_VIOLATIONS);
      fail(LinkIo.FailureReason.PROTOCOL_VIOLATION);
      return false;
    }
    if (buffered > 2 * config.maxReceiveWindowBytes()) {
      counters.increment(Counter.OUT_OF_WINDOW_DROPPED);
      return false;
    }
    return true;
  }

  private void onFrame(long nowMicros, Frame frame) {
    if (frame instanceof Frame.Stream stream) {
      onStream(nowMicros, stream);
    } else if (frame instanceof Frame.Ack ack) {
      onAck(nowMicros, ack);
    } else if (frame instanceof Frame.MaxData maxData) {
      flow.onMaxData(maxData.maxData());
    } else if (frame instanceof Frame.Close) {
      fail(LinkIo.FailureReason.CLOSED_BY_PEER);
    }
    // PING only elicits an ACK; an ECHO repeated inside an established session is a retransmission.
  }

  private void onStream(long nowMicros, Frame.Stream frame) {
    ReceiveStream in = receiveStreams[frame.streamId()];
    long highestBefore = in.highestOffset();
    long consumedBefore = in.readOffset();
    ReceiveStream.Result result =
        in.onData(
            frame.offset(),
            frame.buffer(),
            frame.from(),
            frame.length(),
            message -> {
              counters.increment(Counter.MESSAGES_DELIVERED);
              io.onMessage(peer, frame.streamId(), message);
            });
    receivedHighestSum += in.highestOffset() - highestBefore;
    consumedSum += in.readOffset() - consumedBefore;
    if (result == ReceiveStream.Result.MESSAGE_TOO_LARGE) {
      counters.increment(Counter.OVERSIZED_MESSAGES);
      fail(LinkIo.FailureReason.PROTOCOL_VIOLATION);
      return;
    }
    if (flow.shouldUpdate(consumedSum)) {
      flow.update(nowMicros, consumedSum, rtt.smoothedRttMicros());
      isMaxDataPending = true;
    }
  }

  private long consumedSum;

  // ---------------------------------------------------------------- acknowledgements and loss

  private void onAck(long nowMicros, Frame.Ack ack) {
    long[] ranges = ack.ranges();
    long ackedBytes = 0;
    long oldestAckedSent = NONE;
    SentPacket largestNewlyAcked = null;
    rateSampler.beginAck();
    for (int r = ranges.length - 2; r >= 0; r -= 2) {
      if (!recentlyLost.isEmpty()) {
        Map<Long, SentPacket> spurious = recentlyLost.subMap(ranges[r + 1], true, ranges[r], true);
        for (SentPacket packet : spurious.values()) {
          packet.isAcked = true;
          onSpuriousLoss(packet);
        }
        spurious.clear();
      }
      long low = Math.max(ranges[r + 1], sent.firstPacketNumber());
      long high = Math.min(ranges[r], sent.endPacketNumber() - 1);
      for (long pn = low; pn <= high; pn++) {
        SentPacket packet = sent.get(pn);
        if (packet.isAcked || packet.isLost) {
          continue;
        }
        packet.isAcked = true;
        if (packet.isInFlight) {
          bytesInFlight -= packet.bytes;
          ackedBytes += packet.bytes;
          oldestAckedSent = Math.min(oldestAckedSent, packet.sentMicros);
        }
        if (packet.isAckEliciting) {
          ackElicitingInFlight--;
        }
        largestNewlyAcked = packet;
        // ACK of an ACK: the peer knows what that ACK said; stop repeating ranges below it.
        ackRangeFloor = Math.max(ackRangeFloor, packet.largestAckedInPacket + 1);
        onFramesAcked(packet);
        if (packet.isMtuProbe && mtuProber.onProbeAcked(packet.packetNumber)) {
          maxDatagramBytes = mtuProber.confirmedBytes();
          congestion.onMaxDatagramBytesChanged(maxDatagramBytes);
          counters.increment(Counter.MTU_RAISED);
        }
        // Delivery-rate sampling: the newest packet acknowledged defines the interval.
        rateSampler.onPacketAcked(packet, nowMicros);
      }
    }
    if (largestNewlyAcked == null) {
      return;
    }
    isConfirmed = true;
    echo = null;
    if (largestNewlyAcked.packetNumber == ack.largest() && largestNewlyAcked.isAckEliciting) {
      rtt.onSample(
          nowMicros - largestNewlyAcked.sentMicros,
          ack.ackDelayMicros(),
          config.maxAckDelayMicros());
    }
    largestAckedPacket = Math.max(largestAckedPacket, ack.largest());
    RateSample sample = rateSampler.endAck(rtt.minRttMicros());
    detectLostPackets(nowMicros);
    congestion.onAck(nowMicros, ackedBytes, oldestAckedSent, sample, rtt, bytesInFlight);
    ptoCount = 0;
    trimSentLog(nowMicros);
  }

  private void onFramesAcked(SentPacket packet) {
    for (Frame frame : packet.retransmittableFrames) {
      if (frame instanceof Frame.Stream stream) {
        SendStream out = sendStreams[stream.streamId()];
        long before = out.bufferedBytes();
        out.onAcked(stream.offset(), stream.end());
        sendBufferedBytes -= before - out.bufferedBytes();
      }
    }
    if (wasSendRefused && sendBufferedBytes <= config.sendBufferBytes() / 2) {
      wasSendRefused = false;
      io.onWritable(peer);
    }
  }

  /** RFC 9002 §6.1 plus RACK-style adaptation: a spurious loss widens both thresholds. */
  private void onSpuriousLoss(SentPacket packet) {
    counters.increment(Counter.SPURIOUS_LOSSES);
    if (isCountedForLoss(packet)) {
      packetsLost--;
    }
    long reorderDistance = largestAckedPacket - packet.packetNumber + 1;
    packetThreshold =
        (int) Math.min(MAX_PACKET_THRESHOLD, Math.max(packetThreshold, reorderDistance));
    timeThresholdEighths = Math.min(MAX_TIME_THRESHOLD_EIGHTHS, timeThresholdEighths + 1);
    if (!packet.isMtuProbe) {
      congestion.onSpuriousLoss(packet.sentMicros);
    }
  }

  private long lossDelayMicros() {
    long base = Math.max(rtt.latestRttMicros(), rtt.smoothedRttMicros());
    return Math.max(base * timeThresholdEighths / 8, RttEstimator.GRANULARITY_MICROS);
  }

  private void detectLostPackets(long nowMicros) {
    lossTimeMicros = NONE;
    if (largestAckedPacket < 0) {
      return;
    }
    long lossDelay = lossDelayMicros();
    long lostSendTime = nowMicros - lossDelay;
    long lostBytes = 0;
    long largestLostSent = Long.MIN_VALUE;
    SentPacket firstLost = null;
    SentPacket lastLost = null;
    long end = Math.min(largestAckedPacket, sent.endPacketNumber() - 1);
    for (long pn = sent.firstPacketNumber(); pn < end; pn++) {
      SentPacket packet = sent.get(pn);
      if (packet.isAcked || packet.isLost) {
        continue;
      }
      if (packet.sentMicros <= lostSendTime || largestAckedPacket - pn >= packetThreshold) {
        declareLost(nowMicros, packet);
        if (packet.isInFlight && !packet.isMtuProbe) {
          lostBytes += packet.bytes;
          largestLostSent = Math.max(largestLostSent, packet.sentMicros);
          if (packet.isAckEliciting) {
            firstLost = firstLost == null ? packet : firstLost;
            lastLost = packet;
          }
        }
      } else {
        lossTimeMicros = Math.min(lossTimeMicros, packet.sentMicros + lossDelay);
      }
    }
    if (lostBytes > 0) {
      congestion.onLoss(
          nowMicros, lostBytes, largestLostSent, isPersistentCongestion(firstLost, lastLost));
    }
  }

  /** RFC 9002 §7.6: every packet across more than 3 PTOs lost, with an RTT sample in hand. */
  private boolean isPersistentCongestion(SentPacket first, SentPacket last) {
    if (first == null || first == last || !rtt.hasSample()) {
      return false;
    }
    long duration =
        (rtt.smoothedRttMicros()
                + Math.max(4 * rtt.rttVarianceMicros(), RttEstimator.GRANULARITY_MICROS)
                + config.maxAckDelayMicros())
            * PERSISTENT_CONGESTION_THRESHOLD;
    if (last.sentMicros - first.sentMicros <= duration) {
      return false;
    }
    for (long pn = first.packetNumber; pn <= last.packetNumber; pn++) {
      SentPacket packet = sent.get(pn);
      if (packet != null && packet.isAcked && packet.isAckEliciting) {
        return false;
      }
    }
    return true;
  }

  private void declareLost(long nowMicros, SentPacket packet) {
    packet.isLost = true;
    packet.declaredLostMicros = nowMicros;
    if (recentlyLost.size() >= MAX_RECENTLY_LOST) {
      recentlyLost.pollFirstEntry();
    }
    recentlyLost.put(packet.packetNumber, packet);
    counters.increment(Counter.PACKETS_LOST);
    if (isCountedForLoss(packet)) {
      packetsLost++;
    }
    if (packet.isInFlight) {
      bytesInFlight -= packet.bytes;
    }
    if (packet.isAckEliciting) {
      ackElicitingInFlight--;
    }
    if (packet.isMtuProbe) {
      mtuProber.onProbeLost(packet.packetNumber);
    }
    requeue(packet);
  }

  /** The session's loss rate covers ack-eliciting packets other than MTU probes. */
  private static boolean isCountedForLoss(SentPacket packet) {
    return packet.isAckEliciting && !packet.isMtuProbe;
  }

  /** Puts a packet's frames back to be sent again in new packets with new numbers. */
  private void requeue(SentPacket packet) {
    for (Frame frame : packet.retransmittableFrames) {
      if (frame instanceof Frame.Stream stream) {
        sendStreams[stream.streamId()].onLost(stream.offset(), stream.end());
      } else if (frame instanceof Frame.MaxData) {
        isMaxDataPending = true;
      }
    }
  }

  /**
   * Drops settled packets from the front of the log. Lost packets wait in {@link #recentlyLost} for
   * a while, so that a late acknowledgement still reveals a spurious loss.
   */
  private void trimSentLog(long nowMicros) {
    SentPacket first = sent.first();
    while (first != null
        && (first.isAcked
            || first.isLost
            || (!first.isAckEliciting && first.packetNumber < largestAckedPacket))) {
      sent.removeFirst();
      first = sent.first();
    }
    long linger = 2 * rtt.probeTimeoutMicros(config.maxAckDelayMicros());
    while (!recentlyLost.isEmpty()
        && nowMicros - recentlyLost.firstEntry().getValue().declaredLostMicros > linger) {
      recentlyLost.pollFirstEntry();
    }
  }

  // ---------------------------------------------------------------- timers

  long nextDeadlineMicros() {
    if (isClosed) {
      return NONE;
    }
    long deadline = lastReceivedMicros + config.idleTimeoutMicros();
    if (isAckPending) {
      deadline = Math.min(deadline, isAckImmediate ? 0 : ackDeadlineMicros);
    }
    deadline = Math.min(deadline, lossDetectionDeadline());
    if (!isDraining) {
      deadline = Math.min(deadline, lastPingSentMicros + config.keepAliveMicros());
    }
    if (pacingWakeMicros != NONE) {
      deadline = Math.min(deadline, pacingWakeMicros);
    }
    return deadline;
  }

  private long pacingWakeMicros = NONE;

  private long lossDetectionDeadline() {
    if (lossTimeMicros != NONE) {
      return lossTimeMicros;
    }
    if (ackElicitingInFlight == 0) {
      return NONE;
    }
    long pto = rtt.probeTimeoutMicros(config.maxAckDelayMicros()) << Math.min(ptoCount, 16);
    return lastAckElicitingSentMicros + pto;
  }

  void onTimer(long nowMicros) {
    if (isClosed) {
      return;
    }
    if (nowMicros - lastReceivedMicros >= config.idleTimeoutMicros()) {
      fail(LinkIo.FailureReason.IDLE_TIMEOUT);
      return;
    }
    if (lossTimeMicros != NONE && nowMicros >= lossTimeMicros) {
      detectLostPackets(nowMicros);
    } else if (lossTimeMicros == NONE
        && ackElicitingInFlight > 0
        && nowMicros >= lossDetectionDeadline()) {
      onProbeTimeout();
    }
    // Every keep-alive interval a packet of its own with just a PING, which the peer acknowledges
    // at once: it keeps a quiet session alive and gives a clean RTT sample even when every other
    // ACK is delayed. A draining session keeps nothing alive: its quiet period must run out.
    if (!isDraining && nowMicros - lastPingSentMicros >= config.keepAliveMicros()) {
      isPingDue = true;
    }
    if (pacingWakeMicros != NONE && nowMicros >= pacingWakeMicros) {
      pacingWakeMicros = NONE;
    }
    flush(nowMicros);
  }

  /** RFC 9002 §6.2.4: send probes carrying the oldest unacknowledged data; nothing is lost yet. */
  private void onProbeTimeout() {
    counters.increment(Counter.PROBE_TIMEOUTS);
    ptoCount++;
    probesToSend = 2;
    for (long pn = sent.firstPacketNumber(); pn < sent.endPacketNumber(); pn++) {
      SentPacket packet = sent.get(pn);
      if (!packet.isAcked && !packet.isLost && packet.isAckEliciting) {
        requeue(packet);
        return;
      }
    }
  }

  // ---------------------------------------------------------------- sending

  private boolean hasStreamData(int from, int to) {
    long credit = flow.sendCredit();
    for (int i = from; i < to; i++) {
      SendStream out = sendStreams[i];
      if (out.hasLostData() || (out.unsentBytes() > 0 && credit > 0)) {
        return true;
      }
    }
    return false;
  }

  /** Sends as many packets as acknowledgements, the window, pacing and the data allow. */
  void flush(long nowMicros) {
    if (isClosed) {
      return;
    }
    if (isPingDue) {
      sendPing(nowMicros);
    }
    for (int count = 0; count < MAX_PACKETS_PER_FLUSH; count++) {
      boolean isAckDue = isAckPending && (isAckImmediate || nowMicros >= ackDeadlineMicros);
      long window = congestion.congestionWindowBytes();
      boolean isWindowOpen = bytesInFlight + maxDatagramBytes <= window;
      boolean hasControlRoom =
          bytesInFlight + maxDatagramBytes
              <= window + (long) CONTROL_OVERDRAFT_DATAGRAMS * maxDatagramBytes;
      boolean hasControl = !controlFrames.isEmpty() || isMaxDataPending || hasStreamData(0, 1);
      boolean hasBulk = hasStreamData(1, STREAM_COUNT);
      boolean isMtuProbeDue = isConfirmed && mtuProber.isProbeDue() && isWindowOpen;
      // Only bulk data and MTU probes are paced. Control data (stream 0, MAX_DATA, handshake,
      // keep-alives) is small and bounded by the window overdraft, so it skips the pacer: a bulk
      // transfer never holds it back.
      boolean isBulkPaced = false;
      if (config.isPacingEnabled()
          && probesToSend == 0
          && isWindowOpen
          && (hasBulk || isMtuProbeDue)) {
        // Never pace below an initial window per round trip: app-limited rate samples must not
        // throttle a session that has been quiet.
        long floor =
            NewRenoController.initialWindow(maxDatagramBytes)
                * 1_000_000
                / Math.max(1, rtt.smoothedRttMicros());
        long rate = Math.max(floor, congestion.pacingRateBytesPerSecond(rtt));
        long burst = Math.max(2L * maxDatagramBytes, rate / 1000);
        pacer.update(nowMicros, rate, burst);
        if (!pacer.canSend()) {
          isBulkPaced = true;
          pacingWakeMicros = pacer.nextSendMicros(nowMicros);
        }
      }
      boolean mayBulk = (isWindowOpen && !isBulkPaced) || probesToSend > 0;
      boolean mayControl = hasControlRoom || probesToSend > 0;
      boolean mayElicit = probesToSend > 0 || (hasControl && mayControl) || (hasBulk && mayBulk);
      if (!mayElicit && !isAckDue && !(isMtuProbeDue && !isBulkPaced)) {
        if (!hasControl && !hasBulk && bytesInFlight < window) {
          rateSampler.markAppLimited(bytesInFlight);
        }
        return;
      }
      // The probe goes before more bulk data (not before control data or a due ACK): a transfer
      // that keeps the window full would otherwise never leave room for it, and would run at the
      // 1200-byte floor to its end.
      boolean isProbeFirst =
          isMtuProbeDue && !isBulkPaced && probesToSend == 0 && !hasControl && !isAckDue;
      if (isProbeFirst || !(mayElicit || isAckDue)) {
        sendMtuProbe(nowMicros);
      } else {
        sendPacket(nowMicros, mayElicit, mayControl, mayBulk);
      }
    }
  }

  private void sendPacket(long nowMicros, boolean mayElicit, boolean mayControl, boolean mayBulk) {
    long packetNumber = nextPacketNumber++;
    PacketWriter out = packetBuffer(maxDatagramBytes - sealOverheadBytes());
    FrameCodec.writeHeader(out, remoteConnectionId, packetNumber);
    List<Frame> retransmittable = new ArrayList<>(4);
    boolean isAckEliciting = false;
    long largestAckedInPacket = -1;
    if (mayElicit && echo != null && !isConfirmed) {
      // The ECHO goes in the clear: the responder needs it to derive the keys for the rest. Not
      // retransmittable: it rides in every packet until one is acknowledged (queueEcho).
      controlFrames.remove(echo);
      out.setByte(0, FrameCodec.SESSION_PACKET_WITH_ECHO);
      FrameCodec.encode(out, echo);
      isAckEliciting = true;
    }
    int clearLength = out.position();
    if (isAckPending && !received.isEmpty()) {
      long ackDelay = Math.max(0, nowMicros - largestReceivedMicros);
      Frame.Ack ack = received.toAck(ackDelay, FrameCodec.MAX_ACK_RANGES, ackRangeFloor);
      FrameCodec.encode(out, ack);
      largestAckedInPacket = ack.largest();
      isAckPending = false;
      isAckImmediate = false;
      ackElicitingSinceAck = 0;
      ackDeadlineMicros = NONE;
    }
    if (mayElicit) {
      if (isMaxDataPending && out.remaining() >= 9) {
        Frame frame = new Frame.MaxData(flow.advertisedMaxData());
        FrameCodec.encode(out, frame);
        retransmittable.add(frame);
        isAckEliciting = true;
        isMaxDataPending = false;
      }
      while (!controlFrames.isEmpty()
          && FrameCodec.encodedSize(controlFrames.peekFirst()) <= out.remaining()) {
        Frame frame = controlFrames.pollFirst();
        FrameCodec.encode(out, frame);
        if (!(frame instanceof Frame.Ping)) {
          retransmittable.add(frame);
        }
        isAckEliciting = true;
      }
      // Streams in priority order (0 is control), lost bytes before new bytes in each.
      for (int i = 0; i < STREAM_COUNT && out.remaining() > 8; i++) {
        if (i == 0 ? !mayControl : !mayBulk) {
          continue;
        }
        SendStream stream = sendStreams[i];
        while (out.remaining() > 8) {
          Frame.Stream frame = stream.nextRetransmission(out.remaining());
          if (frame == null) {
            long credit = flow.sendCredit();
            frame = stream.nextNewData(out.remaining(), credit);
            if (frame == null) {
              break;
            }
            flow.onNewBytesSent(frame.length());
          }
          FrameCodec.encode(out, frame);
          retransmittable.add(frame);
          isAckEliciting = true;
        }
      }
      if (probesToSend > 0) {
        probesToSend--;
        if (!isAckEliciting) {
          FrameCodec.encode(out, new Frame.Ping());
          isAckEliciting = true;
        }
      }
    }
    int length = seal(packetNumber, out, clearLength);
    transmit(
        nowMicros,
        packetNumber,
        datagram(out),
        length,
        isAckEliciting,
        false,
        retransmittable,
        largestAckedInPacket);
  }

  /** A PING alone (a tiny packet, outside the window like other control data). */
  private void sendPing(long nowMicros) {
    isPingDue = false;
    lastPingSentMicros = nowMicros;
    transmitPing(nowMicros, FrameCodec.MAX_HEADER_BYTES + 1 + sealOverheadBytes(), false);
  }

  private void sendMtuProbe(long nowMicros) {
    long packetNumber = transmitPing(nowMicros, mtuProber.probeBytes(), true);
    mtuProber.onProbeSent(packetNumber);
    counters.increment(Counter.MTU_PROBES_SENT);
  }

  /**
   * Sends a packet of one PING, padded to {@code datagramBytes} when that is more (an MTU probe).
   *
   * @return its packet number
   */
  private long transmitPing(long nowMicros, int datagramBytes, boolean isMtuProbe) {
    long packetNumber = nextPacketNumber++;
    int limit = datagramBytes - sealOverheadBytes();
    PacketWriter out = packetBuffer(limit);
    FrameCodec.writeHeader(out, remoteConnectionId, packetNumber);
    int clearLength = out.position();
    FrameCodec.encode(out, new Frame.Ping());
    out.padTo(limit);
    int length = seal(packetNumber, out, clearLength);
    transmit(nowMicros, packetNumber, datagram(out), length, true, isMtuProbe, List.of(), -1);
    return packetNumber;
  }

  /**
   * The one buffer packets are built in, emptied and limited to {@code capacity} bytes. Sealed
   * packets go out of the protection's one buffer, unsealed ones out of this: the runtime copies a
   * datagram before {@link LinkIo#sendDatagram} returns. A fresh datagram-sized array per packet
   * cost a 64 KiB allocation for every acknowledgement.
   */
  private PacketWriter packetBuffer(int capacity) {
    if (packetBuffer == null || packetBuffer.capacity() < capacity) {
      packetBuffer = new PacketWriter(capacity);
    }
    return packetBuffer.reset(capacity);
  }

  private int sealOverheadBytes() {
    return protection == null ? 0 : PacketProtection.TAG_BYTES;
  }

  /**
   * Seals the packet in {@code out} if the session is protected (the header, and ECHO, stay in the
   * clear): returns the datagram's length, its bytes are in {@link #datagram}.
   */
  private int seal(long packetNumber, PacketWriter out, int clearLength) {
    return protection == null
        ? out.position()
        : protection.seal(packetNumber, out.array(), clearLength, out.position());
  }

  /** Where the datagram {@link #seal} made of {@code out} is. */
  private byte[] datagram(PacketWriter out) {
    return protection == null ? out.array() : protection.sealed();
  }

  PacketProtection protection() {
    return protection;
  }

  private void transmit(
      long nowMicros,
      long packetNumber,
      byte[] datagram,
      int length,
      boolean isAckEliciting,
      boolean isMtuProbe,
      List<Frame> retransmittable,
      long largestAckedInPacket) {
    // ACK-only packets do not count towards bytes in flight (RFC 9002 §2) and are not paced.
    boolean isInFlight = isAckEliciting;
    SentPacket packet =
        new SentPacket(
            packetNumber,
            nowMicros,
            length,
            isAckEliciting,
            isInFlight,
            isMtuProbe,
            retransmittable.isEmpty() ? List.of() : retransmittable,
            largestAckedInPacket);
    if (isInFlight) {
      rateSampler.onPacketSent(packet, nowMicros, bytesInFlight);
      congestion.onPacketSent(nowMicros, length, bytesInFlight);
      bytesInFlight += length;
      ackElicitingInFlight++;
      if (!isMtuProbe) {
        ackElicitingPacketsSent++;
      }
      lastAckElicitingSentMicros = nowMicros;
      if (!isMtuProbe) {
        pacer.onSent(length);
      }
    }
    sent.add(packet);
    if (!isAckEliciting) {
      trimSentLog(nowMicros);
    }
    counters.increment(Counter.DATAGRAMS_SENT);
    counters.add(Counter.BYTES_SENT, length);
    bytesSent += length;
    io.sendDatagram(address, datagram, length);
  }

  // ---------------------------------------------------------------- closing

  private void fail(LinkIo.FailureReason reason) {
    if (!isClosed) {
      isClosed = true;
      // A draining session was superseded: the peer is still reachable through the new one.
      failure = isDraining ? null : reason;
    }
  }

  /**
   * Superseded by a newer session with the same peer: finish what is in flight, then close once the
   * peer has been quiet for the idle timeout, reporting no failure. The peer's side of this session
   * may still hold messages queued before the replacement, and retransmits them with an
   * exponentially growing probe timeout for up to its own idle timeout; a receiver that closed
   * after three of its probe timeouts (as this did until 27 November) dropped them, and 13 of 60
   * seeded meshes of crossing handshakes lost messages that way. A settled draining session costs a
   * map entry and a timer, and sends nothing (no keep-alives), so waiting is cheap.
   */
  void startDraining() {
    isDraining = true;
  }

  /** Sends a CLOSE (once, unacknowledged) and stops. */
  void close(long nowMicros, int reason) {
    if (isClosed) {
      return;
    }
    long packetNumber = nextPacketNumber++;
    PacketWriter out = new PacketWriter(FrameCodec.MAX_HEADER_BYTES + 4);
    FrameCodec.writeHeader(out, remoteConnectionId, packetNumber);
    int clearLength = out.position();
    FrameCodec.encode(out, new Frame.Close(reason));
    int length = seal(packetNumber, out, clearLength);
    counters.increment(Counter.DATAGRAMS_SENT);
    counters.add(Counter.BYTES_SENT, length);
    bytesSent += length;
    io.sendDatagram(address, datagram(out), length);
    isClosed = true;
  }
}
