package org.catdit.overlay.link;

/** A snapshot of one session's transport state, for reports and tests. */
public record SessionStats(
    long smoothedRttMicros,
    long minRttMicros,
    long congestionWindowBytes,
    long bytesInFlight,
    int maxDatagramBytes,
    long receiveWindowBytes,
    String congestionController) {}
