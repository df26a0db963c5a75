package org.catdit.sim.graph;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code peers.csv}: one line per vertex, {@code peer,outDegree,inDegree} followed by the caller's
 * {@link PeerColumns}, so degree and per-peer traffic can be joined without a second file.
 */
public final class PeerTableCsv {

  private PeerTableCsv() {}

  public static void write(OverlayGraph graph, PeerColumns extraColumns, Path file)
      throws IOException {
    int[] inDegrees = graph.inDegrees();
    int[] peerIndex = graph.peerIndex();
    List<PeerColumn> columns = extraColumns.columns();
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      out.write("peer,outDegree,inDegree");
      for (PeerColumn column : columns) {
        out.write(',');
        out.write(column.name());
      }
      out.write('\n');
      StringBuilder line = new StringBuilder();
      for (int v = 0; v < graph.vertexCount(); v++) {
        int peer = peerIndex[v];
        line.setLength(0);
        line.append(peer).append(',').append(graph.outDegree(v)).append(',').append(inDegrees[v]);
        for (PeerColumn column : columns) {
          line.append(',').append(column.valueOfPeer().applyAsInt(peer));
        }
        out.append(line).append('\n');
      }
    }
  }
}
