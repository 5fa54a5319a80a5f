package io.timeshard.smt;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Reads date-time text as an instant: with a java.time pattern when one is set, else (or when the
 * text does not match it) as ISO-8601. Text without an offset or zone is local time in {@code
 * zone}; a local time that a daylight-saving change skips moves forward by the length of the gap,
 * and one that it repeats takes the earlier offset ({@link java.time.ZonedDateTime#ofLocal} with no
 * preferred offset). Built once per configuration; {@link #parse} is safe to call from any thread.
 */
final class DateTimeText {
  /**
   * ISO-8601 as records and users write it: a date, optionally followed by {@code T}, a time with
   * optional fraction, an optional offset ({@code Z}, {@code +02:00}) and an optional zone in
   * brackets ({@code [Europe/Madrid]}).
   */
  private static final DateTimeFormatter ISO_8601 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffsetId()
          .optionalEnd()
          .optionalStart()
          .appendLiteral('[')
          .appendZoneRegionId()
          .appendLiteral(']')
          .optionalEnd()
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private final String pattern;
  private final DateTimeFormatter formatter;
  private final ZoneId zone;

  /**
   * @param pattern a java.time pattern, or null for ISO-8601 only
   * @param zone the zone of text that has no offset
   */
  DateTimeText(String pattern, ZoneId zone) {
    this.pattern = pattern;
    this.formatter = pattern == null ? null : formatter(pattern);
    this.zone = zone;
  }

  /**
   * A strict formatter for a pattern. Strict resolving refuses dates such as February 30 that the
   * default (smart) resolving quietly moves, but it also refuses a year of era ({@code yyyy}) that
   * comes without an era; defaulting the era to the current one keeps {@code yyyyMMddHHmmss}
   * working.
   *
   * @throws IllegalArgumentException when the pattern is not a valid java.time pattern
   */
  static DateTimeFormatter formatter(String pattern) {
    return new DateTimeFormatterBuilder()
        .appendPattern(pattern)
        .parseDefaulting(ChronoField.ERA, 1)
        .toFormatter(Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  /**
   * @throws DateTimeException when the text is neither in the pattern nor ISO-8601
   */
  Instant parse(String text) {
    if (formatter != null) {
      try {
        return toInstant(formatter.parse(text));
      } catch (DateTimeException notInPattern) {
        // ISO-8601 is always accepted too.
      }
    }
    return toInstant(ISO_8601.parse(text));
  }

  private Instant toInstant(TemporalAccessor parsed) {
    if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
      return Instant.from(parsed);
    }
    LocalDate date = parsed.query(TemporalQueries.localDate());
    if (date == null) {
      throw new DateTimeException("no calendar date in the text");
    }
    LocalTime time = parsed.query(TemporalQueries.localTime());
    ZoneId parsedZone = parsed.query(TemporalQueries.zone());
    return date.atTime(time == null ? LocalTime.MIDNIGHT : time)
        .atZone(parsedZone == null ? zone : parsedZone)
        .toInstant();
  }

  /** What text is accepted, for error messages: "not " + accepted(). */
  String accepted() {
    String iso = "ISO-8601 (such as 2025-05-16T13:12:00Z)";
    return pattern == null ? iso : "in the pattern '" + pattern + "' or " + iso;
  }
}
