package org.catdit.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.catdit.net.TransportBenchmark;
import org.catdit.net.UdpRuntime;
import org.catdit.overlay.link.LinkConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code catdit bench transport}: our link against a plain Netty TCP connection, on loopback in one
 * process (the default) or between a receiver and a sender in two processes.
 */
@Command(
    name = "transport",
    mixinStandardHelpOptions = true,
    description = {
      "Our link (two LinkEndpoints on Netty UDP channels) against plain Netty TCP: bulk MB/s,",
      "small messages per second and ping-pong round trips; prints one JSON object.",
      "By default both ends run on loopback in this process; --role receiver/sender splits them."
    })
public final class TransportBenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--mb",
      defaultValue = "1000",
      description = "Megabytes (10^6 bytes) of each bulk transfer (default ${DEFAULT-VALUE}).")
  double megabytes;

  @Option(
      names = "--rounds",
      defaultValue = "5",
      description =
          "Bulk transfers per transport, alternating link and TCP; the ratio is the median of"
              + " the rounds' (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--messages",
      defaultValue = "100000",
      description = "Small messages in the stream, and ping-pongs (default ${DEFAULT-VALUE}).")
  int messages;

  @Option(
      names = "--bulk-message-kb",
      defaultValue = "256",
      description = "KiB per bulk message (default ${DEFAULT-VALUE}).")
  int bulkMessageKib;

  @Option(
      names = "--small-message-bytes",
      defaultValue = "64",
      description = "Bytes per small message and ping (default ${DEFAULT-VALUE}).")
  int smallMessageBytes;

  @Option(
      names = "--warmup-mb",
      defaultValue = "500",
      description =
          "Megabytes sent first and not measured, at most --mb: the JIT compiles the hot paths"
              + " meanwhile (default ${DEFAULT-VALUE}).")
  double warmupMegabytes;

  @Option(
      names = "--no-protection",
      description = "Run the link without packet protection (the product seals its packets).")
  boolean noProtection;

  @Option(
      names = "--max-datagram-bytes",
      description =
          "The link's largest datagram (default: the runtime's, 65000 on loopback, 1452"
              + " between hosts).")
  Integer maxDatagramBytes;

  @Option(
      names = "--timeout-seconds",
      defaultValue = "120",
      description = "Hard cap on the run; a receiver serves this long (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--role",
      defaultValue = "loopback",
      description = "loopback (both ends here), receiver or sender (default ${DEFAULT-VALUE}).")
  String role;

  @Option(names = "--peer", description = "HOST:PORT of the receiver (--role sender).")
  String peer;

  @Option(
      names = "--bind",
      defaultValue = "0.0.0.0:0",
      description = "HOST:PORT the receiver listens on, UDP and TCP (default ${DEFAULT-VALUE}).")
  String bind;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    require(megabytes > 0 && megabytes <= 100_000, "--mb must be in (0, 100000]");
    require(rounds >= 1 && rounds <= 1000, "--rounds must be in [1, 1000]");
    require(messages >= 1 && messages <= 10_000_000, "--messages must be in [1, 10000000]");
    require(
        bulkMessageKib >= 1 && bulkMessageKib <= 8192, "--bulk-message-kb must be in [1, 8192]");
    require(
        smallMessageBytes >= 17 && smallMessageBytes <= 65_536,
        "--small-message-bytes must be in [17, 65536]");
    require(warmupMegabytes >= 0, "--warmup-mb must not be negative");
    require(
        timeoutSeconds >= 1 && timeoutSeconds <= 86_400, "--timeout-seconds must be in [1, 86400]");
    int runtimeDefault =
        role.equals("loopback")
            ? UdpRuntime.LOOPBACK_DATAGRAM_BYTES
            : UdpRuntime.UNFRAGMENTED_DATAGRAM_BYTES;
    int datagram = maxDatagramBytes == null ? runtimeDefault : maxDatagramBytes;
    require(
        datagram >= LinkConfig.MIN_DATAGRAM_BYTES
            && datagram <= LinkConfig.MAX_DATAGRAM_BYTES_LIMIT,
        "--max-datagram-bytes must be in [1200, 65507]");
    TransportBenchmark.Settings settings =
        new TransportBenchmark.Settings(
            Math.round(megabytes * 1e6),
            messages,
            bulkMessageKib * 1024,
            smallMessageBytes,
            Math.round(Math.min(warmupMegabytes, megabytes) * 1e6),
            !noProtection,
            datagram,
            rounds,
            Duration.ofSeconds(timeoutSeconds));
    ObjectMapper json = new ObjectMapper();
    switch (role) {
      case "loopback" -> {
        Map<String, Object> report = TransportBenchmark.runLoopback(settings);
        out.println(json.writeValueAsString(report));
      }
      case "sender" -> {
        require(peer != null, "--role sender needs --peer HOST:PORT");
        Map<String, Object> report = TransportBenchmark.runSender(settings, address(peer));
        out.println(json.writeValueAsString(report));
      }
      case "receiver" -> {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        TransportBenchmark.serve(
            settings,
            address(bind),
            bound -> {
              out.println(
                  "listening on "
                      + bound.getAddress().getHostAddress()
                      + ":"
                      + bound.getPort()
                      + " (UDP link and TCP)");
              out.flush();
            },
            stop);
      }
      default ->
          throw new ParameterException(
              spec.commandLine(), "--role must be loopback, receiver or sender");
    }
    return 0;
  }

  private InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    require(colon > 0, "expected HOST:PORT, got " + hostPort);
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      require(port >= 0 && port <= 65_535, "port out of range in " + hostPort);
      return new InetSocketAddress(hostPort.substring(0, colon), port);
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "bad port in " + hostPort);
    }
  }

  private void require(boolean condition, String message) {
    if (!condition) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }
}
