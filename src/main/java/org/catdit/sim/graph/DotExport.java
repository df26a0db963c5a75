package org.catdit.sim.graph;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;

/**
 * {@code overlay.dot} for Graphviz ({@code sfdp -Tsvg overlay.dot}): nodes named by simulator peer
 * index and filled by in-degree on the same colour ramp as {@code overlay.png}.
 */
public final class DotExport {

  /** Graphviz's {@code dot} takes minutes beyond about 10^3 nodes. */
  public static final int MAX_VERTICES = 2_000;

  private DotExport() {}

  public static void write(OverlayGraph overlay, Path file) throws IOException {
    Graph<Integer, Integer> graph = JGraphTCopy.directed(overlay, MAX_VERTICES);
    int[] inDegrees = overlay.inDegrees();
    int[] peerIndex = overlay.peerIndex();
    int maxInDegree = 0;
    for (int inDegree : inDegrees) {
      maxInDegree = Math.max(maxInDegree, inDegree);
    }
    ColorRamp ramp = new ColorRamp(0, maxInDegree);
    DOTExporter<Integer, Integer> exporter =
        new DOTExporter<>(vertex -> Integer.toString(peerIndex[vertex]));
    exporter.setGraphAttributeProvider(
        () -> {
          Map<String, Attribute> attributes = new LinkedHashMap<>();
          attributes.put(
              "label",
              DefaultAttribute.createAttribute(
                  "catdit overlay: %d peers, %d links, colour = in-degree"
                      .formatted(overlay.vertexCount(), overlay.edgeCount())));
          attributes.put("overlap", DefaultAttribute.createAttribute("false"));
          return attributes;
        });
    exporter.setVertexAttributeProvider(
        vertex -> {
          Map<String, Attribute> attributes = new LinkedHashMap<>();
          attributes.put("style", DefaultAttribute.createAttribute("filled"));
          attributes.put(
              "fillcolor", DefaultAttribute.createAttribute(ramp.hex(inDegrees[vertex])));
          attributes.put(
              "tooltip",
              DefaultAttribute.createAttribute(
                  "in %d, out %d".formatted(inDegrees[vertex], overlay.outDegree(vertex))));
          return attributes;
        });
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      exporter.exportGraph(graph, out);
    }
  }
}
