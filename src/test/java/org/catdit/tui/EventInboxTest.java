package org.catdit.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.catdit.feed.NetworkView;
import org.junit.jupiter.api.Test;

class EventInboxTest {
  @Test
  void aFullQueueDropsTheTaskCountsItAndAsksForAFullReload() {
    EventInbox inbox = new EventInbox(3);
    AtomicInteger ran = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      inbox.post(ran::incrementAndGet);
    }
    assertEquals(2, inbox.droppedTasks());
    assertTrue(inbox.takeFeedChanged());
    assertTrue(inbox.takePictureArrived());
    for (Runnable task = inbox.nextTask(); task != null; task = inbox.nextTask()) {
      task.run();
    }
    assertEquals(3, ran.get());
  }

  @Test
  void eventsFoldIntoFlagsAndTheLatestValue() {
    EventInbox inbox = new EventInbox();
    for (int i = 0; i < 10_000; i++) {
      inbox.onFeedChanged(List.of("post" + i));
      inbox.onNetworkChanged(new NetworkView("self", List.of(), i, 0, 0, java.util.Map.of(), i));
      inbox.onMessageArrived("peer", i % 2 == 0);
    }
    assertTrue(inbox.takeFeedChanged());
    assertFalse(inbox.takeFeedChanged());
    NetworkView latest = inbox.takeNetwork();
    assertNotNull(latest);
    assertEquals(9_999, latest.networkSizeEstimate());
    assertNull(inbox.takeNetwork());
    assertEquals(10_000, inbox.messagesArrived());
    assertEquals(5_000, inbox.duplicatesArrived());
    assertNull(inbox.nextTask());
  }
}
