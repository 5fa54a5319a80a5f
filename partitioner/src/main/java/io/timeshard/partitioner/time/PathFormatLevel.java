package io.timeshard.partitioner.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.joda.time.DateTimeFieldType;
import org.joda.time.LocalDateTime;
import org.joda.time.format.DateTimeFormatter;

/**
 * The leading levels of a {@code path.format}, down to one folder level: the Joda pattern that
 * parses a folder path of that depth, and the finest calendar field it names, which is how far the
 * folder reaches.
 */
final class PathFormatLevel {

  /** Calendar fields from the coarsest to the finest, with the Joda letters that name them. */
  private enum Unit {
    YEAR("yY"),
    MONTH("M"),
    DAY("dDeE"),
    HALFDAY("a"),
    HOUR("HkhK"),
    MINUTE("m"),
    SECOND("s"),
    MILLIS("S");

    private final String letters;

    Unit(String letters) {
      this.letters = letters;
    }

    static Optional<Unit> of(char letter) {
      for (Unit unit : values()) {
        if (unit.letters.indexOf(letter) >= 0) {
          return Optional.of(unit);
        }
      }
      return Optional.empty();
    }
  }

  private final String pattern;
  private final DateTimeFormatter formatter;
  private final Unit unit;

  private PathFormatLevel(String pattern, Locale locale, Unit unit) {
    this.pattern = pattern;
    this.formatter = TimeBuckets.formatterFor(pattern, locale);
    this.unit = unit;
  }

  /** One entry per folder level: entry {@code i} parses the first {@code i + 1} levels. */
  static List<PathFormatLevel> split(String pathFormat, Locale locale) {
    if (pathFormat == null || pathFormat.isEmpty()) {
      throw new IllegalArgumentException("path.format must not be empty");
    }
    List<PathFormatLevel> levels = new ArrayList<>();
    Unit finest = null;
    boolean quoted = false;
    for (int i = 0; i < pathFormat.length(); i++) {
      char c = pathFormat.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '/') {
        levels.add(level(pathFormat.substring(0, i), locale, finest));
      } else if (!quoted && (c == 'w' || c == 'x')) {
        // Week-of-weekyear folders do not name one instant around new year (week 1 of 2025 starts
        // on 2024-12-30, and YYYY/ww writes it as 2024/01): pruning by them could drop records.
        throw new IllegalArgumentException(
            "'"
                + pathFormat
                + "' is week-based (the Joda letters w or x), and its folders cannot be placed in"
                + " time exactly around new year, so a window could skip records; restore such a"
                + " backup with partitioner.class="
                + "io.confluent.connect.storage.partitioner.FieldPartitioner, which reads every"
                + " folder without pruning, and restore.timestamp.field for an exact window");
      } else if (!quoted) {
        Optional<Unit> unit = Unit.of(c);
        if (unit.isPresent() && (finest == null || unit.get().compareTo(finest) > 0)) {
          finest = unit.get();
        }
      }
    }
    String whole = pathFormat.endsWith("/") ? null : pathFormat;
    if (whole != null) {
      levels.add(level(whole, locale, finest));
    }
    return List.copyOf(levels);
  }

  private static PathFormatLevel level(String pattern, Locale locale, Unit finest) {
    if (finest == null) {
      throw new IllegalArgumentException(
          "path.format level '" + pattern + "' names no date or time field");
    }
    return new PathFormatLevel(pattern, locale, finest);
  }

  /**
   * Whether folder paths printed with {@code pathFormat} sort as text in the order of their times:
   * every field numeric and of fixed width, from the year down without a gap (year, month, day,
   * hour, minute, second, fraction; or year, day of year, ...), each finer than the one before.
   * {@code YYYY/MM/dd/HH} and {@code 'year'=YYYY/'month'=MM} do; {@code YYYY/M/d} (a single digit
   * for months below 10), {@code YYYY/MMM} (month names), {@code dd/MM/YYYY} and {@code YYYY/hh}
   * (twelve-hour clock) do not. Quoted text is the same in every folder and does not matter.
   */
  static boolean sortsChronologically(String pathFormat) {
    if (pathFormat == null || pathFormat.isEmpty()) {
      return false;
    }
    StringBuilder fields = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < pathFormat.length()) {
      char c = pathFormat.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        i++;
        continue;
      }
      if (quoted || !Character.isLetter(c)) {
        i++;
        continue;
      }
      int run = 1;
      while (i + run < pathFormat.length() && pathFormat.charAt(i + run) == c) {
        run++;
      }
      char field = fixedWidthNumeric(c, run);
      if (field == 0) {
        return false;
      }
      fields.append(field);
      i += run;
    }
    String order = fields.toString();
    return !order.isEmpty()
        && ("YMdHmsS".startsWith(order) || "YDHmsS".startsWith(order))
        && order.indexOf('S') == order.lastIndexOf('S');
  }

  /**
   * The field a run of one pattern letter prints as a number of fixed width ({@code Y} for a
   * four-digit year, then {@code M}, {@code D} (day of year), {@code d}, {@code H}, {@code m},
   * {@code s}, {@code S}), or 0 for any other run.
   */
  private static char fixedWidthNumeric(char letter, int count) {
    switch (letter) {
      case 'Y':
      case 'y':
        return count == 4 ? 'Y' : 0;
      case 'M':
      case 'd':
      case 'H':
      case 'm':
      case 's':
        return count == 2 ? letter : 0;
      case 'D':
        return count == 3 ? 'D' : 0;
      case 'S':
        return 'S';
      default:
        return 0;
    }
  }

  /** The path of the folder whose wall-clock start is {@code wallMillis} (UTC fields). */
  String print(long wallMillis) {
    return formatter.print(wallMillis);
  }

  /** The wall-clock start of the folder, or empty when the path does not fit this pattern. */
  Optional<LocalDateTime> parse(String path) {
    try {
      return Optional.of(formatter.parseLocalDateTime(path));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** The wall-clock start of the next folder at this level. */
  LocalDateTime next(LocalDateTime start) {
    switch (unit) {
      case YEAR:
        return start.plusYears(1);
      case MONTH:
        return start.plusMonths(1);
      case DAY:
        return start.plusDays(1);
      case HALFDAY:
        return start.withFieldAdded(DateTimeFieldType.halfdayOfDay().getDurationType(), 1);
      case HOUR:
        return start.plusHours(1);
      case MINUTE:
        return start.plusMinutes(1);
      case SECOND:
        return start.plusSeconds(1);
      default:
        return start.plusMillis(1);
    }
  }

  @Override
  public String toString() {
    return pattern;
  }
}
