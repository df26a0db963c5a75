package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NodeStatusTest {

  @Test
  void theSizeEstimateInvertsScampsMeanViewSize() {
    // (c+1)·ln N = 2·ln 1000 ≈ 13.8: a view of 14 at c = 1 estimates about a thousand peers.
    double estimate = NodeStatus.estimateNetworkSize(14, 14, 1);
    assertEquals(Math.exp(7), estimate, 1e-9);
    assertEquals(Math.exp(14 / 3.0), NodeStatus.estimateNetworkSize(14, 14, 2), 1e-9);
  }

  @Test
  void theSizeEstimateIsNeverBelowThePeersThisOneKnows() {
    assertEquals(1.0, NodeStatus.estimateNetworkSize(0, 0, 1));
    assertEquals(6.0, NodeStatus.estimateNetworkSize(1, 5, 1));
  }

  @Test
  void counterNamesAreCamelCase() {
    assertEquals("malformedDropped", LinkedNode.camelCase("MALFORMED_DROPPED"));
    assertEquals("bytesSent", LinkedNode.camelCase("BYTES_SENT"));
  }
}
