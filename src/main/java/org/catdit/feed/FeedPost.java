package org.catdit.feed;

/**
 * One post as the feed shows it.
 *
 * @param id the post transition's id
 * @param authorKeyHex the author's public key
 * @param authorName the author's display name, or a short form of the key if it has none
 * @param caption at most 280 characters
 * @param score distinct voters
 * @param isUpvotedByMe whether this peer's own upvote stands
 * @param pictureHash SHA-256 of the picture's bytes
 * @param thumbnailHash SHA-256 of the thumbnail's bytes
 * @param width picture width in pixels
 * @param height picture height in pixels
 * @param mediaType e.g. {@code image/jpeg}
 * @param byteSize the picture's size in bytes
 * @param createdAtMillis the author's timestamp (informational; not trusted for order of validity)
 * @param isPictureHeld whether the full picture's bytes are held locally yet
 * @param isThumbnailHeld whether the thumbnail's bytes are held locally yet
 */
public record FeedPost(
    String id,
    String authorKeyHex,
    String authorName,
    String caption,
    int score,
    boolean isUpvotedByMe,
    String pictureHash,
    String thumbnailHash,
    int width,
    int height,
    String mediaType,
    long byteSize,
    long createdAtMillis,
    boolean isPictureHeld,
    boolean isThumbnailHeld) {}
