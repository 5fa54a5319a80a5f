package io.timeshard.smt;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;

/**
 * Turns the value of a field or header into an instant: a Connect {@code Timestamp} ({@link Date}),
 * an int64 or int32 epoch value in the configured unit, or date-time text.
 */
final class TimeValueParser {
  private static final int MAX_SHOWN_CHARS = 100;

  private final TimestampUnit unit;
  private final DateTimeText text;

  TimeValueParser(TimestampUnit unit, DateTimeText text) {
    this.unit = unit;
    this.text = text;
  }

  /** The instant, or null when the value is of another type or cannot be read as a time. */
  Instant parse(Object value) {
    try {
      if (value instanceof Date date) {
        // Not Date.toInstant(): java.sql.Date refuses it.
        return Instant.ofEpochMilli(date.getTime());
      } else if (value instanceof Long epoch) {
        return unit.toInstant(epoch);
      } else if (value instanceof Integer epoch) {
        return unit.toInstant(epoch);
      } else if (value instanceof String string) {
        return text.parse(string);
      }
    } catch (DateTimeException e) {
      return null;
    }
    return null;
  }

  /** Why {@link #parse} returned null for a value that is not null, in the words "holds ...". */
  String whyUnusable(Object value) {
    if (value instanceof Long || value instanceof Integer) {
      return "holds "
          + value
          + ", which is beyond the range of time as an epoch value in "
          + unit.name().toLowerCase(Locale.ROOT);
    } else if (value instanceof String string) {
      return "holds '" + shorten(string) + "', which is not " + text.accepted();
    }
    return "holds "
        + shorten(String.valueOf(value))
        + " ("
        + value.getClass().getName()
        + "), which is not a Connect Timestamp, an int64 or int32 epoch value or a string";
  }

  private static String shorten(String shown) {
    return shown.length() <= MAX_SHOWN_CHARS ? shown : shown.substring(0, MAX_SHOWN_CHARS) + "...";
  }
}
