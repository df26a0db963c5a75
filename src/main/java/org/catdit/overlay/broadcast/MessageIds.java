package org.catdit.overlay.broadcast;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.catdit.overlay.wire.MessageId;

/** Message ids are content hashes: the first 16 bytes of the SHA-256 of the payload. */
public final class MessageIds {
  private MessageIds() {}

  public static MessageId of(byte[] payload) {
    byte[] digest = sha256().digest(payload);
    return new MessageId(readLong(digest, 0), readLong(digest, 8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static long readLong(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xFF);
    }
    return value;
  }
}
