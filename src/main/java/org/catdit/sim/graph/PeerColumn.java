package org.catdit.sim.graph;

import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;

/**
 * One extra integer column of {@code peers.csv}, such as messages received of one type. Values are
 * looked up by the simulator's peer index ({@link OverlayGraph#peerIndex()}), not by vertex, so the
 * simulator can hand over its own per-peer counters unchanged.
 *
 * @param name column header; letters, digits, {@code _ . -} only, so no CSV quoting is needed
 * @param valueOfPeer simulator peer index to value
 */
public record PeerColumn(String name, IntUnaryOperator valueOfPeer) {

  private static final Pattern CSV_SAFE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

  public PeerColumn {
    if (!CSV_SAFE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("column name must match " + CSV_SAFE_NAME + ": " + name);
    }
  }

  /** A column read from an array indexed by simulator peer index (not copied). */
  public static PeerColumn ofArray(String name, int[] valuesByPeerIndex) {
    return new PeerColumn(name, peer -> valuesByPeerIndex[peer]);
  }
}
