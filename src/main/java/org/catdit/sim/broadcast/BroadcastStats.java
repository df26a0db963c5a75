package org.catdit.sim.broadcast;

/**
 * The measures of one broadcast.
 *
 * @param index 0-based position in the run
 * @param sender simulator index of the sending peer
 * @param sendMicros virtual time of the send
 * @param delivered peers (live at the end) that delivered it
 * @param live peers live at the end of the run
 * @param reliability delivered / live
 * @param isAfterFailure sent after the crash
 * @param reachableFraction after a failure: share of live peers with a path from the sender over
 *     the links the protocol uses, at send time; 1 before a failure
 * @param reliabilityOfReachable after a failure: share of those reachable peers that delivered it;
 *     equal to {@code reliability} before a failure
 * @param payloadMessages payload (GOSSIP) copies delivered by the network for it
 * @param rmr payloadMessages / (peers that delivered it − 1) − 1
 * @param lastDeliveryHop hops of the last delivery (LDH)
 * @param latencyP50Ms median delivery latency
 * @param latencyP99Ms 99th percentile delivery latency
 * @param latencyMaxMs latest delivery
 */
public record BroadcastStats(
    int index,
    int sender,
    long sendMicros,
    int delivered,
    int live,
    double reliability,
    boolean isAfterFailure,
    double reachableFraction,
    double reliabilityOfReachable,
    long payloadMessages,
    double rmr,
    int lastDeliveryHop,
    double latencyP50Ms,
    double latencyP99Ms,
    double latencyMaxMs) {}
