package io.timeshard.smt;

import java.time.Instant;

/** The times from {@code start} (inclusive) up to {@code end} (exclusive); a null bound is open. */
final class TimeWindow {
  private final Instant start;
  private final Instant end;

  /**
   * @throws IllegalArgumentException when the end is not after the start: the window would be empty
   */
  TimeWindow(Instant start, Instant end) {
    if (start != null && end != null && !end.isAfter(start)) {
      throw new IllegalArgumentException("the end " + end + " is not after the start " + start);
    }
    this.start = start;
    this.end = end;
  }

  boolean contains(Instant time) {
    return (start == null || !time.isBefore(start)) && (end == null || time.isBefore(end));
  }

  @Override
  public String toString() {
    return "["
        + (start == null ? "unbounded" : start)
        + ", "
        + (end == null ? "unbounded" : end)
        + ")";
  }
}
