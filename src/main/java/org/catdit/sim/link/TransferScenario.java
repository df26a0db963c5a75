package org.catdit.sim.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.link.BbrController;
import org.catdit.overlay.link.CongestionController;
import org.catdit.overlay.link.LinkConfig;
import org.catdit.overlay.link.NewRenoController;

/**
 * The transfer measurement: F senders each push M bytes of bulk messages to one receiver whose
 * downlink is the bottleneck (rate B, drop-tail queue of one bandwidth-delay product), over paths
 * with RTT R and random loss L, while the first sender also sends a small control message every 20
 * ms on the control stream. Reports goodput, Jain fairness and control-message latency.
 *
 * <p>Run: {@code java -cp target/classes org.catdit.sim.link.TransferScenario [flows] [mb] [mbps]
 * [rttMs] [loss] [seed] [bbr|newreno] [idle]}; with {@code idle} only the control messages run, for
 * 10 simulated seconds
 */
public final class TransferScenario {
  static final int BULK_STREAM = 1;
  static final int CONTROL_STREAM = 0;
  private static final int BULK_MESSAGE_BYTES = 64 * 1024;
  private static final long CONTROL_INTERVAL_MICROS = 20_000;

  /** The parameters of one run. */
  public record Settings(
      int flows,
      long bytesPerFlow,
      long bottleneckBitsPerSecond,
      long rttMicros,
      double loss,
      long seed,
      String controller,
      boolean isBulkEnabled,
      long durationLimitMicros) {

    CongestionController.Factory factory() {
      return controller.equals("newreno") ? NewRenoController::new : BbrController::new;
    }
  }

