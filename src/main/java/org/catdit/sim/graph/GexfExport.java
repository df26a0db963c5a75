package org.catdit.sim.graph;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.gexf.GEXFAttributeType;
import org.jgrapht.nio.gexf.GEXFExporter;

/**
 * {@code overlay.gexf} for Gephi (GEXF 1.2draft via JGraphT): node ids are simulator peer indices,
 * each node carries {@code inDegree} and {@code outDegree} attributes to size or colour by.
 */
public final class GexfExport {

  /** Gephi handles about 10^5 nodes; the JGraphT copy costs ~135 bytes per edge. */
  public static final int MAX_VERTICES = 100_000;

  private GexfExport() {}

  public static void write(OverlayGraph overlay, Path file) throws IOException {
    Graph<Integer, Integer> graph = JGraphTCopy.directed(overlay, MAX_VERTICES);
    int[] inDegrees = overlay.inDegrees();
    int[] peerIndex = overlay.peerIndex();
    GEXFExporter<Integer, Integer> exporter =
        new GEXFExporter<>(vertex -> Integer.toString(peerIndex[vertex]), String::valueOf);
    exporter.setCreator("catdit simulator");
    exporter.setDescription(
        "overlay snapshot: %d peers, %d directed view links"
            .formatted(overlay.vertexCount(), overlay.edgeCount()));
    exporter.registerAttribute(
        "inDegree", GEXFExporter.AttributeCategory.NODE, GEXFAttributeType.INTEGER);
    exporter.registerAttribute(
        "outDegree", GEXFExporter.AttributeCategory.NODE, GEXFAttributeType.INTEGER);
    exporter.setVertexAttributeProvider(
        vertex ->
            Map.<String, Attribute>of(
                "label", DefaultAttribute.createAttribute(Integer.toString(peerIndex[vertex])),
                "inDegree", DefaultAttribute.createAttribute(inDegrees[vertex]),
                "outDegree", DefaultAttribute.createAttribute(overlay.outDegree(vertex))));
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      exporter.exportGraph(graph, out);
    }
  }
}
