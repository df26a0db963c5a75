package org.catdit.app;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Locale;
import org.catdit.overlay.core.PeerId;

/**
 * An invite string, {@code PEERID@HOST:PORT}: the {@link PeerId} (32 hex digits) of the peer to
 * join through and where it listens. HOST is an IPv4 address, a name, or an IPv6 address in
 * brackets. The peer that answers at the address must prove that id in the link handshake.
 */
record Invite(PeerId peer, String host, int port) {

  /** Parses {@code text}; an {@link IllegalArgumentException} says in one line what is wrong. */
  static Invite parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    int at = trimmed.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("an invite is PEERID@HOST:PORT; there is no '@'");
    }
    if (trimmed.indexOf('@', at + 1) >= 0) {
      throw new IllegalArgumentException("an invite has exactly one '@'");
    }
    String id = trimmed.substring(0, at).toLowerCase(Locale.ROOT);
    if (id.length() != 2 * PeerId.BYTES || !id.chars().allMatch(Invite::isHexDigit)) {
      throw new IllegalArgumentException(
          "the invite's peer id must be " + 2 * PeerId.BYTES + " hex digits, was '" + id + "'");
    }
    PeerId peer = PeerId.parse(id);
    String address = trimmed.substring(at + 1);
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException("the invite's address must be HOST:PORT");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") != host.endsWith("]")) {
      throw new IllegalArgumentException("an IPv6 host in an invite goes in [brackets]");
    }
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("an IPv6 host in an invite goes in [brackets]");
    }
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("the invite's host is empty or has spaces");
    }
    String portText = address.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65_535 || !portText.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "the invite's port must be 1..65535, was '" + portText + "'");
    }
    return new Invite(peer, host, port);
  }

  /** The invite of {@code peer} listening at {@code address}. */
  static Invite of(PeerId peer, InetSocketAddress address) {
    return new Invite(peer, address.getAddress().getHostAddress(), address.getPort());
  }

  /** Resolves the host (a name may need DNS); unresolved if it cannot be. */
  InetSocketAddress address() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return peer + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static boolean isHexDigit(int ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
  }

  /** The string another peer passes to reach this one: its key's id and an address. */
  static String advertised(PeerId peer, InetSocketAddress bound) {
    InetAddress host = bound.getAddress();
    if (host.isAnyLocalAddress()) {
      host = firstExternalAddress();
    }
    return Invite.of(peer, new InetSocketAddress(host, bound.getPort())).toString();
  }

  static String hostPort(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** A wildcard bind is reachable on every interface; advertise the first non-loopback IPv4. */
  private static InetAddress firstExternalAddress() {
    try {
      for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!face.isUp() || face.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(face.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return address;
          }
        }
      }
    } catch (SocketException e) {
      // No interface list: fall back to loopback below.
    }
    return InetAddress.getLoopbackAddress();
  }
}
