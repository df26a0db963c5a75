package org.catdit.sim.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes every overlay file that suits the overlay's size into one directory: the edge list,
 * per-peer table and degree histogram always; GEXF up to {@link #GEXF_MAX_VERTICES} peers; DOT and
 * the drawn overlay up to {@link #DOT_MAX_VERTICES} and {@link #PICTURE_MAX_VERTICES}. Callers that
 * want only some files call the single exporters directly.
 */
public final class GraphExport {

  public static final String EDGES_CSV = "edges.csv";
  public static final String PEERS_CSV = "peers.csv";
  public static final String DEGREE_HISTOGRAM_PNG = "degree-histogram.png";
  public static final String METRICS_TXT = "metrics.txt";
  public static final String OVERLAY_GEXF = "overlay.gexf";
  public static final String OVERLAY_DOT = "overlay.dot";
  public static final String OVERLAY_PNG = "overlay.png";

  public static final int GEXF_MAX_VERTICES = GexfExport.MAX_VERTICES;
  public static final int DOT_MAX_VERTICES = DotExport.MAX_VERTICES;
  public static final int PICTURE_MAX_VERTICES = OverlayPicture.MAX_VERTICES;

  private GraphExport() {}

  /**
   * Writes the files allowed for this overlay's size and returns them in the order written.
   *
   * @param extraColumns caller's per-peer columns for {@code peers.csv}
   * @param layoutSeed seed for the force-directed layout of {@code overlay.png}
   */
  public static List<Path> writeAll(
      OverlayGraph overlay, Path directory, PeerColumns extraColumns, long layoutSeed)
      throws IOException {
    return write(overlay, Optional.empty(), directory, extraColumns, layoutSeed);
  }

  /** As {@link #writeAll(OverlayGraph, Path, PeerColumns, long)}, plus {@code metrics.txt}. */
  public static List<Path> writeAll(
      OverlayGraph overlay,
      GraphMetrics metrics,
      Path directory,
      PeerColumns extraColumns,
      long layoutSeed)
      throws IOException {
    return write(overlay, Optional.of(metrics), directory, extraColumns, layoutSeed);
  }

  private static List<Path> write(
      OverlayGraph overlay,
      Optional<GraphMetrics> metrics,
      Path directory,
      PeerColumns extraColumns,
      long layoutSeed)
      throws IOException {
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    int vertexCount = overlay.vertexCount();

    Path edges = directory.resolve(EDGES_CSV);
    EdgeListCsv.write(overlay, edges);
    written.add(edges);

    Path peers = directory.resolve(PEERS_CSV);
    PeerTableCsv.write(overlay, extraColumns, peers);
    written.add(peers);

    Path histogram = directory.resolve(DEGREE_HISTOGRAM_PNG);
    if (metrics.isPresent()) {
      DegreeHistogramChart.write(metrics.get(), histogram);
    } else {
      DegreeHistogramChart.write(overlay, histogram);
    }
    written.add(histogram);

    if (metrics.isPresent()) {
      Path summary = directory.resolve(METRICS_TXT);
      Files.writeString(summary, GraphMetricsText.format(metrics.get()), StandardCharsets.UTF_8);
      written.add(summary);
    }

    if (vertexCount <= GEXF_MAX_VERTICES) {
      Path gexf = directory.resolve(OVERLAY_GEXF);
      GexfExport.write(overlay, gexf);
      written.add(gexf);
    }

    if (vertexCount <= DOT_MAX_VERTICES) {
      Path dot = directory.resolve(OVERLAY_DOT);
      DotExport.write(overlay, dot);
      written.add(dot);
    }

    if (vertexCount <= PICTURE_MAX_VERTICES) {
      Path picture = directory.resolve(OVERLAY_PNG);
      if (metrics.isPresent()) {
        OverlayPicture.write(overlay, metrics.get(), picture, layoutSeed);
      } else {
        OverlayPicture.write(overlay, picture, layoutSeed);
      }
      written.add(picture);
    }
    return List.copyOf(written);
  }
}
