package org.catdit.ui.network;

import org.catdit.feed.Neighbour;

/**
 * A row of the neighbour table: the link as the node reports it, plus the broadcast messages that
 * arrived over it since the window opened (counted by the UI from the bridge's arrivals).
 */
public record NeighbourRow(Neighbour neighbour, long arrivals, long duplicates) {

  /** "out" (partial view), "in" (in-view) or "both": which views hold the link. */
  public String direction() {
    if (neighbour.isInPartialView() && neighbour.isInInView()) {
      return "both";
    }
    return neighbour.isInPartialView() ? "out" : "in";
  }

  public String link() {
    return neighbour.isEager() ? "eager" : "lazy";
  }

  public String name() {
    return neighbour.displayName().isEmpty()
        ? shortId(neighbour.peerId())
        : neighbour.displayName();
  }

  static String shortId(String peerId) {
    return peerId.length() <= 10 ? peerId : peerId.substring(0, 8) + "…";
  }
}
