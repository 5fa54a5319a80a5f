package io.timeshard.partitioner;

import io.timeshard.partitioner.key.ExtensionTable;
import io.timeshard.partitioner.key.ObjectKeyParser;
import io.timeshard.partitioner.time.TimeBuckets;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.joda.time.DateTimeZone;

/**
 * The layout keys of the sink that wrote the backup. Users copy them from their sink configuration;
 * their names and meanings are the sinks'.
 */
public class PartitionerConfig extends AbstractConfig {

  public static final String GROUP = "Backup layout";

  public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";
  public static final String PARTITIONER_CLASS_DEFAULT =
      "io.timeshard.partitioner.layout.DefaultRestorePartitioner";
  private static final String PARTITIONER_CLASS_DOC =
      "The layout of the backup: a Timeshard restore partitioner, the sink's own partitioner class"
          + " name (io.confluent.connect.storage.partitioner.DefaultPartitioner, FieldPartitioner,"
          + " TimeBasedPartitioner, HourlyPartitioner, DailyPartitioner), which is read as the"
          + " matching Timeshard class, or any class on the plugin's class path that implements "
          + RestorePartitioner.class.getName()
          + ".";
  private static final String PARTITIONER_CLASS_DISPLAY = "Partitioner class";

  public static final String TOPICS_DIR_CONFIG = "topics.dir";
  public static final String TOPICS_DIR_DEFAULT = "topics";
  private static final String TOPICS_DIR_DOC =
      "The folder under which the sink wrote one folder per topic. May hold several levels"
          + " (backups/prod) or be empty, when topic folders sit at the top of the container.";
  private static final String TOPICS_DIR_DISPLAY = "Topics directory";

  public static final String DIRECTORY_DELIM_CONFIG = "directory.delim";
  public static final String DIRECTORY_DELIM_DEFAULT = "/";
  private static final String DIRECTORY_DELIM_DOC = "The sink's directory delimiter.";
  private static final String DIRECTORY_DELIM_DISPLAY = "Directory delimiter";

  public static final String PATH_FORMAT_CONFIG = "path.format";
  private static final String PATH_FORMAT_DOC =
      "Time-based layouts: the sink's Joda-Time pattern for the time folders, e.g."
          + " 'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH. In Joda patterns YYYY is the year of era."
          + " Required by the time-based partitioner; the hourly and daily ones fix it.";
  private static final String PATH_FORMAT_DISPLAY = "Path format";

  public static final String PARTITION_DURATION_MS_CONFIG = "partition.duration.ms";
  private static final String PARTITION_DURATION_MS_DOC =
      "Time-based layouts: the sink's bucket length in milliseconds. It may be shorter than the"
          + " finest folder level (60000 with hourly folders). Required by the time-based"
          + " partitioner; the hourly and daily ones fix it.";
  private static final String PARTITION_DURATION_MS_DISPLAY = "Partition duration (ms)";

  public static final String LOCALE_CONFIG = "locale";
  public static final String LOCALE_DEFAULT = "en";
  private static final String LOCALE_DOC =
      "Time-based layouts: the sink's locale, as a language tag (en-US) or in Java's form (en_US).";
  private static final String LOCALE_DISPLAY = "Locale";

  public static final String TIMEZONE_CONFIG = "timezone";
  private static final String TIMEZONE_DOC =
      "Time-based layouts: the sink's time zone ID, e.g. Europe/Madrid or UTC. Required for"
          + " time-based, hourly and daily layouts: folder times are wall-clock times in it.";
  private static final String TIMEZONE_DISPLAY = "Time zone";

  public static final String TIMESTAMP_EXTRACTOR_CONFIG = "timestamp.extractor";
  public static final String TIMESTAMP_EXTRACTOR_DEFAULT = "Wallclock";
  private static final String TIMESTAMP_EXTRACTOR_DOC =
      "The sink's timestamp extractor (Wallclock, Record, RecordField). Accepted for"
          + " compatibility: time folders are read the same way whatever wrote them. With"
          + " Wallclock, folder times are the times of writing, so a restore window prunes by"
          + " the time the sink wrote the records.";
  private static final String TIMESTAMP_EXTRACTOR_DISPLAY = "Timestamp extractor";

