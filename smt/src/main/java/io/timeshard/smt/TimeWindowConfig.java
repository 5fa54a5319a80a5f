package io.timeshard.smt;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The options that {@link FilterByFieldTimestamp} and {@link TimestampInWindow} share: where a
 * record's time comes from, and the window [start, end) it is compared with.
 */
public abstract class TimeWindowConfig extends AbstractConfig {
  private static final String TIME_GROUP = "Record time";
  private static final String WINDOW_GROUP = "Window";

  public static final String TIMESTAMP_SOURCE_CONFIG = "timestamp.source";
  public static final String TIMESTAMP_SOURCE_DOC =
      "Where the time of a record comes from: 'field' reads timestamp.field from the record value"
          + " (or from the key, with the $Key variant), 'record' takes the record's own timestamp"
          + " and 'header' reads the header named by timestamp.header.";
  public static final String TIMESTAMP_SOURCE_DEFAULT = "field";
  public static final String TIMESTAMP_SOURCE_DISPLAY = "Time source";

  public static final String TIMESTAMP_FIELD_CONFIG = "timestamp.field";
  public static final String TIMESTAMP_FIELD_DOC =
      "The field that holds the time, required when timestamp.source is 'field'. Nested fields"
          + " are written with dots (meta.ts) and looked up through Structs and schemaless Maps."
          + " The field may hold a Connect Timestamp, an int64 or int32 epoch value in"
          + " timestamp.unit, or a string in ISO-8601 or in timestamp.format.";
  public static final String TIMESTAMP_FIELD_DISPLAY = "Time field";

  public static final String TIMESTAMP_HEADER_CONFIG = "timestamp.header";
  public static final String TIMESTAMP_HEADER_DOC =
      "The header that holds the time, required when timestamp.source is 'header'; of repeated"
          + " headers the last one counts. It may hold the same types as timestamp.field.";
  public static final String TIMESTAMP_HEADER_DISPLAY = "Time header";

  public static final String TIMESTAMP_UNIT_CONFIG = "timestamp.unit";
  public static final String TIMESTAMP_UNIT_DOC =
      "The unit of int64 and int32 epoch values: ms (milliseconds), s (seconds),"
          + " us (microseconds) or ns (nanoseconds).";
  public static final String TIMESTAMP_UNIT_DEFAULT = "ms";
  public static final String TIMESTAMP_UNIT_DISPLAY = "Epoch unit";

  public static final String TIMESTAMP_FORMAT_CONFIG = "timestamp.format";
  public static final String TIMESTAMP_FORMAT_DOC =
      "A java.time DateTimeFormatter pattern for times written as strings, such as"
          + " 'yyyy-MM-dd HH:mm:ss'. Strings that do not match it, or all strings when it is not"
          + " set, are read as ISO-8601: 2025-05-16T13:12:00Z, 2025-05-16T15:12:00.250+02:00,"
          + " 2025-05-16T13:12:00 or 2025-05-16. Times without an offset are in timezone.";
  public static final String TIMESTAMP_FORMAT_DISPLAY = "Time format of strings";

  public static final String START_DATETIME_CONFIG = "start.datetime";
  public static final String START_DATETIME_DOC =
      "The start of the window, inclusive: a record at exactly this time is inside, one a"
          + " millisecond earlier is outside. Written in datetime.format or in ISO-8601"
          + " (2025-05-16T13:12:00Z); without an offset it is local time in timezone. Leave it"
          + " out for a window open to the past.";
  public static final String START_DATETIME_DISPLAY = "Window start (inclusive)";

  public static final String END_DATETIME_CONFIG = "end.datetime";
  public static final String END_DATETIME_DOC =
      "The end of the window, exclusive: a record at exactly this time is outside, one a"
          + " millisecond earlier is inside. Written like start.datetime, and after it. Leave it"
          + " out for a window open to the future.";
  public static final String END_DATETIME_DISPLAY = "Window end (exclusive)";

  public static final String DATETIME_FORMAT_CONFIG = "datetime.format";
  public static final String DATETIME_FORMAT_DOC =
      "The java.time DateTimeFormatter pattern of start.datetime and end.datetime, which may"
          + " also be written in ISO-8601. In these patterns y (or u) is the year and Y the"
          + " week-based year; dates are checked strictly, so 20250230000000 is refused.";
  public static final String DATETIME_FORMAT_DEFAULT = "yyyyMMddHHmmss";
  public static final String DATETIME_FORMAT_DISPLAY = "Window bound format";

  public static final String TIMEZONE_CONFIG = "timezone";
  public static final String TIMEZONE_DOC =
      "The time zone of bounds and string times written without an offset. A local time that a"
          + " daylight-saving change skips moves forward by the length of the gap (in"
          + " Europe/Madrid, 02:30 on the spring-forward night is 03:30+02:00); one that it"
          + " repeats takes the earlier offset (02:30 on the autumn night is 02:30+02:00).";
  public static final String TIMEZONE_DEFAULT = "UTC";
  public static final String TIMEZONE_DISPLAY = "Time zone";

  /** The key of what to do with records without a usable time; each plugin documents its own. */
  public static final String ON_MISSING_CONFIG = "on.missing";

  private static final OneOf<TimestampSource> SOURCES = new OneOf<>(TimestampSource.class);
  private static final OneOf<TimestampUnit> UNITS = new OneOf<>(TimestampUnit.class);

  private final TimestampSource source;
  private final FieldPath field;
  private final String header;
  private final TimeValueParser values;
  private final TimeWindow window;

