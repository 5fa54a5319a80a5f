package io.timeshard.connect.config;

import io.timeshard.smt.RecordTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Reads a restore bound as the time-window transforms read theirs ({@link RecordTime}): ISO-8601 (a
 * date, a date-time with or without an offset) or the write-up's {@code yyyyMMddHHmmss}; bounds
 * without an offset are wall-clock times in {@code restore.timezone}. A wall-clock time that
 * repeats takes its first occurrence; one that is skipped moves on.
 */
public final class RestoreWindowParser {

  private RestoreWindowParser() {}

  /**
   * @return empty for a blank value
   * @throws DateTimeException when the value is in none of the accepted forms
   */
  public static Optional<Instant> parse(String value, ZoneId zone) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(RecordTime.parseBound(value, zone));
  }

  /** What the parser accepts, for documentation and error messages. */
  public static String accepted() {
    return RecordTime.acceptedBounds();
  }
}
