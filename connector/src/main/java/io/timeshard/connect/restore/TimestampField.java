package io.timeshard.connect.restore;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads a record's time from a value field ({@code restore.timestamp.field}), nested with dots:
 * epoch milliseconds (int64 or int32), a Connect {@code Timestamp}, or an ISO-8601 string; from
 * Structs and from schemaless Maps.
 */
public final class TimestampField {

  private final String name;
  private final String[] path;

  public TimestampField(String name) {
    this.name = name;
    this.path = name.split("\\.");
  }

  public String name() {
    return name;
  }

  /** The field's time in epoch milliseconds; empty when missing, null or unreadable. */
  public OptionalLong millis(Object value) {
    Object current = value;
    for (String step : path) {
      current = child(current, step);
      if (current == null) {
        return OptionalLong.empty();
      }
    }
    return toMillis(current);
  }

  private static Object child(Object parent, String step) {
    if (parent instanceof Struct struct) {
      Field field = struct.schema().field(step);
      return field == null ? null : struct.get(field);
    }
    if (parent instanceof Map<?, ?> map) {
      return map.get(step);
    }
    return null;
  }

  private static OptionalLong toMillis(Object value) {
    if (value instanceof Long || value instanceof Integer) {
      return OptionalLong.of(((Number) value).longValue());
    }
    if (value instanceof Date date) {
      return OptionalLong.of(date.getTime());
    }
    if (value instanceof String text) {
      try {
        return OptionalLong.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
      } catch (DateTimeParseException notOffset) {
        try {
          return OptionalLong.of(Instant.parse(text).toEpochMilli());
        } catch (DateTimeParseException notInstant) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
