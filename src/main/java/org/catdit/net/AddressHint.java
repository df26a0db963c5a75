package org.catdit.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.catdit.overlay.core.PeerId;

/**
 * "{@code peer} is reachable at {@code address}": sent by the runtime on the control stream just
 * before a message that names {@code peer} (a subscription, a replacement), so the receiver can
 * reach a peer it has never talked to. Its first byte is 0, a code no overlay message uses. Layout:
 * 0, peer id (16), address length (4 or 16), address bytes, port (u16).
 *
 * <p>The overlay's wire messages carry peer ids only; once joins carry a signed record with the
 * joiner's address, this hint can go.
 */
record AddressHint(PeerId peer, InetSocketAddress address) {
  static final int CODE = 0;

  static boolean isHint(byte[] message) {
    return message.length > 0 && message[0] == CODE;
  }

  byte[] encode() {
    byte[] ip = address.getAddress().getAddress();
    ByteBuffer out = ByteBuffer.allocate(1 + PeerId.BYTES + 1 + ip.length + 2);
    out.put((byte) CODE).put(peer.toBytes()).put((byte) ip.length).put(ip);
    out.putShort((short) address.getPort());
    return out.array();
  }

  /** The hint in {@code message}, or {@code null} if it is not a well-formed hint. */
  static AddressHint decode(byte[] message) {
    if (!isHint(message) || message.length < 1 + PeerId.BYTES + 1) {
      return null;
    }
    int ipLength = message[1 + PeerId.BYTES] & 0xFF;
    if ((ipLength != 4 && ipLength != 16)
        || message.length != 1 + PeerId.BYTES + 1 + ipLength + 2) {
      return null;
    }
    int ipOffset = 1 + PeerId.BYTES + 1;
    int port =
        ((message[ipOffset + ipLength] & 0xFF) << 8) | (message[ipOffset + ipLength + 1] & 0xFF);
    if (port == 0) {
      return null;
    }
    try {
      InetAddress ip =
          InetAddress.getByAddress(Arrays.copyOfRange(message, ipOffset, ipOffset + ipLength));
      return new AddressHint(PeerId.fromBytes(message, 1), new InetSocketAddress(ip, port));
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
