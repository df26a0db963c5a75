package org.catdit.sim.broadcast;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.catdit.sim.Simulation;

/** Writes the per-peer and per-broadcast tables of a broadcast experiment. */
public final class BroadcastOutput {
  /** Pictures of the tree are drawn up to this many peers. */
  public static final int MAX_DRAWN_PEERS = 2_000;

  private BroadcastOutput() {}

  /** {@code peers.csv}: one row per peer: index, id, live, payload copies, duplicates. */
  public static void writePeersCsv(Path file, Simulation sim, BroadcastResult result)
      throws IOException {
    int[] copies = result.payloadCopiesPerPeer();
    int[] duplicates = result.duplicatesPerPeer();
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("peer,id,isAlive,payloadCopies,duplicates\n");
      for (int p = 0; p < copies.length; p++) {
        out.write(
            p
                + ","
                + sim.id(p)
                + ","
                + sim.isAlive(p)
                + ","
                + copies[p]
                + ","
                + duplicates[p]
                + "\n");
      }
    }
  }

  /** {@code broadcasts.csv}: the measures of each broadcast. */
  public static void writeBroadcastsCsv(Path file, BroadcastResult result) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(
          "index,sender,sendMs,delivered,live,reliability,isAfterFailure,reachableFraction,"
              + "reliabilityOfReachable,payloadMessages,rmr,ldh,latencyP50Ms,latencyP99Ms,"
              + "latencyMaxMs\n");
      for (BroadcastStats s : result.broadcasts()) {
        out.write(
            String.format(
                Locale.ROOT,
                "%d,%d,%.3f,%d,%d,%.6f,%b,%.6f,%.6f,%d,%.4f,%d,%.1f,%.1f,%.1f%n",
                s.index(),
                s.sender(),
                s.sendMicros() / 1000.0,
                s.delivered(),
                s.live(),
                s.reliability(),
                s.isAfterFailure(),
                s.reachableFraction(),
                s.reliabilityOfReachable(),
                s.payloadMessages(),
                s.rmr(),
                s.lastDeliveryHop(),
                s.latencyP50Ms(),
                s.latencyP99Ms(),
                s.latencyMaxMs()));
      }
    }
  }
}
