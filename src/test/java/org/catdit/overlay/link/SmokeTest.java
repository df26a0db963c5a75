package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.catdit.overlay.core.PeerId;
import org.catdit.sim.link.LinkSimulation;
import org.catdit.sim.link.PathModel;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void deliversAfterHandshake() {
    LinkSimulation sim = new LinkSimulation(1, PathModel.clean(20_000));
    List<byte[]> got = new ArrayList<>();
    LinkSimulation.Node a = sim.addNode(LinkConfig.defaults());
    LinkSimulation.Node b = sim.addNode(LinkConfig.defaults());
    b.withApplication(
        new LinkSimulation.Application() {
          @Override
          public void onMessage(long now, PeerId from, int streamId, byte[] message) {
            got.add(message);
          }
        });
    a.withApplication(
        new LinkSimulation.Application() {
          @Override
          public void onSessionEstablished(long now, PeerId peer, int address) {
            for (int i = 0; i < 100; i++) {
              a.endpoint().send(now, peer, 1, new byte[5000]);
            }
          }
        });
    sim.at(0, () -> a.endpoint().connect(0, 1));
    sim.runUntil(5_000_000);
    System.out.println(a.endpoint().counters());
    System.out.println(b.endpoint().counters());
    System.out.println(a.endpoint().stats(b.peer()));
    assertEquals(100, got.size());
  }
}
