package org.catdit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.catdit.net.NodeStatus;
import org.catdit.net.UdpRuntime;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.Ed25519Authenticator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NodeCommandTest {
  private static final Pattern INVITE =
      Pattern.compile("invite: ([0-9a-f]{32})@([0-9.]+):([0-9]+)");
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(30);

  @TempDir Path data;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void printsItsInviteIsJoinedLogsStatusAndLeavesWhenStopped() throws Exception {
    NodeCommand command = new NodeCommand();
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(new StringWriter(), true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                commandLine.execute(
                    "--port",
                    "0",
                    "--bind",
                    "127.0.0.1",
                    "--data",
                    data.toString(),
                    "--status-seconds",
                    "1",
                    "--admin-port",
                    "0",
                    "--no-discovery"));

    Matcher invite = awaitMatch(out, INVITE);
    awaitMatch(out, Pattern.compile("admin: http://127\\.0\\.0\\.1:[0-9]+/status"));
    PeerId nodeId = PeerId.parse(invite.group(1));
    InetSocketAddress nodeAddress =
        new InetSocketAddress(invite.group(2), Integer.parseInt(invite.group(3)));

    try (UdpRuntime peer =
        UdpRuntime.start(
            UdpRuntime.Settings.defaults(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Ed25519Authenticator.generate()))) {
      assertEquals(nodeId, peer.join(nodeAddress).get(10, TimeUnit.SECONDS));
      awaitMatch(out, Pattern.compile("partialView=1 inView=1 .*sessions=1"));

      command.requestStopAndWait();
      assertEquals(0, exit.get(10, TimeUnit.SECONDS));
      assertTrue(out.toString().contains("left the overlay"), out.toString());
      long deadline = System.nanoTime() + DEADLINE_NANOS;
      NodeStatus status = peer.status().get(5, TimeUnit.SECONDS);
      // Unsubscribed from both views, and the session closed rather than left to time out.
      while (status.partialView().contains(nodeId)
          || status.inView().contains(nodeId)
          || status.sessionCount() > 0) {
        assertTrue(System.nanoTime() - deadline < 0, "the node is still in " + status.oneLine());
        Thread.sleep(20);
        status = peer.status().get(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theSameDataDirectoryKeepsTheSameIdentity() throws Exception {
    PeerId first = startAndStop();
    assertEquals(first, startAndStop());
  }

  @Test
  void aMalformedContactIsABadArgument() {
    StringWriter err = new StringWriter();
    int status =
        Main.execute(
            new String[] {"node", "--port", "0", "--contact", "nowhere", "--data", data.toString()},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertEquals(2, status, err.toString());
    assertTrue(err.toString().contains("HOST:PORT"), err.toString());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anInviteJoinsThroughThePeerItNames() throws Exception {
    try (UdpRuntime host = loopbackPeer()) {
      NodeCommand command = new NodeCommand();
      StringWriter out = new StringWriter();
      CommandLine commandLine = new CommandLine(command);
      commandLine.setOut(new PrintWriter(out, true));
      String invite = Invite.advertised(host.peerId(), host.localAddress());
      CompletableFuture<Integer> exit =
          CompletableFuture.supplyAsync(
              () ->
                  commandLine.execute(
                      "--port",
                      "0",
                      "--bind",
                      "127.0.0.1",
                      "--data",
                      data.toString(),
                      "--invite",
                      invite,
                      "--no-discovery"));
      awaitMatch(out, Pattern.compile("joined through " + host.peerId() + "@"));
      command.requestStopAndWait();
      assertEquals(0, exit.get(10, TimeUnit.SECONDS), out.toString());
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anInviteAnsweredByAnotherPeerIsRefused() throws Exception {
    try (UdpRuntime impostor = loopbackPeer()) {
      PeerId invited = Ed25519Authenticator.generate().localPeer();
      String invite = Invite.advertised(invited, impostor.localAddress());
      StringWriter err = new StringWriter();
      StringWriter out = new StringWriter();
      int status =
          Main.execute(
              new String[] {
                "node",
                "--port",
                "0",
                "--bind",
                "127.0.0.1",
                "--data",
                data.toString(),
                "--invite",
                invite
              },
              new PrintWriter(out, true),
              new PrintWriter(err, true));
      assertEquals(2, status, err.toString());
      String message = err.toString().strip();
      assertEquals(1, message.lines().count(), message);
      assertTrue(message.contains("refusing to join"), message);
      assertTrue(message.contains("not the invited " + invited), message);
      assertTrue(message.contains(impostor.peerId().toString()), message);
      assertTrue(!out.toString().contains("joined through"), out.toString());
      // The impostor was never subscribed to.
      NodeStatus seen = impostor.status().get(5, TimeUnit.SECONDS);
      assertEquals(0, seen.inView().size(), seen.oneLine());
      assertEquals(0, seen.partialView().size(), seen.oneLine());
    }
  }

  @Test
  void aMalformedInviteIsABadArgument() {
    StringWriter err = new StringWriter();
    int status =
        Main.execute(
            new String[] {
              "node",
              "--port",
              "0",
              "--invite",
              "4eefa7bc@127.0.0.1:4100",
              "--data",
              data.toString()
            },
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertEquals(2, status, err.toString());
    String message = err.toString().strip();
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.contains("--invite") && message.contains("hex digits"), message);
  }

  @Test
  void contactAndInviteAreMutuallyExclusive() {
    StringWriter err = new StringWriter();
    int status =
        Main.execute(
            new String[] {
              "node",
              "--port",
              "0",
              "--contact",
              "127.0.0.1:4100",
              "--invite",
              "4eefa7bc0c1d2e3f405162738495a6b7@127.0.0.1:4100",
              "--data",
              data.toString()
            },
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertEquals(2, status, err.toString());
    assertTrue(err.toString().contains("mutually exclusive"), err.toString());
  }

  private static UdpRuntime loopbackPeer() throws InterruptedException {
    return UdpRuntime.start(
        UdpRuntime.Settings.defaults(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            Ed25519Authenticator.generate()));
  }

  /** Two nodes with no contact on one host find each other by LAN discovery and one joins. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void nodesWithoutContactJoinThroughLanDiscovery(@TempDir Path other) throws Exception {
    String network = "test-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000;
    StringWriter[] outs = {new StringWriter(), new StringWriter()};
    NodeCommand[] commands = {new NodeCommand(), new NodeCommand()};
    Path[] dirs = {data, other};
    java.util.List<CompletableFuture<Integer>> exits = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      CommandLine commandLine = new CommandLine(commands[i]);
      commandLine.setOut(new PrintWriter(outs[i], true));
      String dir = dirs[i].toString();
      exits.add(
          CompletableFuture.supplyAsync(
              () ->
                  commandLine.execute(
                      "--port",
                      "0",
                      "--bind",
                      "127.0.0.1",
                      "--data",
                      dir,
                      "--network",
                      network,
                      "--status-seconds",
                      "1")));
    }
    try {
      Pattern found =
          Pattern.compile(
              "joined through [0-9a-f]{32}@127\\.0\\.0\\.1:[0-9]+ \\(found on the LAN\\)");
      long deadline = System.nanoTime() + DEADLINE_NANOS;
      while (!found.matcher(outs[0].toString()).find()
          && !found.matcher(outs[1].toString()).find()) {
        assertTrue(System.nanoTime() < deadline, outs[0] + "\n---\n" + outs[1]);
        Thread.sleep(50);
      }
      assertTrue(
          outs[0].toString().contains("discovery: network '" + network + "'"), outs[0].toString());
      // Both then report a neighbour in their status lines.
      Pattern member = Pattern.compile("partialView=[1-9]");
      while (!member.matcher(outs[0].toString()).find()
          || !member.matcher(outs[1].toString()).find()) {
        assertTrue(System.nanoTime() < deadline, outs[0] + "\n---\n" + outs[1]);
        Thread.sleep(50);
      }
    } finally {
      for (int i = 0; i < 2; i++) {
        commands[i].requestStopAndWait();
        assertEquals(0, exits.get(i).get(10, TimeUnit.SECONDS));
      }
    }
  }

  private PeerId startAndStop() throws Exception {
    NodeCommand command = new NodeCommand();
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(new PrintWriter(out, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                commandLine.execute(
                    "--port",
                    "0",
                    "--bind",
                    "127.0.0.1",
                    "--data",
                    data.toString(),
                    "--no-discovery"));
    Matcher invite = awaitMatch(out, INVITE);
    command.requestStopAndWait();
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    return PeerId.parse(invite.group(1));
  }

  private static Matcher awaitMatch(StringWriter out, Pattern pattern) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (true) {
      Matcher matcher = pattern.matcher(out.toString());
      if (matcher.find()) {
        return matcher;
      }
      assertTrue(System.nanoTime() - deadline < 0, "no '" + pattern + "' in:\n" + out);
      Thread.sleep(20);
    }
  }
}
