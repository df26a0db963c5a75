package org.catdit.net;

import java.net.InetSocketAddress;
import org.catdit.overlay.core.PeerId;

/**
 * The peer that answered at an address proved a different key than the one it was meant to have.
 */
public final class UnexpectedPeerException extends RuntimeException {
  private final PeerId expected;
  private final PeerId answered;

  UnexpectedPeerException(InetSocketAddress address, PeerId expected, PeerId answered) {
    super(
        "the peer at "
            + address.getAddress().getHostAddress()
            + ":"
            + address.getPort()
            + " is "
            + answered
            + ", not the invited "
            + expected);
    this.expected = expected;
    this.answered = answered;
  }

  public PeerId expected() {
    return expected;
  }

  public PeerId answered() {
    return answered;
  }
}
