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
            receivedByType(result.simulation()),
            result.settings().network().seed()));
    for (Path path : written) {
      log.println("wrote " + path);
    }
  }

  /** One column per message type that any peer received: how many each peer received. */
  private static PeerColumns receivedByType(Simulation simulation) {
    List<PeerColumn> columns = new ArrayList<>();
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