  public static final String PARTITION_FIELD_NAME_CONFIG = "partition.field.name";
  private static final String PARTITION_FIELD_NAME_DOC =
      "Field layouts: the sink's partition fields. Accepted for compatibility: the restore reads"
          + " the Kafka partition from each file name, whatever the folders are.";
  private static final String PARTITION_FIELD_NAME_DISPLAY = "Partition fields";

  public static final String BYTEARRAY_EXTENSION_CONFIG = "format.bytearray.extension";
  private static final String BYTEARRAY_EXTENSION_DOC =
      "The extension the byte-array format wrote (gzip adds .gz after it).";
  private static final String BYTEARRAY_EXTENSION_DISPLAY = "Byte-array extension";

  /**
   * How many folder listings planning sends at once. Defined and documented with the connector's
   * performance keys; read here, leniently, from the configuration the partitioner receives.
   */
  public static final String LIST_CONCURRENCY_CONFIG = "restore.list.concurrency";

  public static final int LIST_CONCURRENCY_DEFAULT = 8;

  public static final String TOMBSTONE_ENCODED_PARTITION_CONFIG = "tombstone.encoded.partition";
  public static final String TOMBSTONE_ENCODED_PARTITION_DEFAULT = "tombstone";
  private static final String TOMBSTONE_ENCODED_PARTITION_DOC =
      "The folder where the sink wrote tombstones (behavior.on.null.values=write): keys-only"
          + " objects in it are restored as records with a null value, each key with its headers"
          + " where a headers object sits beside it. It takes the place of the encoded partition"
          + " (topics/<topic>/tombstone/ in a time-based layout too) and is read whatever the"
          + " restore window.";
  private static final String TOMBSTONE_ENCODED_PARTITION_DISPLAY = "Tombstone folder";

  public static final ConfigDef CONFIG_DEF = addTo(new ConfigDef());

  public PartitionerConfig(Map<?, ?> originals) {
    super(CONFIG_DEF, originals, false);
  }

  /** Adds the layout keys to another plugin's definition (the connector's). */
  public static ConfigDef addTo(ConfigDef def) {
    int order = 0;
    return def.define(
            PARTITIONER_CLASS_CONFIG,
            Type.STRING,
            PARTITIONER_CLASS_DEFAULT,
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            PARTITIONER_CLASS_DOC,
            GROUP,
            ++order,
            Width.LONG,
            PARTITIONER_CLASS_DISPLAY)
        .define(
            TOPICS_DIR_CONFIG,
            Type.STRING,
            TOPICS_DIR_DEFAULT,
            TopicsDirValidator.INSTANCE,
            Importance.HIGH,
            TOPICS_DIR_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            TOPICS_DIR_DISPLAY)
        .define(
            DIRECTORY_DELIM_CONFIG,
            Type.STRING,
            DIRECTORY_DELIM_DEFAULT,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            DIRECTORY_DELIM_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            DIRECTORY_DELIM_DISPLAY)
        .define(
            PATH_FORMAT_CONFIG,
            Type.STRING,
            null,
            Importance.MEDIUM,
            PATH_FORMAT_DOC,
            GROUP,
            ++order,
            Width.LONG,
            PATH_FORMAT_DISPLAY)
        .define(
            PARTITION_DURATION_MS_CONFIG,
            Type.LONG,
            null,
            PositiveOrNull.INSTANCE,
            Importance.MEDIUM,
            PARTITION_DURATION_MS_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            PARTITION_DURATION_MS_DISPLAY)
        .define(
            LOCALE_CONFIG,
            Type.STRING,
            LOCALE_DEFAULT,
            LocaleValidator.INSTANCE,
            Importance.LOW,
            LOCALE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            LOCALE_DISPLAY)
        .define(
            TIMEZONE_CONFIG,
            Type.STRING,
            null,
            TimeZoneValidator.INSTANCE,
            Importance.MEDIUM,
            TIMEZONE_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            TIMEZONE_DISPLAY)
        .define(
            TIMESTAMP_EXTRACTOR_CONFIG,
            Type.STRING,
            TIMESTAMP_EXTRACTOR_DEFAULT,
            TimestampExtractorValidator.INSTANCE,
            Importance.LOW,
            TIMESTAMP_EXTRACTOR_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            TIMESTAMP_EXTRACTOR_DISPLAY)
        .define(
            PARTITION_FIELD_NAME_CONFIG,
            Type.LIST,
            "",
            Importance.LOW,
            PARTITION_FIELD_NAME_DOC,
            GROUP,
            ++order,
            Width.MEDIUM,
            PARTITION_FIELD_NAME_DISPLAY)
        .define(
            BYTEARRAY_EXTENSION_CONFIG,
            Type.STRING,
            ExtensionTable.DEFAULT_BYTES_EXTENSION,
            Importance.LOW,
            BYTEARRAY_EXTENSION_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            BYTEARRAY_EXTENSION_DISPLAY)
        .define(
            TOMBSTONE_ENCODED_PARTITION_CONFIG,
            Type.STRING,
            TOMBSTONE_ENCODED_PARTITION_DEFAULT,
            new ConfigDef.NonEmptyStringWithoutControlChars(),
            Importance.LOW,
            TOMBSTONE_ENCODED_PARTITION_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            TOMBSTONE_ENCODED_PARTITION_DISPLAY);
  }

