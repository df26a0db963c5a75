package org.catdit.overlay.wire;

import org.catdit.overlay.core.PeerId;

/**
 * SCAMP subscription of {@code subscriber}, sent to a contact. While {@code walkHops} is positive
 * it travels on along a random walk (indirection), and where the walk ends is the effective
 * contact. The walk is Metropolis-Hastings: a step proposed by a peer with {@code proposerDegree}
 * neighbours is accepted by a receiver with d neighbours with probability min(1, proposerDegree/d),
 * else it returns to the proposer; a {@code proposerDegree} of 0 means the step is already accepted
 * (the first send, or a returned step).
 *
 * @param leaseGeneration the subscriber's lease generation that the arcs made from this
 *     subscription belong to
 * @param requestedArcs for a renewal, how many arcs the subscriber asks for (what its previous
 *     lease brought); 0 for a join
 * @param isRenewal a lease renewal by a peer that is already a member, rather than a join
 * @param record the subscriber's signed {@link JoinRecord}, or null where joins are not signed
 *     (appended to the wire format: a subscription without one ends after {@code isRenewal})
 */
public record Subscription(
    PeerId subscriber,
    int walkHops,
    int proposerDegree,
    int leaseGeneration,
    int requestedArcs,
    boolean isRenewal,
    JoinRecord record)
    implements Message {
  public Subscription {
    Limits.checkHops(walkHops);
    if (proposerDegree < 0 || proposerDegree > 0xFFFF) {
      throw new IllegalArgumentException("proposer degree out of range: " + proposerDegree);
    }
    Limits.checkGeneration(leaseGeneration);
    if (requestedArcs < 0 || requestedArcs > 0xFFFF) {
      throw new IllegalArgumentException("requested arcs out of range: " + requestedArcs);
    }
  }

  /** An unsigned subscription. */
  public Subscription(
      PeerId subscriber,
      int walkHops,
      int proposerDegree,
      int leaseGeneration,
      int requestedArcs,
      boolean isRenewal) {
    this(subscriber, walkHops, proposerDegree, leaseGeneration, requestedArcs, isRenewal, null);
  }

  /** The same subscription one step further along its walk. */
  public Subscription step(int hopsLeft, int degree) {
    return new Subscription(
        subscriber, hopsLeft, degree, leaseGeneration, requestedArcs, isRenewal, record);
  }

  @Override
  public MessageType type() {
    return MessageType.SUBSCRIPTION;
  }
}
