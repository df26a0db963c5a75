package org.catdit.feed;

/**
 * One neighbour of this peer and the link to it.
 *
 * @param peerId its id
 * @param displayName its display name if known, else empty
 * @param isInPartialView this peer sends to it (an out-link)
 * @param isInInView it holds this peer in its partial view (an in-link)
 * @param isEager the broadcast tree pushes payloads over this link (a tree link); otherwise lazy
 * @param rttMillis smoothed round-trip time, or -1 with no session
 * @param lossRate fraction of packets lost on the link
 * @param cwndBytes congestion window
 * @param bytesSent bytes sent over the session
 * @param bytesReceived bytes received over the session
 * @param ageSeconds how long it has been a neighbour
 */
public record Neighbour(
    String peerId,
    String displayName,
    boolean isInPartialView,
    boolean isInInView,
    boolean isEager,
    double rttMillis,
    double lossRate,
    long cwndBytes,
    long bytesSent,
    long bytesReceived,
    long ageSeconds) {}
