package org.catdit.sim.broadcast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one broadcast experiment. The first twelve fields are the {@code broadcast.*} keys
 * of {@code sim --json} ({@link #toJsonMap()}); the rest support tables, {@code peers.csv} and
 * pictures.
 *
 * @param count broadcasts sent
 * @param reliabilityMin lowest reliability (live delivered / live) over the broadcasts before the
 *     failure, or all broadcasts without one
 * @param reliabilityMean mean of the same
 * @param rmrFirst RMR of the first broadcast
 * @param rmrSteady mean RMR over the second half of the broadcasts
 * @param ldhMax largest last-delivery hop count
 * @param latencyP50Ms median delivery latency over every delivery of every broadcast
 * @param latencyP99Ms 99th percentile of the same
 * @param controlPerPayload broadcast control messages (IHAVE, IHAVE_ACK, PRUNE, GRAFT) delivered
 *     per payload message delivered, over the run
 * @param duplicatesPerPeerMean duplicate payload copies per peer per broadcast, mean over live
 *     peers
 * @param reliabilityAfterFailureMin lowest reliability over the broadcasts after the failure (NaN
 *     without one)
 * @param survivorsReachableFraction lowest share, over the broadcasts after the failure, of live
 *     peers the sender could reach over the links the protocol uses (NaN without a failure)
 * @param reliabilityOfReachableAfterFailureMin lowest share of the reachable survivors that
 *     delivered, after the failure (NaN without one): the issue's ≥ 0.999 criterion
 * @param settleBroadcasts broadcasts after the failure before every later one reached all reachable
 *     survivors with RMR within 0.05 of the steady value before the failure; −1 if that never
 *     happened or there was no failure
 * @param latencyMaxMs latest delivery of any broadcast
 * @param broadcasts the measures of each broadcast
 * @param payloadCopiesPerPeer payload copies each peer received over the run
 * @param duplicatesPerPeer duplicate copies each peer received over the run
 */
public record BroadcastResult(
    int count,
    double reliabilityMin,
    double reliabilityMean,
    double rmrFirst,
    double rmrSteady,
    int ldhMax,
    double latencyP50Ms,
    double latencyP99Ms,
    double controlPerPayload,
    double duplicatesPerPeerMean,
    double reliabilityAfterFailureMin,
    double survivorsReachableFraction,
    double reliabilityOfReachableAfterFailureMin,
    int settleBroadcasts,
    double latencyMaxMs,
    List<BroadcastStats> broadcasts,
    int[] payloadCopiesPerPeer,
    int[] duplicatesPerPeer) {

  public BroadcastResult {
    broadcasts = List.copyOf(broadcasts);
    payloadCopiesPerPeer = payloadCopiesPerPeer.clone();
    duplicatesPerPeer = duplicatesPerPeer.clone();
  }

  @Override
  public int[] payloadCopiesPerPeer() {
    return payloadCopiesPerPeer.clone();
  }

  @Override
  public int[] duplicatesPerPeer() {
    return duplicatesPerPeer.clone();
  }

  public boolean hasFailure() {
    return !Double.isNaN(reliabilityAfterFailureMin);
  }

  /**
   * The {@code broadcast} object of {@code sim --json}, keys in a fixed order; the after-failure
   * keys only after a failure.
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("count", count);
    json.put("reliabilityMin", reliabilityMin);
    json.put("reliabilityMean", reliabilityMean);
    json.put("rmrFirst", rmrFirst);
    json.put("rmrSteady", rmrSteady);
    json.put("ldhMax", ldhMax);
    json.put("latencyP50Ms", latencyP50Ms);
    json.put("latencyP99Ms", latencyP99Ms);
    json.put("controlPerPayload", controlPerPayload);
    json.put("duplicatesPerPeerMean", duplicatesPerPeerMean);
    if (hasFailure()) {
      json.put("reliabilityAfterFailureMin", reliabilityAfterFailureMin);
      json.put("survivorsReachableFraction", survivorsReachableFraction);
    }
    return json;
  }
}