  /** The value of {@code partitioner.class}: a sink alias or a class name. */
  public String partitionerClass() {
    return getString(PARTITIONER_CLASS_CONFIG);
  }

  /** The parser of object keys for {@code topics.dir}, {@code directory.delim} and the formats. */
  public ObjectKeyParser keyParser() {
    return new ObjectKeyParser(
        getString(TOPICS_DIR_CONFIG),
        getString(DIRECTORY_DELIM_CONFIG),
        ExtensionTable.withBytesExtension(getString(BYTEARRAY_EXTENSION_CONFIG)),
        getString(TOMBSTONE_ENCODED_PARTITION_CONFIG));
  }

  /** {@value #LIST_CONCURRENCY_CONFIG}, or its default when absent. */
  public int listConcurrency() {
    Object value = originals().get(LIST_CONCURRENCY_CONFIG);
    if (value == null || value.toString().isBlank()) {
      return LIST_CONCURRENCY_DEFAULT;
    }
    try {
      int parsed = Integer.parseInt(value.toString().trim());
      if (parsed < 1) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(LIST_CONCURRENCY_CONFIG, value, "must be a positive number");
    }
  }

  public Locale locale() {
    return parseLocale(getString(LOCALE_CONFIG));
  }

  /** Reads both {@code en-US} and {@code en_US}. */
  public static Locale parseLocale(String value) {
    return value == null || value.isBlank()
        ? Locale.ROOT
        : Locale.forLanguageTag(value.trim().replace('_', '-'));
  }

  /**
   * The time buckets of a time-based layout, from {@code path.format}, {@code
   * partition.duration.ms}, {@code locale} and {@code timezone}.
   */
  public TimeBuckets timeBuckets() {
    String pathFormat = getString(PATH_FORMAT_CONFIG);
    Long duration = getLong(PARTITION_DURATION_MS_CONFIG);
    if (pathFormat == null || pathFormat.isBlank()) {
      throw new ConfigException(
          PATH_FORMAT_CONFIG, pathFormat, "a time-based layout needs the sink's path.format");
    }
    if (duration == null) {
      throw new ConfigException(
          PARTITION_DURATION_MS_CONFIG,
          null,
          "a time-based layout needs the sink's partition.duration.ms");
    }
    return timeBuckets(pathFormat, duration);
  }

  /** Time buckets with a preset path format and duration (hourly and daily layouts). */
  public TimeBuckets timeBuckets(String pathFormat, long durationMs) {
    try {
      return TimeBuckets.of(pathFormat, durationMs, locale(), zone());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(PATH_FORMAT_CONFIG, pathFormat, e.getMessage());
    }
  }

