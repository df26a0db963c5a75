package org.catdit.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.catdit.overlay.wire.MessageType;
import org.catdit.sim.SimReport;
import org.catdit.sim.SimRun;
import org.catdit.sim.Simulation;
import org.catdit.sim.broadcast.BroadcastOutput;
import org.catdit.sim.broadcast.TreePicture;
import org.catdit.sim.graph.GraphExport;
import org.catdit.sim.graph.PeerColumn;
import org.catdit.sim.graph.PeerColumns;

/**
 * Writes a run's files into the --out directory: metrics.json (the report), then the overlay as it
 * was measured after the joins (edges.csv, peers.csv with the messages each peer received by type
 * over the whole run, pictures and graph files where the size allows).
 */
final class SimOutput {
  private SimOutput() {}

  static void write(SimRun.Result result, ObjectNode report, Path directory, PrintWriter log)
      throws IOException {
    Files.createDirectories(directory);
    Path metrics = directory.resolve("metrics.json");
    SimReport.mapper().writerWithDefaultPrettyPrinter().writeValue(metrics.toFile(), report);
    List<Path> written = new ArrayList<>(List.of(metrics));
    written.addAll(
        GraphExport.writeAll(
            result.overlay(),
            result.membership(),
            directory,
            peerColumns(result),
            result.settings().network().seed()));
    if (result.broadcast() != null) {
      Path broadcasts = directory.resolve("broadcasts.csv");
      BroadcastOutput.writeBroadcastsCsv(broadcasts, result.broadcast());
      written.add(broadcasts);
      if (result.lastTree() != null
          && result.simulation().peerCount() <= BroadcastOutput.MAX_DRAWN_PEERS) {
        TreePicture picture = new TreePicture(result.simulation(), result.lastTree());
        Path dot = directory.resolve("tree.dot");
        Path png = directory.resolve("tree.png");
        picture.writeDot(dot);
        picture.writePng(png);
        written.add(dot);
        written.add(png);
      }
    }
    for (Path path : written) {
      log.println("wrote " + path);
    }
  }

  /**
   * One column per message type that any peer received (how many each peer received), and with
   * broadcasts, the payload copies and duplicates each peer received.
   */
  private static PeerColumns peerColumns(SimRun.Result result) {
    Simulation simulation = result.simulation();
    List<PeerColumn> columns = new ArrayList<>();
    if (result.broadcast() != null) {
      columns.add(PeerColumn.ofArray("payload_copies", result.broadcast().payloadCopiesPerPeer()));
      columns.add(PeerColumn.ofArray("payload_duplicates", result.broadcast().duplicatesPerPeer()));
    }
    for (MessageType type : MessageType.values()) {
      if (simulation.received(type) > 0) {
        columns.add(
            new PeerColumn(
                "received_" + type.name().toLowerCase(Locale.ROOT),
                peer -> simulation.received(type, peer)));
      }
    }
    return PeerColumns.of(columns.toArray(PeerColumn[]::new));
  }
}
