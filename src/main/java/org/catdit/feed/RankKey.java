package org.catdit.feed;

/**
 * What the feed's order depends on, for any kind of post record.
 *
 * @param score distinct voters
 * @param createdAtMillis the author's timestamp
 * @param id the post's id, the final tie-break so the order is total and the same on every peer
 */
public record RankKey(long score, long createdAtMillis, String id) {
  public static RankKey of(FeedPost post) {
    return new RankKey(post.score(), post.createdAtMillis(), post.id());
  }
}
