package io.timeshard.connect.format;

import io.timeshard.connect.format.avro.AvroRecordFormat;
import io.timeshard.partitioner.key.BackupFormat;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The format keys of the sink that wrote the backup. Users copy them from their sink configuration;
 * their names and meanings are the sinks'.
 */
public class FormatConfig extends AbstractConfig {

  public static final String GROUP = "Format";

  public static final String FORMAT_CLASS_CONFIG = "format.class";
  public static final String FORMAT_CLASS_DEFAULT = AvroRecordFormat.class.getName();
  private static final String FORMAT_CLASS_DOC =
      "The format of the backup's value objects: the sink's own format.class (the AvroFormat,"
          + " JsonFormat, ByteArrayFormat or ParquetFormat of the Azure Blob Storage, GCS or S3"
          + " sink) or a Timeshard format class. Each object is read in the format its extension"
          + " names, so key and header companions in another format are read too. Parquet objects"
          + " are read in ranges, never whole, with the parquet.codec none, snappy, gzip, zstd,"
          + " lz4 or lz4_raw; lzo and brotli cannot be read.";
  private static final String FORMAT_CLASS_DISPLAY = "Format class";

  public static final String JSON_SCHEMA_ENABLE_CONFIG = "format.json.schema.enable";
  public static final boolean JSON_SCHEMA_ENABLE_DEFAULT = false;
  private static final String JSON_SCHEMA_ENABLE_DOC =
      "JSON backups: whether each line is an envelope {\"schema\": ..., \"payload\": ...}. The"
          + " sinks write JSON without schemas, so records are restored schemaless by default.";
  private static final String JSON_SCHEMA_ENABLE_DISPLAY = "JSON lines carry schemas";

  public static final String BYTEARRAY_SEPARATOR_CONFIG = "format.bytearray.separator";
  public static final String BYTEARRAY_SEPARATOR_DEFAULT = "\n";
  private static final String BYTEARRAY_SEPARATOR_DOC =
      "Byte-array backups: the sink's format.bytearray.separator, the bytes that follow each"
          + " record, taken exactly as given (white space included). Default: a line feed, the"
          + " sinks' default on Linux. Sinks that ran on Windows wrote a carriage return and a line"
          + " feed.";
  private static final String BYTEARRAY_SEPARATOR_DISPLAY = "Byte-array separator";

  public static final ConfigDef CONFIG_DEF = addTo(new ConfigDef());

  public FormatConfig(Map<?, ?> originals) {
    super(CONFIG_DEF, originals, false);
    if (byteArraySeparator().isEmpty()) {
      throw new ConfigException(
          BYTEARRAY_SEPARATOR_CONFIG, "", "must not be empty: records could not be told apart");
    }
  }

  /** Adds the format keys to another plugin's definition (the connector's). */
  public static ConfigDef addTo(ConfigDef def) {
    int order = 0;
    return def.define(
            FORMAT_CLASS_CONFIG,
            Type.STRING,
            FORMAT_CLASS_DEFAULT,
            FormatClassValidator.INSTANCE,
            Importance.HIGH,
            FORMAT_CLASS_DOC,
            GROUP,
            ++order,
            Width.LONG,
            FORMAT_CLASS_DISPLAY)
        .define(
            JSON_SCHEMA_ENABLE_CONFIG,
            Type.BOOLEAN,
            JSON_SCHEMA_ENABLE_DEFAULT,
            Importance.LOW,
            JSON_SCHEMA_ENABLE_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            JSON_SCHEMA_ENABLE_DISPLAY)
        .define(
            BYTEARRAY_SEPARATOR_CONFIG,
            Type.STRING,
            BYTEARRAY_SEPARATOR_DEFAULT,
            Importance.LOW,
            BYTEARRAY_SEPARATOR_DOC,
            GROUP,
            ++order,
            Width.SHORT,
            BYTEARRAY_SEPARATOR_DISPLAY);
  }

  public String formatClass() {
    return getString(FORMAT_CLASS_CONFIG);
  }

  /** The format {@code format.class} names. */
  public BackupFormat format() {
    return RecordFormats.formatOf(formatClass());
  }

  public boolean jsonSchemaEnable() {
    return getBoolean(JSON_SCHEMA_ENABLE_CONFIG);
  }

  /**
   * The separator exactly as given: string keys are trimmed when parsed, which would turn a line
   * feed into nothing, so it is read from the original value.
   */
  public String byteArraySeparator() {
    Object original = originals().get(BYTEARRAY_SEPARATOR_CONFIG);
    if (original == null) {
      return BYTEARRAY_SEPARATOR_DEFAULT;
    }
    return original instanceof String text ? text : original.toString();
  }

  public byte[] byteArraySeparatorBytes() {
    return byteArraySeparator().getBytes(StandardCharsets.UTF_8);
  }

  /** The connector's memory cap, which bounds the length of one record of JSON and bytes. */
  static final String BUFFER_MAX_BYTES_KEY = "restore.buffer.max.bytes";

  /**
   * The longest record a JSON or byte-array reader accepts: a quarter of {@code
   * restore.buffer.max.bytes}, the share of the cap one object is streamed through.
   */
  public long maxRecordBytes() {
    Object cap = originals().get(BUFFER_MAX_BYTES_KEY);
    if (cap == null) {
      return SeparatedRecords.DEFAULT_MAX_RECORD_BYTES;
    }
    try {
      return Math.max(1, Long.parseLong(cap.toString().trim()) / 4);
    } catch (NumberFormatException e) {
      return SeparatedRecords.DEFAULT_MAX_RECORD_BYTES;
    }
  }

  /** A reader for the values' format. */
  public RecordFormat recordFormat() {
    return RecordFormats.create(format(), this);
  }

  /** A reader for objects of {@code format} (as an object's extension names it). */
  public RecordFormat recordFormat(BackupFormat format) {
    return RecordFormats.create(format, this);
  }

  /** Accepts the format class names of {@link RecordFormats}. */
  static final class FormatClassValidator implements ConfigDef.Validator {
    static final FormatClassValidator INSTANCE = new FormatClassValidator();

    @Override
    public void ensureValid(String name, Object value) {
      RecordFormats.formatOf((String) value);
    }

    @Override
    public String toString() {
      return "a storage sink's AvroFormat, JsonFormat, ByteArrayFormat or ParquetFormat class"
          + " name, or a Timeshard format class";
    }
  }
}
