package org.catdit.feed;

import java.util.Optional;

/**
 * The picture formats catdit accepts, recognised by their leading bytes (never by a file name), and
 * for each one a walk over the file's structure that tells whether the file ends where the format
 * says it must. ImageIO decodes a cut-off JPEG or GIF without complaint, filling the missing part
 * grey, so completeness is checked here.
 */
enum PictureFormat {
  JPEG("image/jpeg", "jpeg"),
  PNG("image/png", "png"),
  GIF("image/gif", "gif");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  final String mediaType;
  final String imageIoName;

  PictureFormat(String mediaType, String imageIoName) {
    this.mediaType = mediaType;
    this.imageIoName = imageIoName;
  }

  static Optional<PictureFormat> sniff(byte[] bytes) {
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xff
        && (bytes[1] & 0xff) == 0xd8
        && (bytes[2] & 0xff) == 0xff) {
      return Optional.of(JPEG);
    }
    if (startsWith(bytes, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (startsWith(bytes, "GIF87a".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        || startsWith(bytes, "GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      return Optional.of(GIF);
    }
    return Optional.empty();
  }

  /** Whether the file's structure runs to its end marker without being cut off. */
  boolean isComplete(byte[] bytes) {
    return switch (this) {
      case JPEG -> jpegReachesEndOfImage(bytes);
      case PNG -> pngReachesEndChunk(bytes);
      case GIF -> gifReachesTrailer(bytes);
    };
  }

  /**
   * Walks the marker segments (ITU T.81 annex B): each has a two-byte length, except SOI, EOI and
   * the restart markers; after a start-of-scan the entropy-coded data runs to the next marker, and
   * inside it every 0xFF is followed by a stuffed 0x00 or a restart marker. Complete means EOI
   * (0xFFD9) is reached.
   */
  private static boolean jpegReachesEndOfImage(byte[] bytes) {
    int length = bytes.length;
    int index = 2;
    while (index + 1 < length) {
      if ((bytes[index] & 0xff) != 0xff) {
        return false;
      }
      int marker = bytes[index + 1] & 0xff;
      if (marker == 0xff) {
        index++; // a fill byte before a marker
        continue;
      }
      index += 2;
      if (marker == 0xd9) {
        return true;
      }
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        continue;
      }
      if (index + 1 >= length) {
        return false;
      }
      int segmentLength = (bytes[index] & 0xff) << 8 | bytes[index + 1] & 0xff;
      if (segmentLength < 2) {
        return false;
      }
      index += segmentLength;
      if (marker == 0xda) {
        index = skipEntropyCodedData(bytes, index);
      }
    }
    return false;
  }

  private static int skipEntropyCodedData(byte[] bytes, int index) {
    while (index + 1 < bytes.length) {
      if ((bytes[index] & 0xff) == 0xff) {
        int next = bytes[index + 1] & 0xff;
        if (next == 0x00 || (next >= 0xd0 && next <= 0xd7)) {
          index += 2;
          continue;
        }
        return index;
      }
      index++;
    }
    return bytes.length;
  }

  /** Walks the chunks (length, type, data, CRC) after the signature until IEND. */
  private static boolean pngReachesEndChunk(byte[] bytes) {
    long index = PNG_SIGNATURE.length;
    while (index + 8 <= bytes.length) {
      int at = (int) index;
      long dataLength =
          ((bytes[at] & 0xffL) << 24)
              | (bytes[at + 1] & 0xff) << 16
              | (bytes[at + 2] & 0xff) << 8
              | bytes[at + 3] & 0xff;
      boolean isEnd =
          bytes[at + 4] == 'I'
              && bytes[at + 5] == 'E'
              && bytes[at + 6] == 'N'
              && bytes[at + 7] == 'D';
      long chunkEnd = index + 12 + dataLength;
      if (chunkEnd > bytes.length) {
        return false;
      }
      if (isEnd) {
        return true;
      }
      index = chunkEnd;
    }
    return false;
  }

  /**
   * Walks the blocks of GIF89a (header, logical screen descriptor and colour table, then extensions
   * and images made of length-prefixed sub-blocks) until the trailer 0x3B.
   */
  private static boolean gifReachesTrailer(byte[] bytes) {
    int length = bytes.length;
    if (length < 13) {
      return false;
    }
    int index = 13 + colourTableBytes(bytes[10]);
    while (index < length) {
      int introducer = bytes[index] & 0xff;
      if (introducer == 0x3b) {
        return true;
      } else if (introducer == 0x21) {
        index = skipSubBlocks(bytes, index + 2);
      } else if (introducer == 0x2c) {
        if (index + 10 > length) {
          return false;
        }
        index += 10 + colourTableBytes(bytes[index + 9]);
        index = skipSubBlocks(bytes, index + 1); // after the LZW minimum code size
      } else {
        return false;
      }
      if (index < 0) {
        return false;
      }
    }
    return false;
  }

  private static int colourTableBytes(byte packedFields) {
    boolean hasTable = (packedFields & 0x80) != 0;
    return hasTable ? 3 * (1 << ((packedFields & 0x07) + 1)) : 0;
  }

  /** The index after the terminating empty sub-block, or -1 if the data ends first. */
  private static int skipSubBlocks(byte[] bytes, int index) {
    while (index < bytes.length) {
      int size = bytes[index] & 0xff;
      index += 1 + size;
      if (size == 0) {
        return index;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