  TimeWindowConfig(ConfigDef definition, Map<?, ?> props) {
    super(definition, props, false);
    ZoneId zone = ZoneId.of(getString(TIMEZONE_CONFIG));
    DateTimeText boundText = new DateTimeText(getString(DATETIME_FORMAT_CONFIG), zone);
    Instant start = bound(START_DATETIME_CONFIG, boundText);
    Instant end = bound(END_DATETIME_CONFIG, boundText);
    try {
      window = new TimeWindow(start, end);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          END_DATETIME_CONFIG,
          getString(END_DATETIME_CONFIG),
          "must be after start.datetime ("
              + start
              + "): the end is exclusive, so this window would hold no time");
    }
    source = SOURCES.parse(getString(TIMESTAMP_SOURCE_CONFIG));
    field = source == TimestampSource.FIELD ? fieldPath() : null;
    header = source == TimestampSource.HEADER ? required(TIMESTAMP_HEADER_CONFIG) : null;
    values =
        new TimeValueParser(
            UNITS.parse(getString(TIMESTAMP_UNIT_CONFIG)),
            new DateTimeText(optional(TIMESTAMP_FORMAT_CONFIG), zone));
  }

  /** Adds the shared options to a plugin's definition. */
  static ConfigDef define(ConfigDef definition) {
    int order = 0;
    definition
        .define(
            TIMESTAMP_SOURCE_CONFIG,
            Type.STRING,
            TIMESTAMP_SOURCE_DEFAULT,
            SOURCES,
            Importance.HIGH,
            TIMESTAMP_SOURCE_DOC,
            TIME_GROUP,
            ++order,
            Width.SHORT,
            TIMESTAMP_SOURCE_DISPLAY)
        .define(
            TIMESTAMP_FIELD_CONFIG,
            Type.STRING,
            null,
            Importance.HIGH,
            TIMESTAMP_FIELD_DOC,
            TIME_GROUP,
            ++order,
            Width.MEDIUM,
            TIMESTAMP_FIELD_DISPLAY)
        .define(
            TIMESTAMP_HEADER_CONFIG,
            Type.STRING,
            null,
            Importance.MEDIUM,
            TIMESTAMP_HEADER_DOC,
            TIME_GROUP,
            ++order,
            Width.MEDIUM,
            TIMESTAMP_HEADER_DISPLAY)
        .define(
            TIMESTAMP_UNIT_CONFIG,
            Type.STRING,
            TIMESTAMP_UNIT_DEFAULT,
            UNITS,
            Importance.MEDIUM,
            TIMESTAMP_UNIT_DOC,
            TIME_GROUP,
            ++order,
            Width.SHORT,
            TIMESTAMP_UNIT_DISPLAY)
        .define(
            TIMESTAMP_FORMAT_CONFIG,
            Type.STRING,
            null,
            DateTimePatternValidator.optional(),
            Importance.MEDIUM,
            TIMESTAMP_FORMAT_DOC,
            TIME_GROUP,
            ++order,
            Width.MEDIUM,
            TIMESTAMP_FORMAT_DISPLAY);
    order = 0;
    return definition
        .define(
            START_DATETIME_CONFIG,
            Type.STRING,
            null,
            Importance.HIGH,
            START_DATETIME_DOC,
            WINDOW_GROUP,
            ++order,
            Width.MEDIUM,
            START_DATETIME_DISPLAY)
        .define(
            END_DATETIME_CONFIG,
            Type.STRING,
            null,
            Importance.HIGH,
            END_DATETIME_DOC,
            WINDOW_GROUP,
            ++order,
            Width.MEDIUM,
            END_DATETIME_DISPLAY)
        .define(
            DATETIME_FORMAT_CONFIG,
            Type.STRING,
            DATETIME_FORMAT_DEFAULT,
            DateTimePatternValidator.required(),
            Importance.MEDIUM,
            DATETIME_FORMAT_DOC,
            WINDOW_GROUP,
            ++order,
            Width.MEDIUM,
            DATETIME_FORMAT_DISPLAY)
        .define(
            TIMEZONE_CONFIG,
            Type.STRING,
            TIMEZONE_DEFAULT,
            new ZoneIdValidator(),
            Importance.MEDIUM,
            TIMEZONE_DOC,
            WINDOW_GROUP,
            ++order,
            Width.SHORT,
            TIMEZONE_DISPLAY);
  }

  /** Reads the time of records; {@code part} is where a field is read from. */
  RecordTimeReader timeReader(RecordPart part) {
    return switch (source) {
      case FIELD -> RecordTimeReader.field(field, part, values);
      case HEADER -> RecordTimeReader.header(header, values);
      case RECORD -> RecordTimeReader.timestamp();
    };
  }

  TimeWindow window() {
    return window;
  }

  private Instant bound(String name, DateTimeText text) {
    String value = optional(name);
    if (value == null) {
      return null;
    }
    try {
      return text.parse(value);
    } catch (DateTimeException e) {
      throw new ConfigException(name, value, "is not a date-time " + text.accepted());
    }
  }

  private FieldPath fieldPath() {
    String value = required(TIMESTAMP_FIELD_CONFIG);
    try {
      return FieldPath.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(TIMESTAMP_FIELD_CONFIG, value, e.getMessage());
    }
  }

  private String required(String name) {
    String value = optional(name);
    if (value == null) {
      throw new ConfigException(
          name,
          getString(name),
          "is required when "
              + TIMESTAMP_SOURCE_CONFIG
              + " is "
              + getString(TIMESTAMP_SOURCE_CONFIG));
    }
    return value;
  }

  /** The value of a string option, or null when it is not set or blank. */
  private String optional(String name) {
    String value = getString(name);
    return value == null || value.isBlank() ? null : value;
  }
}
