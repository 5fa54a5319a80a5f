package io.timeshard.cli.status;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Objects restored per second, measured between the looks taken while watching, over a sliding
 * window: the first and the last look within it. Nothing before the watch started counts.
 */
public final class Rates {

  private record Look(long nanos, long done) {}

  private final long windowNanos;
  private final Map<String, Deque<Look>> looks = new HashMap<>();

  public Rates(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  public void record(String name, long nanos, long done) {
    Deque<Look> history = looks.computeIfAbsent(name, n -> new ArrayDeque<>());
    history.addLast(new Look(nanos, done));
    while (history.size() > 2 && nanos - history.peekFirst().nanos() > windowNanos) {
      history.removeFirst();
    }
  }

  /** Per second, over the window; empty before two looks. */
  public OptionalDouble perSecond(String name) {
    Deque<Look> history = looks.get(name);
    if (history == null || history.size() < 2) {
      return OptionalDouble.empty();
    }
    Look first = history.peekFirst();
    Look last = history.peekLast();
    double seconds = (last.nanos() - first.nanos()) / 1e9;
    return seconds <= 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((last.done() - first.done()) / seconds);
  }

  /** Seconds the rate of {@code name} is measured over. */
  public double spanSeconds(String name) {
    Deque<Look> history = looks.get(name);
    if (history == null || history.size() < 2) {
      return 0;
    }
    return (history.peekLast().nanos() - history.peekFirst().nanos()) / 1e9;
  }

  /** Seconds until {@code remaining} is done at the measured rate; empty without a rate above 0. */
  public OptionalDouble etaSeconds(String name, long remaining) {
    if (remaining <= 0) {
      return OptionalDouble.of(0);
    }
    OptionalDouble rate = perSecond(name);
    return rate.isPresent() && rate.getAsDouble() > 0
        ? OptionalDouble.of(remaining / rate.getAsDouble())
        : OptionalDouble.empty();
  }
}
