package org.catdit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import org.catdit.overlay.link.LinkConfig;
import org.junit.jupiter.api.Test;

class FragmentationTest {
  @Test
  void offLoopbackDatagramsFitAnEthernetPathWhole() {
    LinkConfig defaults = LinkConfig.defaults();
    assertEquals(
        UdpRuntime.UNFRAGMENTED_DATAGRAM_BYTES,
        UdpRuntime.withoutFragmentation(defaults, new InetSocketAddress("0.0.0.0", 0))
            .maxDatagramBytes());
    assertEquals(
        UdpRuntime.UNFRAGMENTED_DATAGRAM_BYTES,
        UdpRuntime.withoutFragmentation(defaults, new InetSocketAddress("10.1.2.3", 0))
            .maxDatagramBytes());
    assertEquals(
        defaults.maxDatagramBytes(),
        UdpRuntime.withoutFragmentation(defaults, new InetSocketAddress("127.0.0.1", 0))
            .maxDatagramBytes(),
        "loopback carries 64 KiB datagrams whole");
  }
}
