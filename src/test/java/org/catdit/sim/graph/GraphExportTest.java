package org.catdit.sim.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** writeAll writes exactly the files the overlay's size allows, and says which. */
class GraphExportTest {

  @TempDir Path directory;

  @Test
  void smallOverlayGetsEveryFile() throws IOException {
    OverlayGraph graph = TestGraphs.randomRegularOut(100, 4, 1);
    GraphMetrics metrics = GraphMetrics.compute(graph, MetricsSettings.defaults(1));
    Path output = directory.resolve("snapshot-0001");

    List<Path> written = GraphExport.writeAll(graph, metrics, output, PeerColumns.none(), 5);

    assertEquals(
        List.of(
            GraphExport.EDGES_CSV,
            GraphExport.PEERS_CSV,
            GraphExport.DEGREE_HISTOGRAM_PNG,
            GraphExport.METRICS_TXT,
            GraphExport.OVERLAY_GEXF,
            GraphExport.OVERLAY_DOT,
            GraphExport.OVERLAY_PNG),
        names(written));
    for (Path file : written) {
      assertTrue(Files.size(file) > 0, file + " is empty");
    }
    assertTrue(Files.readString(output.resolve(GraphExport.METRICS_TXT)).contains("100 peers"));
  }

  @Test
  void midSizeOverlayGetsGexfButNoDotOrPicture() throws IOException {
    OverlayGraph graph = TestGraphs.randomRegularOut(GraphExport.DOT_MAX_VERTICES + 1, 3, 2);

    List<Path> written = GraphExport.writeAll(graph, directory, PeerColumns.none(), 5);

    assertEquals(
        List.of(
            GraphExport.EDGES_CSV,
            GraphExport.PEERS_CSV,
            GraphExport.DEGREE_HISTOGRAM_PNG,
            GraphExport.OVERLAY_GEXF),
        names(written));
  }

  @Test
  void bigOverlayGetsOnlyTablesAndHistogram() throws IOException {
    OverlayGraph graph = TestGraphs.randomRegularOut(GraphExport.GEXF_MAX_VERTICES + 1, 2, 3);

    List<Path> written = GraphExport.writeAll(graph, directory, PeerColumns.none(), 5);

    assertEquals(
        List.of(GraphExport.EDGES_CSV, GraphExport.PEERS_CSV, GraphExport.DEGREE_HISTOGRAM_PNG),
        names(written));
    assertEquals(graph.vertexCount() + 1, Files.readAllLines(written.get(1)).size());
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(file -> file.getFileName().toString()).toList();
  }
}
