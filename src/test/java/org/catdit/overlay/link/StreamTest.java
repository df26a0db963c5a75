package org.catdit.overlay.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class StreamTest {

  /** Frames cut at random sizes, delivered shuffled and partly twice, rebuild every message. */
  @Property(tries = 200)
  void messagesSurviveFragmentationReorderingAndDuplicates(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    SendStream out = new SendStream(2);
    List<byte[]> messages = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      byte[] message = new byte[random.nextInt(3) == 0 ? random.nextInt(5000) : random.nextInt(70)];
      random.nextBytes(message);
      messages.add(message);
      out.append(message);
    }
    List<Frame.Stream> frames = new ArrayList<>();
    Frame.Stream frame;
    while ((frame = out.nextNewData(20 + random.nextInt(1400), Long.MAX_VALUE)) != null) {
      frames.add(frame);
      if (random.nextInt(5) == 0) {
        out.onLost(frame.offset(), frame.end());
        Frame.Stream again = out.nextRetransmission(20 + random.nextInt(1400));
        while (again != null) {
          frames.add(again);
          again = out.nextRetransmission(20 + random.nextInt(1400));
        }
      }
    }
    List<Frame.Stream> shuffled = new ArrayList<>(frames);
    for (int i = 0; i < frames.size() / 3; i++) {
      shuffled.add(frames.get(random.nextInt(frames.size())));
    }
    Collections.shuffle(shuffled, new java.util.Random(seed));
    ReceiveStream in = new ReceiveStream(1 << 20);
    List<byte[]> delivered = new ArrayList<>();
    for (Frame.Stream f : shuffled) {
      in.onData(f.offset(), f.data(), delivered::add);
    }
    assertEquals(messages.size(), delivered.size());
    for (int i = 0; i < messages.size(); i++) {
      assertArrayEquals(messages.get(i), delivered.get(i));
    }
    assertEquals(0, in.bufferedBytes());
  }

  @Test
  void acknowledgedBytesAreReleasedAndNotResent() {
    SendStream out = new SendStream(1);
    out.append(new byte[3000]);
    Frame.Stream first = out.nextNewData(1200, Long.MAX_VALUE);
    Frame.Stream second = out.nextNewData(1200, Long.MAX_VALUE);
    out.onLost(first.offset(), first.end());
    out.onAcked(first.offset(), first.end()); // the "lost" copy arrived after all
    assertEquals(null, out.nextRetransmission(1200));
    out.onAcked(second.offset(), second.end());
    assertEquals(out.bufferedBytes(), 3000 + 2 - second.end());
  }

  @Test
  void aMessageAboveTheLimitIsRefusedByTheReceiver() {
    SendStream out = new SendStream(0);
    out.append(new byte[2000]);
    ReceiveStream in = new ReceiveStream(1000);
    Frame.Stream frame = out.nextNewData(1200, Long.MAX_VALUE);
    assertEquals(
        ReceiveStream.Result.MESSAGE_TOO_LARGE, in.onData(frame.offset(), frame.data(), m -> {}));
  }

  @Test
  void flowControlNeverStartsAtZeroAndGrowsWhenConsumedFast() {
    FlowControl flow = new FlowControl(16L << 20);
    assertEquals(FlowControl.INITIAL_WINDOW_BYTES, flow.sendCredit());
    assertEquals(FlowControl.INITIAL_WINDOW_BYTES, flow.advertisedMaxData());
    long consumed = 0;
    long now = 0;
    for (int i = 0; i < 10; i++) {
      consumed += flow.windowBytes();
      now += 10_000; // a whole window per 10 ms with a 40 ms RTT: the window limits
      flow.update(now, consumed, 40_000);
    }
    assertEquals(16L << 20, flow.windowBytes());
  }
}
