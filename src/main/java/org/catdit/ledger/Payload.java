package org.catdit.ledger;

/** What a transition does; one record per {@link TransitionKind}. */
public sealed interface Payload
    permits Payload.Profile, Payload.Post, Payload.Upvote, Payload.RetractUpvote {

  TransitionKind kind();

  /** Sets the author's display name (1-40 code points, NFC, no control characters). */
  record Profile(String displayName) implements Payload {
    public Profile {
      Text.checkText(displayName, 1, TransitionLimits.MAX_DISPLAY_NAME_CODE_POINTS, "display name");
    }

    @Override
    public TransitionKind kind() {
      return TransitionKind.PROFILE;
    }
  }

  /**
   * Announces a picture by its SHA-256; the bytes travel separately.
   *
   * @param mediaType e.g. {@code image/jpeg}: {@code image/} then 1-58 of [a-z0-9.+-]
   * @param caption at most 280 code points, NFC, may be empty
   */
  record Post(
      Hash pictureHash,
      long byteSize,
      int width,
      int height,
      String mediaType,
      String caption,
      Hash thumbnailHash)
      implements Payload {
    public Post {
      if (pictureHash == null || thumbnailHash == null) {
        throw new IllegalArgumentException("a post names its picture and thumbnail hashes");
      }
      if (byteSize < 1 || byteSize > TransitionLimits.MAX_PICTURE_BYTES) {
        throw new IllegalArgumentException("picture size out of range: " + byteSize);
      }
      if (width < 1 || width > TransitionLimits.MAX_PICTURE_DIMENSION) {
        throw new IllegalArgumentException("width out of range: " + width);
      }
      if (height < 1 || height > TransitionLimits.MAX_PICTURE_DIMENSION) {
        throw new IllegalArgumentException("height out of range: " + height);
      }
      Text.checkMediaType(mediaType);
      Text.checkText(caption, 0, TransitionLimits.MAX_CAPTION_CODE_POINTS, "caption");
    }

    @Override
    public TransitionKind kind() {
      return TransitionKind.POST;
    }
  }

  /** One vote for a post; a second upvote by the same voter is a no-op. */
  record Upvote(Hash post) implements Payload {
    public Upvote {
      if (post == null) {
        throw new IllegalArgumentException("an upvote names its post");
      }
    }

    @Override
    public TransitionKind kind() {
      return TransitionKind.UPVOTE;
    }
  }

  /** Takes back the voter's upvote; the voter's own sequence order decides against upvotes. */
  record RetractUpvote(Hash post) implements Payload {
    public RetractUpvote {
      if (post == null) {
        throw new IllegalArgumentException("a retraction names its post");
      }
    }

    @Override
    public TransitionKind kind() {
      return TransitionKind.RETRACT_UPVOTE;
    }
  }
}
