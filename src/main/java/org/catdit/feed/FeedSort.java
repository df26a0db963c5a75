package org.catdit.feed;

/** How the feed is ordered. */
public enum FeedSort {
  /** Score weighed against age, Reddit-style: new posts with votes rise, old ones sink. */
  HOT,
  /** Newest first by the author's timestamp. */
  NEW,
  /** Highest score first. */
  TOP
}
