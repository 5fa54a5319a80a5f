package io.timeshard.smt;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * The one reading of time that the restore connector and these transforms share, so that a bound or
 * a field that one accepts the other reads the same way.
 *
 * <ul>
 *   <li>Window bounds ({@code restore.start}, {@code start.datetime}, ...): the write-up's {@code
 *       yyyyMMddHHmmss} or ISO-8601, a date alone ({@code 2025-05-16}, its midnight), a date-time
 *       with or without an offset or a bracketed zone; text without an offset is wall-clock time in
 *       the given zone.
 *   <li>Field values: a Connect {@code Timestamp}, int64 or int32 epoch milliseconds, or ISO-8601
 *       text as above. A field that is null is absent: its schema's default is never read as a
 *       time.
 * </ul>
 */
public final class RecordTime {

  /** The pattern of the write-up's bounds, accepted beside ISO-8601. */
  public static final String COMPACT_PATTERN = TimeWindowConfig.DATETIME_FORMAT_DEFAULT;

  private RecordTime() {}

  /**
   * A window bound.
   *
   * @throws DateTimeException when the text is in none of the accepted forms
   */
  public static Instant parseBound(String text, ZoneId zone) {
    return new DateTimeText(COMPACT_PATTERN, zone).parse(text.trim());
  }

  /** The forms {@link #parseBound} accepts, for documentation and messages: "not " + this. */
  public static String acceptedBounds() {
    return "an ISO-8601 date or date-time, with or without an offset (2025-05-16,"
        + " 2025-05-16T13:12:00Z, 2025-05-16T13:12:00), or "
        + COMPACT_PATTERN
        + " (20250516131200); without an offset, a wall-clock time in the window's time zone";
  }

  /**
   * The time a field value holds, or null when it holds none: null, another type, or text in no
   * accepted form.
   *
   * @param zone the zone of text without an offset
   */
  public static Instant ofValue(Object value, ZoneId zone) {
    return valueReader(zone).apply(value);
  }

  /** {@link #ofValue} for one zone, built once: safe to call from any thread. */
  public static Function<Object, Instant> valueReader(ZoneId zone) {
    TimeValueParser parser = new TimeValueParser(TimestampUnit.MS, new DateTimeText(null, zone));
    return value -> value == null ? null : parser.parse(value);
  }
}
