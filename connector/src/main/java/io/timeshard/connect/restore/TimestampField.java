package io.timeshard.connect.restore;

import io.timeshard.smt.RecordTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads a record's time from a value field ({@code restore.timestamp.field}), nested with dots, as
 * the time-window transforms read theirs ({@link RecordTime}): epoch milliseconds (int64 or int32),
 * a Connect {@code Timestamp}, or ISO-8601 text; from Structs and from schemaless Maps. A field
 * that is null is absent: its schema's default is never taken for the record's time.
 */
public final class TimestampField {

  private final String name;
  private final String[] path;
  private final Function<Object, Instant> values;

  public TimestampField(String name) {
    this(name, ZoneOffset.UTC);
  }

  /**
   * @param zone the zone of text without an offset
   */
  public TimestampField(String name, ZoneId zone) {
    this.name = name;
    this.path = name.split("\\.");
    this.values = RecordTime.valueReader(zone);
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
    Instant time = values.apply(current);
    return time == null ? OptionalLong.empty() : OptionalLong.of(time.toEpochMilli());
  }

  private static Object child(Object parent, String step) {
    if (parent instanceof Struct struct) {
      Field field = struct.schema().field(step);
      return field == null ? null : struct.getWithoutDefault(step);
    }
    if (parent instanceof Map<?, ?> map) {
      return map.get(step);
    }
    return null;
  }
}
