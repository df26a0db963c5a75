package org.catdit.sim.graph;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code edges.csv}: header {@code source,target}, then one line per directed view link, both ends
 * as simulator peer indices. Written for any size (a million peers with 28 links is ~28 M lines);
 * pandas, igraph and NetworkX read it directly.
 */
public final class EdgeListCsv {

  private EdgeListCsv() {}

  public static void write(OverlayGraph graph, Path file) throws IOException {
    int[] offsets = graph.offsets();
    int[] targets = graph.targets();
    int[] peerIndex = graph.peerIndex();
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      out.write("source,target\n");
      for (int source = 0; source < graph.vertexCount(); source++) {
        String sourcePeer = Integer.toString(peerIndex[source]);
        for (int e = offsets[source]; e < offsets[source + 1]; e++) {
          out.write(sourcePeer);
          out.write(',');
          out.write(Integer.toString(peerIndex[targets[e]]));
          out.write('\n');
        }
      }
    }
  }
}