  /** What one run measured. */
  public record Result(
      double goodputMbps,
      double bottleneckMbps,
      double[] flowGoodputMbps,
      double jainFairness,
      double controlLatencyP50Ms,
      double controlLatencyP99Ms,
      long messagesSent,
      long messagesDelivered,
      long duplicatesDelivered,
      long outOfOrderDelivered,
      boolean isComplete,
      double simulatedSeconds) {

    public double goodputFraction() {
      return goodputMbps / bottleneckMbps;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "goodput=%.1f Mbit/s (%.1f%% of %.0f) flows=%s jain=%.3f controlP50=%.1f ms"
              + " controlP99=%.1f ms messages=%d/%d dup=%d ooo=%d complete=%s simulated=%.1f s",
          goodputMbps,
          100 * goodputFraction(),
          bottleneckMbps,
          Arrays.toString(
              Arrays.stream(flowGoodputMbps).map(v -> Math.round(v * 10) / 10.0).toArray()),
          jainFairness,
          controlLatencyP50Ms,
          controlLatencyP99Ms,
          messagesDelivered,
          messagesSent,
          duplicatesDelivered,
          outOfOrderDelivered,
          isComplete,
          simulatedSeconds);
    }
  }

  private TransferScenario() {}

  public static Result run(Settings settings) {
    PathModel path = PathModel.clean(settings.rttMicros() / 2).withLoss(settings.loss());
    LinkSimulation sim = new LinkSimulation(settings.seed(), path);
    LinkConfig config = LinkConfig.defaults().withCongestionController(settings.factory());
    long bdpBytes = settings.bottleneckBitsPerSecond() / 8 * settings.rttMicros() / 1_000_000;
    int flows = settings.flows();
    List<LinkSimulation.Node> senders = new ArrayList<>();
    for (int i = 0; i < flows; i++) {
      senders.add(sim.addNode(config));
    }
    LinkSimulation.Node receiver =
        sim.addNode(config)
            .withDownlink(
                new Bottleneck(settings.bottleneckBitsPerSecond(), Math.max(bdpBytes, 64_000)));
    PeerId[] senderIds = senders.stream().map(LinkSimulation.Node::peer).toArray(PeerId[]::new);

    long[] queuedBytes = new long[flows];
    long[] deliveredBytes = new long[flows];
    long[] nextSequence = new long[flows];
    long[] expectedSequence = new long[flows];
    long[] startMicros = new long[flows];
    long[] doneMicros = new long[flows];
    long[] deliveredAtFirstDone = new long[flows];
    long[] counts = new long[4]; // sent, delivered, duplicates, out of order
    List<Long> controlLatencies = new ArrayList<>();
    long[] controlExpected = {0};
    long[] firstDone = {-1};

    receiver.withApplication(
        new LinkSimulation.Application() {
          @Override
          public void onMessage(long now, PeerId from, int streamId, byte[] message) {
            int flow = Arrays.asList(senderIds).indexOf(from);
            long sequence = readLong(message, 0);
            counts[1]++;
            if (streamId == CONTROL_STREAM) {
              controlLatencies.add(now - readLong(message, 8));
              if (sequence < controlExpected[0]) {
                counts[2]++;
              } else if (sequence > controlExpected[0]) {
                counts[3]++;
              }
              controlExpected[0] = Math.max(controlExpected[0], sequence + 1);
              return;
            }
            if (sequence < expectedSequence[flow]) {
              counts[2]++;
            } else if (sequence > expectedSequence[flow]) {
              counts[3]++;
            }
            expectedSequence[flow] = Math.max(expectedSequence[flow], sequence + 1);
            deliveredBytes[flow] += message.length;
            if (deliveredBytes[flow] >= settings.bytesPerFlow() && doneMicros[flow] == 0) {
              doneMicros[flow] = now;
              if (firstDone[0] < 0) {
                firstDone[0] = now;
                System.arraycopy(deliveredBytes, 0, deliveredAtFirstDone, 0, flows);
              }
            }
          }
        });

    for (int i = 0; i < flows; i++) {
      int flow = i;
      LinkSimulation.Node sender = senders.get(i);
      Runnable fill =
          () -> {
            while (settings.isBulkEnabled() && queuedBytes[flow] < settings.bytesPerFlow()) {
              int size =
                  (int) Math.min(BULK_MESSAGE_BYTES, settings.bytesPerFlow() - queuedBytes[flow]);
              byte[] message = new byte[Math.max(size, 16)];
              writeLong(message, 0, nextSequence[flow]);
              if (!sender.endpoint().send(sim.nowMicros(), receiver.peer(), BULK_STREAM, message)) {
                return;
              }
              nextSequence[flow]++;
              counts[0]++;
              queuedBytes[flow] += message.length;
            }
          };
      sender.withApplication(
          new LinkSimulation.Application() {
            @Override
            public void onSessionEstablished(long now, PeerId peer, int address) {
              startMicros[flow] = now;
              fill.run();
            }

            @Override
            public void onWritable(long now, PeerId peer) {
              fill.run();
            }
          });
      sim.at(0, () -> sender.endpoint().connect(0, receiver.index()));
    }

    // The control messages: 24 bytes every 20 ms from the first sender.
    long[] controlSequence = {0};
    LinkSimulation.Node first = senders.get(0);
    Runnable[] tick = new Runnable[1];
    tick[0] =
        () -> {
          boolean isBulkRunning = !settings.isBulkEnabled() || doneMicros[0] == 0;
          if (first.endpoint().isConnected(receiver.peer()) && isBulkRunning) {
            byte[] message = new byte[24];
            writeLong(message, 0, controlSequence[0]);
            writeLong(message, 8, sim.nowMicros());
            if (first.endpoint().send(sim.nowMicros(), receiver.peer(), CONTROL_STREAM, message)) {
              controlSequence[0]++;
              counts[0]++;
            }
          }
          if (isBulkRunning) {
            sim.at(sim.nowMicros() + CONTROL_INTERVAL_MICROS, tick[0]);
          }
        };
    sim.at(CONTROL_INTERVAL_MICROS, tick[0]);

    boolean isComplete;
    if (settings.isBulkEnabled()) {
      isComplete =
          sim.runUntil(
              settings.durationLimitMicros(),
              () -> Arrays.stream(doneMicros).allMatch(t -> t != 0));
    } else {
      sim.runUntil(settings.durationLimitMicros());
      isComplete = true;
    }

    double[] flowMbps = new double[flows];
    long totalBytes = 0;
    long begin = Arrays.stream(startMicros).min().orElse(0);
    long end =
        settings.isBulkEnabled() ? Arrays.stream(doneMicros).max().orElse(0) : sim.nowMicros();
    if (!isComplete) {
      end = sim.nowMicros();
    }
    for (int i = 0; i < flows; i++) {
      totalBytes += deliveredBytes[i];
      long flowEnd = firstDone[0] > 0 ? firstDone[0] : end;
      long bytes = firstDone[0] > 0 ? deliveredAtFirstDone[i] : deliveredBytes[i];
      flowMbps[i] = bytes * 8.0 / Math.max(1, flowEnd - startMicros[i]);
    }
    double goodput = totalBytes * 8.0 / Math.max(1, end - begin);
    double sum = Arrays.stream(flowMbps).sum();
    double squares = Arrays.stream(flowMbps).map(v -> v * v).sum();
    double jain = squares == 0 ? 0 : sum * sum / (flows * squares);
    long[] latencies = controlLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Result(
        goodput,
        settings.bottleneckBitsPerSecond() / 1e6,
        flowMbps,
        jain,
        percentile(latencies, 0.50) / 1000.0,
        percentile(latencies, 0.99) / 1000.0,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        isComplete,
        sim.nowMicros() / 1e6);
  }

  static long percentile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static long readLong(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xFF);
    }
    return value;
  }

  static void writeLong(byte[] bytes, int offset, long value) {
    for (int i = 7; i >= 0; i--) {
      bytes[offset + i] = (byte) value;
      value >>>= 8;
    }
  }
}
