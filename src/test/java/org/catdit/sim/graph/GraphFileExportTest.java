package org.catdit.sim.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** GEXF and DOT files parse and hold the whole overlay. */
class GraphFileExportTest {

  @TempDir Path directory;

  @Test
  void gexfIsWellFormedXmlWithEveryPeerLinkAndInDegree() throws Exception {
    OverlayGraph graph = TestGraphs.randomVaryingDegree(300, 8, 11);
    int[] inDegrees = graph.inDegrees();
    Path file = directory.resolve("overlay.gexf");

    GexfExport.write(graph, file);

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document = factory.newDocumentBuilder().parse(file.toFile());
    NodeList nodes = document.getElementsByTagNameNS("*", "node");
    assertEquals(graph.vertexCount(), nodes.getLength());
    assertEquals(graph.edgeCount(), document.getElementsByTagNameNS("*", "edge").getLength());
    String inDegreeAttributeId = attributeId(document, "inDegree");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element node = (Element) nodes.item(i);
      int peer = Integer.parseInt(node.getAttribute("id"));
      assertEquals(
          Integer.toString(inDegrees[peer]),
          attributeValue(node, inDegreeAttributeId),
          "peer " + peer);
    }
  }

  @Test
  void dotHasOneNodeStatementPerPeerAndOneEdgeStatementPerLink() throws IOException {
    OverlayGraph graph = TestGraphs.randomRegularOut(200, 5, 4);
    Path file = directory.resolve("overlay.dot");

    DotExport.write(graph, file);

    String dot = Files.readString(file);
    assertTrue(dot.startsWith("digraph"));
    assertEquals(graph.edgeCount(), count(dot, Pattern.compile("(?m)^\\s*\\d+ -> \\d+")));
    assertEquals(graph.vertexCount(), count(dot, Pattern.compile("(?m)^\\s*\\d+ \\[")));
  }

  @Test
  void exportersRefuseGraphsAboveTheirLimitsBeforeBuildingAnything() {
    OverlayGraph tooBigForGexf =
        OverlayGraph.fromAdjacency(new int[GexfExport.MAX_VERTICES + 1][0]);
    OverlayGraph tooBigForDot = OverlayGraph.fromAdjacency(new int[DotExport.MAX_VERTICES + 1][0]);

    assertThrows(
        IllegalArgumentException.class,
        () -> GexfExport.write(tooBigForGexf, directory.resolve("x.gexf")));
    assertThrows(
        IllegalArgumentException.class,
        () -> DotExport.write(tooBigForDot, directory.resolve("x.dot")));
  }

  private static String attributeId(Document document, String title) {
    NodeList attributes = document.getElementsByTagNameNS("*", "attribute");
    for (int i = 0; i < attributes.getLength(); i++) {
      Element attribute = (Element) attributes.item(i);
      if (title.equals(attribute.getAttribute("title"))) {
        return attribute.getAttribute("id");
      }
    }
    throw new AssertionError("no attribute titled " + title);
  }

  private static String attributeValue(Element node, String attributeId) {
    NodeList values = node.getElementsByTagNameNS("*", "attvalue");
    for (int i = 0; i < values.getLength(); i++) {
      Element value = (Element) values.item(i);
      if (attributeId.equals(value.getAttribute("for"))) {
        return value.getAttribute("value");
      }
    }
    throw new AssertionError("node has no value for attribute " + attributeId);
  }

  private static long count(String text, Pattern pattern) {
    return pattern.matcher(text).results().count();
  }
}
