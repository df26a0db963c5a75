package org.catdit.overlay.broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.catdit.overlay.core.Environment;
import org.catdit.overlay.core.PeerId;
import org.catdit.overlay.core.TimerTask;
import org.catdit.overlay.wire.Message;

/** A deterministic environment for one protocol: it records sends and runs timers on demand. */
final class FakeEnvironment implements Environment {
  record Sent(PeerId to, Message message) {}

  private record Timer(long id, long dueMicros, TimerTask task) {}

  private final PeerId self;
  private final SplittableRandom random = new SplittableRandom(7);
  private final List<Sent> sent = new ArrayList<>();
  private final List<Timer> timers = new ArrayList<>();
  private long nowMicros;
  private long nextTimerId = 1;

  FakeEnvironment(PeerId self) {
    this.self = self;
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
    long id = nextTimerId++;
    timers.add(new Timer(id, nowMicros + delayMicros, task));
    return id;
  }

  @Override
  public void cancel(long timerId) {
    timers.removeIf(timer -> timer.id() == timerId);
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  long now() {
    return nowMicros;
  }

  /** Runs every timer due up to {@code timeMicros}, in due order, then sets the clock there. */
  void advanceTo(long timeMicros) {
    while (true) {
      Timer next = null;
      for (Timer timer : timers) {
        if (timer.dueMicros() <= timeMicros
            && (next == null || timer.dueMicros() < next.dueMicros())) {
          next = timer;
        }
      }
      if (next == null) {
        break;
      }
      timers.remove(next);
      nowMicros = next.dueMicros();
      next.task().run(nowMicros);
    }
    nowMicros = timeMicros;
  }

  void advanceBy(long micros) {
    advanceTo(nowMicros + micros);
  }

  int pendingTimers() {
    return timers.size();
  }

  /** Everything sent since the last call, then forgets it. */
  List<Sent> takeSent() {
    List<Sent> out = new ArrayList<>(sent);
    sent.clear();
    return out;
  }

  /** The messages of {@code type} sent since the last {@link #takeSent()}, without forgetting. */
  <M extends Message> List<M> sentOf(Class<M> type, PeerId to) {
    List<M> out = new ArrayList<>();
    for (Sent s : sent) {
      if (type.isInstance(s.message()) && (to == null || s.to().equals(to))) {
        out.add(type.cast(s.message()));
      }
    }
    return out;
  }
}
