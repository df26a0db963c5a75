package org.catdit.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The canonical payload layouts (see docs/ledger.md): fixed order, big-endian, no options. */
final class PayloadCodec {
  private PayloadCodec() {}

  static byte[] encode(Payload payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    if (payload instanceof Payload.Profile profile) {
      byte[] name = profile.displayName().getBytes(StandardCharsets.UTF_8);
      out.write(name.length);
      out.writeBytes(name);
    } else if (payload instanceof Payload.Post post) {
      out.writeBytes(post.pictureHash().bytes());
      writeU32(out, post.byteSize());
      writeU16(out, post.width());
      writeU16(out, post.height());
      byte[] media = post.mediaType().getBytes(StandardCharsets.US_ASCII);
      out.write(media.length);
      out.writeBytes(media);
      byte[] caption = post.caption().getBytes(StandardCharsets.UTF_8);
      writeU16(out, caption.length);
      out.writeBytes(caption);
      out.writeBytes(post.thumbnailHash().bytes());
    } else if (payload instanceof Payload.Upvote upvote) {
      out.writeBytes(upvote.post().bytes());
    } else if (payload instanceof Payload.RetractUpvote retract) {
      out.writeBytes(retract.post().bytes());
    }
    return out.toByteArray();
  }

  /** Decodes exactly {@code bytes} as a payload of {@code kind}; trailing bytes are an error. */
  static Payload decode(TransitionKind kind, byte[] bytes) throws MalformedTransitionException {
    ByteReader in = new ByteReader(bytes);
    Payload payload;
    try {
      payload =
          switch (kind) {
            case PROFILE -> new Payload.Profile(Text.decodeUtf8(in.fixed(in.u8())));
            case POST -> readPost(in);
            case UPVOTE -> new Payload.Upvote(in.hash());
            case RETRACT_UPVOTE -> new Payload.RetractUpvote(in.hash());
          };
    } catch (IllegalArgumentException invalid) {
      throw new MalformedTransitionException("invalid " + kind + ": " + invalid.getMessage());
    }
    if (in.remaining() != 0) {
      throw new MalformedTransitionException(in.remaining() + " trailing payload bytes");
    }
    return payload;
  }

  private static Payload.Post readPost(ByteReader in) throws MalformedTransitionException {
    Hash picture = in.hash();
    long byteSize = in.u32();
    int width = in.u16();
    int height = in.u16();
    byte[] media = in.fixed(in.u8());
    for (byte b : media) {
      if (b < 0x20 || b > 0x7E) {
        throw new MalformedTransitionException("media type is not printable ASCII");
      }
    }
    int captionLength = in.u16();
    if (captionLength > 4 * TransitionLimits.MAX_CAPTION_CODE_POINTS) {
      throw new MalformedTransitionException("caption of " + captionLength + " bytes");
    }
    String caption = Text.decodeUtf8(in.fixed(captionLength));
    Hash thumbnail = in.hash();
    return new Payload.Post(
        picture,
        byteSize,
        width,
        height,
        new String(media, StandardCharsets.US_ASCII),
        caption,
        thumbnail);
  }

  static void writeU16(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value);
  }

  static void writeU32(ByteArrayOutputStream out, long value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
  }

  static void writeI64(ByteArrayOutputStream out, long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
  }
}
