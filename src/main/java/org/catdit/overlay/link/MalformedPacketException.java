package org.catdit.overlay.link;

/**
 * A datagram that does not decode. It carries no stack trace: garbage is expected input, and a
 * flood of it must cost the receiver little (filling in a stack trace would dominate the cost).
 */
final class MalformedPacketException extends Exception {
  MalformedPacketException(String reason) {
    super(reason, null, false, false);
  }
}
