package org.catdit.sim.ledger;

/**
 * What peers do in a ledger simulation (docs/ledger.md, "Simulator").
 *
 * @param activitySeconds how long peers post and vote, after the overlay has formed
 * @param transitionsPerSecond authored over the whole network (posts 30 %, upvotes 55 %,
 *     retractions 10 %, names 5 %), each by a random live peer
 * @param loss datagram loss during activity and after
 * @param isPartitioned split the peers into two halves from 20 % to 60 % of the activity
 * @param crashFraction share of peers that crash at half the activity
 * @param isEquivocating one peer's key signs two different transitions with one sequence number
 * @param isReconciling false turns periodic reconciliation off (to show it matters)
 * @param hasRealSignatures Ed25519 (BouncyCastle) instead of {@link SimSignatures}
 * @param drainSeconds how long to wait after activity for every live peer to agree
 */
public record LedgerScenario(
    double activitySeconds,
    double transitionsPerSecond,
    double loss,
    boolean isPartitioned,
    double crashFraction,
    boolean isEquivocating,
    boolean isReconciling,
    boolean hasRealSignatures,
    double drainSeconds) {

  public LedgerScenario {
    if (activitySeconds <= 0 || transitionsPerSecond <= 0 || drainSeconds <= 0) {
      throw new IllegalArgumentException("times and rates must be positive");
    }
    if (loss < 0 || loss > 1 || crashFraction < 0 || crashFraction >= 1) {
      throw new IllegalArgumentException("loss in [0,1], crash fraction in [0,1)");
    }
  }
}
