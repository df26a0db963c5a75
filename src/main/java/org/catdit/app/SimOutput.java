package org.catdit.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.catdit.sim.SimReport;
import org.catdit.sim.SimRun;

/** Writes a run's files into the --out directory. */
final class SimOutput {
  private SimOutput() {}

  static void write(SimRun.Result result, ObjectNode report, Path directory, PrintWriter log)
      throws IOException {
    Files.createDirectories(directory);
    Path metrics = directory.resolve("metrics.json");
    SimReport.mapper().writerWithDefaultPrettyPrinter().writeValue(metrics.toFile(), report);
    log.println("wrote " + metrics);
  }
}
