package io.timeshard.partitioner.time;

import java.time.Instant;

/**
 * A half-open interval of instants, {@code [start, end)}, in epoch milliseconds. Either side may be
 * open ({@link Long#MIN_VALUE} / {@link Long#MAX_VALUE}). Used both for the instants a time folder
 * covers and for a restore window.
 */
public record TimeInterval(long startMillis, long endMillis) {

  /** Every instant: the window of a restore without bounds. */
  public static final TimeInterval ALL = new TimeInterval(Long.MIN_VALUE, Long.MAX_VALUE);

  public TimeInterval {
    if (endMillis < startMillis) {
      throw new IllegalArgumentException(
          "interval end " + endMillis + " is before its start " + startMillis);
    }
  }

  /** {@code [start, end)}; a {@code null} side is open. */
  public static TimeInterval between(Instant start, Instant end) {
    return new TimeInterval(
        start == null ? Long.MIN_VALUE : start.toEpochMilli(),
        end == null ? Long.MAX_VALUE : end.toEpochMilli());
  }

  /** True for {@link #ALL}: both sides open. */
  public boolean isAll() {
    return startMillis == Long.MIN_VALUE && endMillis == Long.MAX_VALUE;
  }

  /** True when the interval holds no instant: its start is its end. */
  public boolean isEmpty() {
    return startMillis == endMillis;
  }

  /** True when the instant, in epoch milliseconds, is in {@code [start, end)}. */
  public boolean contains(long millis) {
    return millis >= startMillis && millis < endMillis;
  }

  /** True when the two intervals share at least one instant. */
  public boolean overlaps(TimeInterval other) {
    return startMillis < other.endMillis
        && other.startMillis < endMillis
        && !isEmpty()
        && !other.isEmpty();
  }

  /** True when every instant of {@code other} is in this interval. */
  public boolean encloses(TimeInterval other) {
    return startMillis <= other.startMillis && other.endMillis <= endMillis;
  }

  @Override
  public String toString() {
    return "["
        + (startMillis == Long.MIN_VALUE ? "-inf" : Instant.ofEpochMilli(startMillis).toString())
        + ", "
        + (endMillis == Long.MAX_VALUE ? "+inf" : Instant.ofEpochMilli(endMillis).toString())
        + ")";
  }
}