  private DateTimeZone zone() {
    String zone = getString(TIMEZONE_CONFIG);
    if (zone == null || zone.isBlank()) {
      throw new ConfigException(
          TIMEZONE_CONFIG,
          zone,
          "a time-based layout needs the sink's timezone: folder times are wall-clock times in it");
    }
    return DateTimeZone.forID(zone);
  }

  /** Accepts a positive number or nothing. */
  static final class PositiveOrNull implements ConfigDef.Validator {
    static final PositiveOrNull INSTANCE = new PositiveOrNull();

    @Override
    public void ensureValid(String name, Object value) {
      if (value != null && ((Long) value) <= 0) {
        throw new ConfigException(name, value, "must be a positive number of milliseconds");
      }
    }

    @Override
    public String toString() {
      return "a positive number of milliseconds";
    }
  }

  /** Accepts a time zone ID that Joda-Time knows, as the sinks do. */
  static final class TimeZoneValidator implements ConfigDef.Validator {
    static final TimeZoneValidator INSTANCE = new TimeZoneValidator();

    @Override
    public void ensureValid(String name, Object value) {
      if (value == null || ((String) value).isBlank()) {
        return;
      }
      try {
        DateTimeZone.forID((String) value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, "not a time zone ID, e.g. UTC or Europe/Madrid");
      }
    }

    @Override
    public String toString() {
      return "a time zone ID, e.g. UTC or Europe/Madrid";
    }
  }

  /** Accepts a language tag or a Java locale name whose language Java knows (en, en-US, en_US). */
  static final class LocaleValidator implements ConfigDef.Validator {
    static final LocaleValidator INSTANCE = new LocaleValidator();

    private static final java.util.Set<String> LANGUAGES =
        java.util.Set.of(Locale.getISOLanguages());

    @Override
    public void ensureValid(String name, Object value) {
      if (value == null || ((String) value).isBlank()) {
        return;
      }
      Locale locale = parseLocale((String) value);
      if (!LANGUAGES.contains(locale.getLanguage())) {
        throw new ConfigException(
            name, value, "not a locale: write the sink's locale, e.g. en, en-US or en_US");
      }
    }

    @Override
    public String toString() {
      return "a locale such as en, en-US or en_US";
    }
  }

  /**
   * Accepts the sinks' extractors ({@code Wallclock}, {@code Record}, {@code RecordField}) or a
   * class name (a custom extractor of the sink: folders are read the same way).
   */
  static final class TimestampExtractorValidator implements ConfigDef.Validator {
    static final TimestampExtractorValidator INSTANCE = new TimestampExtractorValidator();

    private static final java.util.List<String> NAMES =
        java.util.List.of("Wallclock", "Record", "RecordField");

    @Override
    public void ensureValid(String name, Object value) {
      String text = value == null ? "" : ((String) value).trim();
      if (NAMES.contains(text) || text.contains(".")) {
        return;
      }
      String suggestion =
          NAMES.stream().filter(n -> n.equalsIgnoreCase(text)).findFirst().orElse(null);
      throw new ConfigException(
          name,
          value,
          suggestion != null
              ? "write " + suggestion + " (the names are case-sensitive)"
              : "write one of " + NAMES + ", as in the sink's configuration");
    }

    @Override
    public String toString() {
      return "Wallclock, Record, RecordField or a class name";
    }
  }

  /** Refuses a {@code topics.dir} that starts with a slash: object keys never do. */
  static final class TopicsDirValidator implements ConfigDef.Validator {
    static final TopicsDirValidator INSTANCE = new TopicsDirValidator();

    @Override
    public void ensureValid(String name, Object value) {
      String dir = value == null ? "" : (String) value;
      if (dir.startsWith("/")) {
        String fixed = dir.replaceAll("^/+", "");
        throw new ConfigException(
            name,
            value,
            "object keys do not start with '/': write "
                + (fixed.isEmpty() ? "an empty topics.dir" : "topics.dir=" + fixed));
      }
    }

    @Override
    public String toString() {
      return "a folder without a leading '/', e.g. topics or backups/prod; may be empty";
    }
  }
}
