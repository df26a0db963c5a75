package org.catdit.feed;

/**
 * A small copy of a picture for the feed.
 *
 * @param bytes the encoded thumbnail
 * @param mediaType {@code image/jpeg}, or {@code image/png} when the picture has transparency
 * @param width in pixels
 * @param height in pixels
 */
public record Thumbnail(byte[] bytes, String mediaType, int width, int height) {}
