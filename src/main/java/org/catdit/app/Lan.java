package org.catdit.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.function.Consumer;
import org.catdit.net.DiscoveryJoiner;
import org.catdit.net.LanDiscovery;
import org.catdit.net.UdpRuntime;

/** LAN discovery as every catdit command starts it. */
final class Lan {
  private Lan() {}

  /**
   * LAN discovery on the interfaces the node is reachable on: loopback only for a loopback bind
   * (peers on this host), every suitable interface for a wildcard bind, else the bound address's
   * interface. Without a contact the node joins through what it finds. A machine with no
   * multicast-capable interface runs without discovery and says so.
   */
  static DiscoveryJoiner startDiscovery(
      UdpRuntime runtime, String network, boolean shouldJoin, Consumer<String> out)
      throws SocketException {
    InetAddress bound = runtime.localAddress().getAddress();
    LanDiscovery.Settings settings = LanDiscovery.Settings.defaults().withNetwork(network);
    if (bound.isLoopbackAddress()) {
      NetworkInterface loopback = NetworkInterface.getByInetAddress(bound);
      settings =
          settings.withInterfaces(loopback == null ? List.of() : List.of(loopback.getName()), true);
    } else if (!bound.isAnyLocalAddress()) {
      NetworkInterface face = NetworkInterface.getByInetAddress(bound);
      settings = settings.withInterfaces(face == null ? List.of() : List.of(face.getName()), false);
    }
    try {
      DiscoveryJoiner joiner =
          DiscoveryJoiner.start(
              runtime,
              settings,
              shouldJoin,
              (peer, failure) ->
                  out.accept(
                      failure == null
                          ? "joined through "
                              + peer.peer()
                              + "@"
                              + Invite.hostPort(peer.address())
                              + " (found on the LAN)"
                          : "could not join through "
                              + peer.peer()
                              + "@"
                              + Invite.hostPort(peer.address())
                              + " (found on the LAN): "
                              + failure));
      out.accept(
          "discovery: network '"
              + network
              + "' on "
              + settings.group().getHostAddress()
              + ":"
              + settings.port()
              + " via "
              + String.join(", ", joiner.discovery().interfaceNames())
              + (shouldJoin ? "; joining through the first peer found" : ""));
      return joiner;
    } catch (IOException e) {
      out.accept("discovery: off (" + e.getMessage() + ")");
      return null;
    }
  }
}
