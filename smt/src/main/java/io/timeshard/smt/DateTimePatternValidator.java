package io.timeshard.smt;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts a java.time {@code DateTimeFormatter} pattern, and refuses the week-based year {@code Y}
 * used without a week: {@code YYYYMMdd} is a Joda habit that means something else in java.time.
 */
final class DateTimePatternValidator implements ConfigDef.Validator {
  private final boolean optional;

  private DateTimePatternValidator(boolean optional) {
    this.optional = optional;
  }

  static DateTimePatternValidator required() {
    return new DateTimePatternValidator(false);
  }

  /** Also accepts no value or a blank one, for "not set". */
  static DateTimePatternValidator optional() {
    return new DateTimePatternValidator(true);
  }

  @Override
  public void ensureValid(String name, Object value) {
    if (value == null || value.toString().isBlank()) {
      if (optional) {
        return;
      }
      throw new ConfigException(name, value, "must be " + this);
    }
    String pattern = value.toString();
    try {
      DateTimeText.formatter(pattern);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, "must be " + this + ": " + e.getMessage());
    }
    if (hasUnquoted(pattern, 'Y') && !hasUnquoted(pattern, 'w')) {
      throw new ConfigException(
          name,
          value,
          "Y is the week-based year in java.time patterns and needs a week (w);"
              + " write yyyy or uuuu for the calendar year");
    }
  }

  private static boolean hasUnquoted(String pattern, char letter) {
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == letter && !quoted) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "a java.time DateTimeFormatter pattern such as yyyyMMddHHmmss"
        + " (y or u: year, M: month, d: day, H: hour, m: minute, s: second, S: fraction,"
        + " XXX: offset; Y is the week-based year)";
  }
}
