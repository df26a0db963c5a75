package org.catdit.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.catdit.overlay.core.Environment;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.core.TimerTask;
import org.catdit.overlay.wire.Message;

/**
 * An environment for testing one protocol instance by hand: it records what is sent, holds timers
 * until the test advances the clock, and draws from a seeded random stream.
 */
public final class FakeEnvironment implements Environment {
  /** One message the protocol sent. */
  public record Sent(PeerId to, Message message) {}

  private final PeerId self;
  private final SplittableRandom random;
  private final List<Sent> sent = new ArrayList<>();
  private final TreeMap<Long, TimerTask> timers = new TreeMap<>();
  private long nextTimerOrder;
  private long nowMicros;

  public FakeEnvironment(PeerId self, long seed) {
    this.self = self;
    this.random = new SplittableRandom(seed);
  }

  /** A test peer id with a readable number. */
  public static PeerId peer(int number) {
    return PeerId.of(0xFEED, number);
  }

  @Override
  public PeerId self() {
    return self;
  }

  @Override
  public void send(PeerId to, Message message) {
    sent.add(new Sent(to, message));
  }

  @Override
  public long schedule(long delayMicros, TimerTask task) {
    // Key: time in the high bits, scheduling order in the low 20 bits.
    long key = ((nowMicros + delayMicros) << 20) | (nextTimerOrder++ & 0xFFFFF);
    timers.put(key, task);
    return key;
  }

  @Override
  public void cancel(long timerId) {
    timers.remove(timerId);
  }

  @Override
  public SplittableRandom random() {
    return random;
  }

  public long now() {
    return nowMicros;
  }

  /** Runs every timer due up to {@code timeMicros}, in order, and sets the clock there. */
  public void advanceTo(long timeMicros) {
    while (!timers.isEmpty() && (timers.firstKey() >> 20) <= timeMicros) {
      var entry = timers.pollFirstEntry();
      nowMicros = entry.getKey() >> 20;
      entry.getValue().run(nowMicros);
    }
    nowMicros = timeMicros;
  }

  public int pendingTimers() {
    return timers.size();
  }

  /** Everything sent so far, in order. */
  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** Everything sent so far, then forgets it. */
  public List<Sent> takeSent() {
    List<Sent> out = List.copyOf(sent);
    sent.clear();
    return out;
  }

  /** The messages of one class sent so far. */
  public <M extends Message> List<M> sentOfType(Class<M> type) {
    List<M> out = new ArrayList<>();
    for (Sent s : sent) {
      if (type.isInstance(s.message())) {
        out.add(type.cast(s.message()));
      }
    }
    return out;
  }

  /** The peers that messages of one class went to, in order. */
  public List<PeerId> recipientsOf(Class<? extends Message> type) {
    List<PeerId> out = new ArrayList<>();
    for (Sent s : sent) {
      if (type.isInstance(s.message())) {
        out.add(s.to());
      }
    }
    return out;
  }
}
