package org.catdit.feed;

import java.util.Comparator;
import java.util.function.Function;

/**
 * The orders of {@link FeedSort}, best first, each ending in the post id so that two peers holding
 * the same posts show them in the same order.
 *
 * <ul>
 *   <li>HOT: Reddit's "hot" rank ({@code _sorts.pyx} of the open-sourced reddit): {@code
 *       sign(score) × log10(max(|score|, 1)) + seconds / 45000}, where seconds count from a fixed
 *       epoch. Every tenfold of votes is worth 45,000 s (12.5 hours) of newness: a post with 10
 *       votes ranks with one that has 1 vote and is 12.5 hours younger.
 *   <li>NEW: newest first by the author's timestamp.
 *   <li>TOP: highest score first, newer first among equals.
 * </ul>
 *
 * <p>The author's timestamp is not trusted (a clock can be wrong, or set to next year to stay on
 * top). The comparators take {@code nowMillis} and treat any timestamp after it as {@code now}, so
 * a post from the future ranks as if just posted, never above genuinely new ones for longer than
 * its lie lasts.
 */
public final class FeedRanking {
  /** Seconds of age that weigh as much as a tenfold of votes in HOT. */
  public static final double HOT_SECONDS_PER_DECADE = 45_000;

  /** 2025-01-01T00:00:00Z: the epoch of HOT's age term (any fixed instant gives the same order). */
  public static final long HOT_EPOCH_MILLIS = 1_735_689_600_000L;

  private FeedRanking() {}

  /** The HOT rank of a post with {@code score} created at {@code createdAtMillis}. */
  public static double hot(long score, long createdAtMillis) {
    double order = Math.log10(Math.max(Math.abs(score), 1));
    double seconds = (createdAtMillis - HOT_EPOCH_MILLIS) / 1000.0;
    return Math.signum(score) * order + seconds / HOT_SECONDS_PER_DECADE;
  }

  /**
   * Best first by {@code sort}, timestamps after {@code nowMillis} counted as {@code nowMillis}.
   */
  public static Comparator<RankKey> comparator(FeedSort sort, long nowMillis) {
    Comparator<RankKey> byIdAscending = Comparator.comparing(RankKey::id);
    Comparator<RankKey> newestFirst =
        Comparator.comparingLong((RankKey key) -> clamp(key.createdAtMillis(), nowMillis))
            .reversed();
    Comparator<RankKey> order =
        switch (sort) {
          case HOT ->
              Comparator.comparingDouble(
                      (RankKey key) -> hot(key.score(), clamp(key.createdAtMillis(), nowMillis)))
                  .reversed();
          case NEW -> newestFirst;
          case TOP ->
              Comparator.comparingLong(RankKey::score).reversed().thenComparing(newestFirst);
        };
    return order.thenComparing(byIdAscending);
  }

  /** The same order over any record, through {@code key}. */
  public static <T> Comparator<T> comparator(
      FeedSort sort, long nowMillis, Function<? super T, RankKey> key) {
    return Comparator.comparing(key, comparator(sort, nowMillis));
  }

  /** The order over {@link FeedPost}s. */
  public static Comparator<FeedPost> forFeed(FeedSort sort, long nowMillis) {
    return comparator(sort, nowMillis, RankKey::of);
  }

  private static long clamp(long createdAtMillis, long nowMillis) {
    return Math.min(createdAtMillis, nowMillis);
  }
}
