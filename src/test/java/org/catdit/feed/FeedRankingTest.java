package org.catdit.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FeedRankingTest {
  private static final long HOUR_MILLIS = 3_600_000L;
  private static final long NOW = FeedRanking.HOT_EPOCH_MILLIS + 400 * 24 * HOUR_MILLIS;

  private static List<String> order(FeedSort sort, RankKey... keys) {
    List<RankKey> list = new ArrayList<>(List.of(keys));
    Collections.shuffle(list, new Random(1));
    list.sort(FeedRanking.comparator(sort, NOW));
    return list.stream().map(RankKey::id).toList();
  }

  @Test
  void newIsNewestFirst() {
    assertEquals(
        List.of("c", "b", "a"),
        order(
            FeedSort.NEW,
            new RankKey(50, NOW - 3 * HOUR_MILLIS, "a"),
            new RankKey(0, NOW - HOUR_MILLIS, "c"),
            new RankKey(9, NOW - 2 * HOUR_MILLIS, "b")));
  }

  @Test
  void topIsHighestScoreThenNewestThenId() {
    assertEquals(
        List.of("x", "b", "a", "c", "d"),
        order(
            FeedSort.TOP,
            new RankKey(3, NOW - 5 * HOUR_MILLIS, "b"),
            new RankKey(3, NOW - 6 * HOUR_MILLIS, "a"),
            new RankKey(1, NOW, "c"),
            new RankKey(1, NOW, "d"),
            new RankKey(7, NOW - 100 * HOUR_MILLIS, "x")));
  }

  @Test
  void hotWeighsATenfoldOfVotesAgainstTwelveAndAHalfHours() {
    // 10 votes 12 hours ago beats 1 vote now; 10 votes 13 hours ago loses to it.
    assertEquals(
        List.of("ten", "one"),
        order(
            FeedSort.HOT,
            new RankKey(1, NOW, "one"),
            new RankKey(10, NOW - 12 * HOUR_MILLIS, "ten")));
    assertEquals(
        List.of("one", "ten"),
        order(
            FeedSort.HOT,
            new RankKey(1, NOW, "one"),
            new RankKey(10, NOW - 13 * HOUR_MILLIS, "ten")));
    assertEquals(1.0, FeedRanking.hot(10, 0) - FeedRanking.hot(1, 0), 1e-12);
    assertEquals(
        1.0,
        FeedRanking.hot(1, FeedRanking.HOT_EPOCH_MILLIS + 45_000_000L)
            - FeedRanking.hot(1, FeedRanking.HOT_EPOCH_MILLIS),
        1e-12);
    // Zero and one vote weigh the same, as in reddit: log10(max(|s|, 1)) is 0 for both.
    assertEquals(FeedRanking.hot(0, NOW), FeedRanking.hot(1, NOW));
  }

  @Test
  void aTimestampFromTheFutureCountsAsNow() {
    RankKey liar = new RankKey(0, NOW + 365 * 24 * HOUR_MILLIS, "liar");
    RankKey honest = new RankKey(0, NOW, "honest");
    assertEquals(List.of("honest", "liar"), order(FeedSort.NEW, liar, honest)); // tie, then id
    assertEquals(List.of("honest", "liar"), order(FeedSort.HOT, liar, honest));
  }

  @Test
  void feedPostsSortThroughTheirKey() {
    FeedPost older = post("p1", 5, NOW - HOUR_MILLIS);
    FeedPost newer = post("p2", 1, NOW);
    List<FeedPost> posts = new ArrayList<>(List.of(older, newer));
    posts.sort(FeedRanking.forFeed(FeedSort.NEW, NOW));
    assertEquals("p2", posts.get(0).id());
    posts.sort(FeedRanking.forFeed(FeedSort.TOP, NOW));
    assertEquals("p1", posts.get(0).id());
  }

  @Property(tries = 200)
  void everyOrderIsTotalAndConsistent(
      @ForAll @IntRange(min = 0, max = 1000) int scoreA,
      @ForAll @IntRange(min = 0, max = 1000) int scoreB,
      @ForAll @IntRange(min = -100_000, max = 100_000) int minutesA,
      @ForAll @IntRange(min = -100_000, max = 100_000) int minutesB) {
    RankKey a = new RankKey(scoreA, NOW + minutesA * 60_000L, "a");
    RankKey b = new RankKey(scoreB, NOW + minutesB * 60_000L, "b");
    for (FeedSort sort : FeedSort.values()) {
      int ab = FeedRanking.comparator(sort, NOW).compare(a, b);
      int ba = FeedRanking.comparator(sort, NOW).compare(b, a);
      assertTrue(ab != 0 && Integer.signum(ab) == -Integer.signum(ba), sort.toString());
    }
  }

  static FeedPost post(String id, int score, long createdAtMillis) {
    return new FeedPost(
        id,
        "00",
        "name",
        "caption",
        score,
        false,
        "h",
        "t",
        1,
        1,
        "image/png",
        1,
        createdAtMillis,
        true,
        true);
  }
}
