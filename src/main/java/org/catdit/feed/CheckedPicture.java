package org.catdit.feed;

import java.awt.image.BufferedImage;

/**
 * A picture that passed {@link PictureCheck}: its bytes as given, the media type read from its
 * content, its size, and the decoded image (for thumbnails and ASCII art). Callers must not change
 * {@code bytes} or {@code image}.
 *
 * @param bytes the file's bytes, unchanged
 * @param mediaType {@code image/jpeg}, {@code image/png} or {@code image/gif}
 * @param width in pixels
 * @param height in pixels
 * @param image the decoded first frame
 */
public record CheckedPicture(
    byte[] bytes, String mediaType, int width, int height, BufferedImage image) {}
