package org.catdit.overlay.link;

/**
 * Connection-level credit (RFC 9000 §4) for one session, both directions. The receiver grants
 * {@code consumed + window}; the window starts at {@link #INITIAL_WINDOW_BYTES} (never zero, so the
 * first round trip is never flow-control limited) and doubles, up to a limit, whenever a whole
 * window is consumed in less than two round trips: it follows the measured bandwidth-delay product.
 */
final class FlowControl {
  /** The credit each side starts with, before any MAX_DATA: a protocol constant. */
  static final long INITIAL_WINDOW_BYTES = 1L << 20;

  private final long maxWindowBytes;
  // Receive side.
  private long windowBytes = INITIAL_WINDOW_BYTES;
  private long advertisedMaxData = INITIAL_WINDOW_BYTES;
  private long lastUpdateMicros = Long.MIN_VALUE;
  private long lastUpdateConsumed;
  // Send side.
  private long peerMaxData = INITIAL_WINDOW_BYTES;
  private long sentBytes;

  FlowControl(long maxWindowBytes) {
    this.maxWindowBytes = maxWindowBytes;
  }

  long advertisedMaxData() {
    return advertisedMaxData;
  }

  long windowBytes() {
    return windowBytes;
  }

  /** Whether a MAX_DATA should go out now that {@code consumed} bytes have been read. */
  boolean shouldUpdate(long consumed) {
    return advertisedMaxData - consumed <= windowBytes / 2;
  }

  /** The new limit to advertise, auto-tuning the window against the round-trip time. */
  long update(long nowMicros, long consumed, long smoothedRttMicros) {
    if (lastUpdateMicros != Long.MIN_VALUE
        && nowMicros - lastUpdateMicros < 2 * smoothedRttMicros
        && consumed - lastUpdateConsumed >= windowBytes / 2) {
      windowBytes = Math.min(maxWindowBytes, windowBytes * 2);
    }
    lastUpdateMicros = nowMicros;
    lastUpdateConsumed = consumed;
    advertisedMaxData = Math.max(advertisedMaxData, consumed + windowBytes);
    return advertisedMaxData;
  }

  long sendCredit() {
    return Math.max(0, peerMaxData - sentBytes);
  }

  void onNewBytesSent(long bytes) {
    sentBytes += bytes;
  }

  void onMaxData(long maxData) {
    peerMaxData = Math.max(peerMaxData, maxData);
  }
}
