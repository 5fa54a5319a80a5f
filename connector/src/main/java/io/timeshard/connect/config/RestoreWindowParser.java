package io.timeshard.connect.config;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * Reads a restore bound: an ISO-8601 instant or offset date-time ({@code 2025-05-16T13:12:00Z}), an
 * ISO local date-time, or the write-up's {@code yyyyMMddHHmmss}; bounds without an offset are
 * wall-clock times in {@code restore.timezone}.
 */
public final class RestoreWindowParser {

  private static final DateTimeFormatter COMPACT =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

  private RestoreWindowParser() {}

  /**
   * @return empty for a blank value
   * @throws DateTimeParseException when the value is in none of the accepted forms
   */
  public static Optional<Instant> parse(String value, ZoneId zone) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.trim();
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notOffset) {
      // try the forms without an offset
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(text, COMPACT);
    } catch (DateTimeParseException notCompact) {
      local = LocalDateTime.parse(text);
    }
    // A wall-clock time that repeats takes its first occurrence; one that is skipped moves on.
    return Optional.of(ZonedDateTime.ofLocal(local, zone, null).toInstant());
  }

  /** What the parser accepts, for documentation and error messages. */
  public static String accepted() {
    return "an ISO-8601 date-time with offset (2025-05-16T13:12:00Z), or a local date-time"
        + " (2025-05-16T13:12:00 or 20250516131200) read in restore.timezone";
  }
}
