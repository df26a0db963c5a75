package org.catdit.sim.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportTest {

  @TempDir Path directory;

  /** Vertices 0..3 stand for simulator peers 10, 20, 30, 40. */
  private static OverlayGraph fourPeers() {
    OverlayGraph byVertex = OverlayGraph.fromAdjacency(new int[][] {{1, 2}, {2}, {0}, {0}});
    return new OverlayGraph(4, byVertex.offsets(), byVertex.targets(), new int[] {10, 20, 30, 40});
  }

  @Test
  void edgeListHasAHeaderAndOneLinePerLinkInPeerIndices() throws IOException {
    Path file = directory.resolve("edges.csv");

    EdgeListCsv.write(fourPeers(), file);

    assertEquals(
        List.of("source,target", "10,20", "10,30", "20,30", "30,10", "40,10"),
        Files.readAllLines(file));
  }

  @Test
  void edgeListOfARandomGraphHasEdgeCountPlusOneLines() throws IOException {
    OverlayGraph graph = TestGraphs.randomRegularOut(1_000, 7, 3);
    Path file = directory.resolve("edges.csv");

    EdgeListCsv.write(graph, file);

    assertEquals(graph.edgeCount() + 1, Files.readAllLines(file).size());
  }

  @Test
  void peerTableAppendsCallerColumnsLookedUpByPeerIndex() throws IOException {
    int[] gossipReceivedByPeer = new int[41];
    gossipReceivedByPeer[10] = 5;
    gossipReceivedByPeer[40] = 9;
    PeerColumns extra =
        PeerColumns.of(
            PeerColumn.ofArray("gossipReceived", gossipReceivedByPeer),
            new PeerColumn("peerTimesTwo", peer -> 2 * peer));
    Path file = directory.resolve("peers.csv");

    PeerTableCsv.write(fourPeers(), extra, file);

    assertEquals(
        List.of(
            "peer,outDegree,inDegree,gossipReceived,peerTimesTwo",
            "10,2,2,5,20",
            "20,1,1,0,40",
            "30,1,2,0,60",
            "40,1,0,9,80"),
        Files.readAllLines(file));
  }

  @Test
  void peerColumnsFromParallelArraysKeepTheirOrder() throws IOException {
    int[][] receivedByType = {new int[41], new int[41]};
    receivedByType[0][20] = 3;
    receivedByType[1][20] = 4;
    Path file = directory.resolve("peers.csv");

    PeerTableCsv.write(
        fourPeers(),
        PeerColumns.fromArrays(List.of("subscription", "heartbeat"), receivedByType),
        file);

    List<String> lines = Files.readAllLines(file);
    assertEquals("peer,outDegree,inDegree,subscription,heartbeat", lines.get(0));
    assertEquals("20,1,1,3,4", lines.get(2));
  }

  @Test
  void columnNamesThatWouldBreakTheCsvOrCollideAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new PeerColumn("a,b", peer -> 0));
    assertThrows(IllegalArgumentException.class, () -> new PeerColumn("", peer -> 0));
    assertThrows(
        IllegalArgumentException.class, () -> PeerColumns.of(new PeerColumn("inDegree", p -> 0)));
    assertThrows(
        IllegalArgumentException.class,
        () -> PeerColumns.of(new PeerColumn("x", p -> 0), new PeerColumn("x", p -> 1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> PeerColumns.fromArrays(List.of("only"), new int[2][3]));
  }
}
