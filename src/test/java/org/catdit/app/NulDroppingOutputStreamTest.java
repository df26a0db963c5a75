package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NulDroppingOutputStreamTest {
  @Test
  void dropsOnlyNulBytes() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (NulDroppingOutputStream out = new NulDroppingOutputStream(sink)) {
      out.write(new byte[] {'A', (byte) 0xc3, (byte) 0xa9, 0, 'B', 0, 0}, 0, 7);
      out.write(0);
      out.write('C');
      out.write(new byte[] {0, 'D', 'E'}, 1, 2);
    }
    assertArrayEquals("AéBCDE".getBytes(StandardCharsets.UTF_8), sink.toByteArray());
  }
}
