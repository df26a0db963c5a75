package org.catdit.app;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Drops NUL bytes on their way to the terminal. Lanterna 3.1.3's stream terminal encodes each
 * character into a buffer sized for the charset's longest sequence and writes the whole buffer, so
 * every character that takes two bytes in UTF-8 (U+0080 to U+07FF: é, ×, ·, Cyrillic, Greek, ...)
 * is followed by a NUL. Most terminals ignore NUL, but not all, and logs of the session fill with
 * them. Nothing catascii writes needs a NUL.
 */
final class NulDroppingOutputStream extends FilterOutputStream {
  NulDroppingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    if ((b & 0xff) != 0) {
      out.write(b);
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    int start = offset;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == 0) {
        out.write(bytes, start, i - start);
        start = i + 1;
      }
    }
    out.write(bytes, start, end - start);
  }
}
