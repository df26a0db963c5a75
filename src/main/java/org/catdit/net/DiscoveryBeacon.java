package org.catdit.net;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.catdit.overlay.core.PeerId;

/**
 * One LAN discovery beacon: "peer {@code peer} of network {@code network} listens on UDP {@code
 * port}" (the address is the beacon's source), and whether it is already a member of an overlay
 * (has neighbours). Layout, big-endian: magic {@code "CDLD"} (4), version (1, now 1), flags (1: bit
 * 0 member, the others 0), peer id (16), port (u16, not 0), name length (u8, 1..{@value
 * #MAX_NETWORK_NAME_BYTES}), network name (UTF-8). Exactly that long: a beacon with trailing bytes
 * is malformed. The link handshake proves the id when a peer joins through it, so a forged beacon
 * costs one failed handshake, nothing more.
 */
public record DiscoveryBeacon(PeerId peer, int port, String network, boolean isMember) {
  static final byte[] MAGIC = {'C', 'D', 'L', 'D'};
  static final int VERSION = 1;
  public static final int MAX_NETWORK_NAME_BYTES = 32;
  static final int HEADER_BYTES = MAGIC.length + 1 + 1 + PeerId.BYTES + 2 + 1;
  static final int MEMBER_FLAG = 1;
  static final int MAX_BYTES = HEADER_BYTES + MAX_NETWORK_NAME_BYTES;

  public DiscoveryBeacon {
    if (port < 1 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    checkNetworkName(network);
  }

  /** Throws unless {@code network} is 1..32 bytes of UTF-8. */
  public static void checkNetworkName(String network) {
    int length = network.getBytes(StandardCharsets.UTF_8).length;
    if (length < 1 || length > MAX_NETWORK_NAME_BYTES) {
      throw new IllegalArgumentException(
          "a network name is 1.." + MAX_NETWORK_NAME_BYTES + " bytes of UTF-8, was " + length);
    }
  }

  byte[] encode() {
    byte[] name = network.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(HEADER_BYTES + name.length)
        .put(MAGIC)
        .put((byte) VERSION)
        .put((byte) (isMember ? MEMBER_FLAG : 0))
        .put(peer.toBytes())
        .putShort((short) port)
        .put((byte) name.length)
        .put(name)
        .array();
  }

  /** The beacon in {@code datagram}, or {@code null} if it is not a well-formed version-1 one. */
  static DiscoveryBeacon decode(ByteBuffer datagram) {
    int length = datagram.remaining();
    if (length < HEADER_BYTES || length > MAX_BYTES) {
      return null;
    }
    for (byte magic : MAGIC) {
      if (datagram.get() != magic) {
        return null;
      }
    }
    if ((datagram.get() & 0xFF) != VERSION) {
      return null;
    }
    int flags = datagram.get() & 0xFF;
    if ((flags & ~MEMBER_FLAG) != 0) {
      return null;
    }
    byte[] id = new byte[PeerId.BYTES];
    datagram.get(id);
    int port = datagram.getShort() & 0xFFFF;
    int nameLength = datagram.get() & 0xFF;
    if (port == 0 || nameLength < 1 || nameLength != datagram.remaining()) {
      return null;
    }
    try {
      String name =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(datagram)
              .toString();
      return new DiscoveryBeacon(PeerId.fromBytes(id, 0), port, name, flags != 0);
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
