package org.catdit.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.catdit.feed.DataDirectoryInUseException;
import org.catdit.net.DiscoveryBeacon;
import org.catdit.net.LanDiscovery;
import org.catdit.net.NodeStatus;
import org.catdit.net.UdpRuntime;
import org.catdit.net.UnexpectedPeerException;
import org.catdit.overlay.core.PeerId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code catdit node}: one headless peer on a real UDP socket, until SIGTERM or Ctrl-C. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one headless peer: joins through a contact, logs a status line every few seconds,",
      "and leaves the overlay cleanly (SCAMP unsubscription) on SIGTERM or Ctrl-C."
    })
public final class NodeCommand implements Callable<Integer> {
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration LEAVE_LINGER = Duration.ofSeconds(2);

  @Spec CommandSpec spec;

  @Option(names = "--port", required = true, description = "UDP port to listen on (0: any free).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "0.0.0.0",
      description = "Address to bind (default ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--contact",
      description = {
        "HOST:PORT of a peer to join through; without it (or --invite) this peer joins through",
        "the first peer LAN discovery finds, or waits to be joined."
      })
  String contact;

  @Option(
      names = "--invite",
      description = {
        "PEERID@HOST:PORT (what a peer prints as its invite): join through that peer, and only if",
        "the peer answering at HOST:PORT proves that PEERID in the link handshake."
      })
  String invite;

  @Option(
      names = "--data",
      description = "Data directory holding the peer's key (default: ~/.catdit/node).")
  Path data;

  @Option(
      names = "--admin-port",
      description = "Serve the JSON admin API on 127.0.0.1 at this port (0: any free).")
  Integer adminPort;

  @Option(
      names = "--no-discovery",
      description =
          "No LAN discovery: no multicast beacons, and no joining through a peer found so.")
  boolean isDiscoveryOff;

  @Option(
      names = "--network",
      defaultValue = LanDiscovery.DEFAULT_NETWORK,
      description =
          "LAN discovery finds only peers of this network name (default ${DEFAULT-VALUE}).")
  String network;

  @Option(
      names = "--status-seconds",
      defaultValue = "5",
      description = "Seconds between status lines (default ${DEFAULT-VALUE}).")
  int statusSeconds;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (statusSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--status-seconds must be at least 1");
    }
    if (contact != null && invite != null) {
      throw new ParameterException(
          spec.commandLine(), "--contact and --invite are mutually exclusive: give one");
    }
    InetSocketAddress contactAddress = contact == null ? null : parseHostPort(contact);
    Invite parsedInvite = null;
    if (invite != null) {
      try {
        parsedInvite = Invite.parse(invite);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(), "--invite '" + invite + "': " + e.getMessage());
      }
      contactAddress = parsedInvite.address();
      if (contactAddress.isUnresolved()) {
        throw new ParameterException(
            spec.commandLine(),
            "--invite '" + invite + "': cannot resolve host '" + parsedInvite.host() + "'");
      }
    }
    PeerId expectedContact = parsedInvite == null ? null : parsedInvite.peer();
    try {
      DiscoveryBeacon.checkNetworkName(network);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--network: " + e.getMessage());
    }
    Path dataDirectory =
        data != null ? data : Path.of(System.getProperty("user.home"), ".catdit", "node");
    DeliveryLog deliveries = new DeliveryLog(DeliveryLog.DEFAULT_CAPACITY);
    EmbeddedPeer peer;
    try {
      peer =
          EmbeddedPeer.open(
              PeerOptions.of(dataDirectory)
                  .withBind(new InetSocketAddress(bind, port))
                  .withContact(contactAddress, expectedContact)
                  .withDiscovery(!isDiscoveryOff)
                  .withNetwork(network)
                  .withLog(out::println)
                  .withDeliveries(deliveries::add));
    } catch (DataDirectoryInUseException e) {
      spec.commandLine().getErr().println("catdit: " + e.getMessage());
      return 1;
    }
    UdpRuntime runtime = peer.runtime();
    AdminServer admin = null;
    Thread hook = new Thread(this::requestStopAndWait, "catdit-node-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      out.println("invite: " + Invite.advertised(runtime.peerId(), runtime.localAddress()));
      out.println(
          "socket: "
              + (runtime.isEpoll() ? "epoll" : "nio")
              + " receive buffer "
              + runtime.socketReceiveBufferBytes()
              + " B, send buffer "
              + runtime.socketSendBufferBytes()
              + " B");
      if (adminPort != null) {
        admin = new AdminServer(peer, deliveries, adminPort);
        InetSocketAddress adminAddress = admin.address();
        out.println("admin: http://" + Invite.hostPort(adminAddress) + "/status");
      }
      if (contactAddress != null) {
        PeerId contactId = peer.startJoin().get(JOIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        out.println("joined through " + contactId + "@" + Invite.hostPort(contactAddress));
      }
      while (!stopRequested.await(statusSeconds, TimeUnit.SECONDS)) {
        NodeStatus status = runtime.status().get(5, TimeUnit.SECONDS);
        EmbeddedPeer.LedgerSummary ledger = peer.ledgerSummary().get(5, TimeUnit.SECONDS);
        out.println(
            status.oneLine()
                + " transitions="
                + ledger.transitions()
                + " missing="
                + ledger.missing().size()
                + " pictures="
                + peer.pictureStorageBytes() / 1024
                + "KiB");
      }
      peer.close();
      out.println("left the overlay");
      return 0;
    } catch (ExecutionException e) {
      peer.closeAbruptly();
      if (e.getCause() instanceof UnexpectedPeerException mismatch) {
        // The invite names someone else: joining through whoever answers would defeat it.
        spec.commandLine().getErr().println("catdit: refusing to join: " + mismatch.getMessage());
        return 2;
      }
      spec.commandLine()
          .getErr()
          .println("catdit: could not join through " + joinTarget() + ": " + e.getCause());
      return 1;
    } catch (TimeoutException e) {
      spec.commandLine()
          .getErr()
          .println("catdit: could not join through " + joinTarget() + ": no answer in time");
      peer.closeAbruptly();
      return 1;
    } finally {
      if (admin != null) {
        admin.close();
      }
      stopped.countDown();
      removeHook(hook);
    }
  }

  private String joinTarget() {
    return contact != null ? contact : invite;
  }

  /** Asks the running command to leave and waits (bounded) until it has. */
  void requestStopAndWait() {
    stopRequested.countDown();
    try {
      stopped.await(LEAVE_LINGER.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting: the hook is running, nothing to remove.
    }
  }

  private InetSocketAddress parseHostPort(String text) {
    int colon = text.lastIndexOf(':');
    try {
      if (colon <= 0) {
        throw new NumberFormatException();
      }
      int contactPort = Integer.parseInt(text.substring(colon + 1));
      String host = text.substring(0, colon).replace("[", "").replace("]", "");
      InetSocketAddress address = new InetSocketAddress(host, contactPort);
      if (address.isUnresolved() || contactPort == 0) {
        throw new NumberFormatException();
      }
      return address;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--contact must be HOST:PORT, was '" + text + "'");
    }
  }
}
