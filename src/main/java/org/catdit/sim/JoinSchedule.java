package org.catdit.sim;

/**
 * How peers join: in waves, each through a contact chosen at random among the members present when
 * the wave starts. A wave holds at most {@code waveSize} peers and never more than a tenth of the
 * current membership (at least one peer). The joins of one wave do not see each other: with W
 * joiners on m members the mean view grows by (c+1)·W/(m+W) instead of the (c+1)·ln(1+W/m) of
 * one-by-one joins, so a wave that doubled the membership would lose 28% of that growth, and a
 * tenth loses under 5%.
 *
 * @param waveSize peers per wave (at most; capped by the membership)
 * @param waveIntervalMicros time between the starts of two waves
 */
public record JoinSchedule(int waveSize, long waveIntervalMicros) {
  public JoinSchedule {
    if (waveSize < 1) {
      throw new IllegalArgumentException("wave size must be at least 1");
    }
    if (waveIntervalMicros < 1) {
      throw new IllegalArgumentException("wave interval must be positive");
    }
  }

  /** Waves of N/100 peers (at least 1), one second apart. */
  public static JoinSchedule forPeers(int peers) {
    return new JoinSchedule(Math.max(1, peers / 100), 1_000_000);
  }

  /** Peers in the wave that starts with {@code members} members, towards {@code peers}. */
  public int sizeOfWave(int members, int peers) {
    return Math.min(waveSize, Math.min(Math.max(1, members / 10), peers - members));
  }

  /** Number of waves needed to bring {@code peers} peers in (the first peer is there already). */
  public int waveCount(int peers) {
    int members = Math.min(1, peers);
    int waves = 0;
    while (members < peers) {
      members += sizeOfWave(members, peers);
      waves++;
    }
    return waves;
  }
}
