package io.timeshard.connect.format;

import io.timeshard.connect.format.avro.AvroRecordFormat;
import io.timeshard.connect.format.bytes.BytesRecordFormat;
import io.timeshard.connect.format.json.JsonRecordFormat;
import io.timeshard.connect.format.parquet.ParquetRecordFormat;
import io.timeshard.partitioner.key.BackupFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigException;

/**
 * The formats the connector reads, and the {@code format.class} names that choose them: the sinks'
 * own class names for Azure Blob Storage, GCS and S3, which users paste from their sink
 * configuration, and Timeshard's class names. A new format is one class in its own package plus its
 * names here.
 */
public final class RecordFormats {

  private static final Map<BackupFormat, Function<FormatConfig, RecordFormat>> FACTORIES =
      Map.of(
          BackupFormat.AVRO, config -> new AvroRecordFormat(),
          BackupFormat.JSON,
              config -> new JsonRecordFormat(config.jsonSchemaEnable(), config.maxRecordBytes()),
          BackupFormat.BYTES,
              config ->
                  new BytesRecordFormat(
                      config.byteArraySeparator().getBytes(StandardCharsets.UTF_8),
                      config.maxRecordBytes()),
          BackupFormat.PARQUET, config -> new ParquetRecordFormat());

  /** Every accepted {@code format.class} name, in the order the error message lists them. */
  private static final Map<String, BackupFormat> CLASS_NAMES = classNames();

  private RecordFormats() {}

  private static Map<String, BackupFormat> classNames() {
    Map<String, BackupFormat> names = new LinkedHashMap<>();
    names.put(AvroRecordFormat.class.getName(), BackupFormat.AVRO);
    names.put(JsonRecordFormat.class.getName(), BackupFormat.JSON);
    names.put(BytesRecordFormat.class.getName(), BackupFormat.BYTES);
    names.put(ParquetRecordFormat.class.getName(), BackupFormat.PARQUET);
    for (String prefix :
        List.of(
            "io.confluent.connect.s3.format.",
            "io.confluent.connect.gcs.format.",
            "io.confluent.connect.azure.blob.format.",
            "io.confluent.connect.azure.blob.storage.format.")) {
      names.put(prefix + "avro.AvroFormat", BackupFormat.AVRO);
      names.put(prefix + "json.JsonFormat", BackupFormat.JSON);
      names.put(prefix + "bytearray.ByteArrayFormat", BackupFormat.BYTES);
      names.put(prefix + "parquet.ParquetFormat", BackupFormat.PARQUET);
    }
    return Collections.unmodifiableMap(names);
  }

  /** Every {@code format.class} name this connector recognises. */
  public static List<String> classNamesAccepted() {
    return List.copyOf(CLASS_NAMES.keySet());
  }

  /**
   * The format a {@code format.class} name stands for.
   *
   * @throws ConfigException for an unknown name, listing the accepted ones
   */
  public static BackupFormat formatOf(String formatClass) {
    String name = formatClass == null ? "" : formatClass.trim();
    BackupFormat format = CLASS_NAMES.get(name);
    if (format == null) {
      throw new ConfigException(
          FormatConfig.FORMAT_CLASS_CONFIG,
          formatClass,
          "not a format this connector reads; use one of " + readableNames());
    }
    checkReadable(format, formatClass);
    return format;
  }

  /**
   * The factory of the format a {@code format.class} name stands for.
   *
   * @throws ConfigException for an unknown name, listing the accepted ones
   */
  public static Function<FormatConfig, RecordFormat> factory(String formatClass) {
    return FACTORIES.get(formatOf(formatClass));
  }

  /**
   * A reader for objects of {@code format}, configured by {@code config}: the objects' extensions
   * say their format, so companions in another format than the values are read too.
   */
  public static RecordFormat create(BackupFormat format, FormatConfig config) {
    checkReadable(format, config.formatClass());
    return FACTORIES.get(format).apply(config);
  }

  private static void checkReadable(BackupFormat format, String formatClass) {
    if (!FACTORIES.containsKey(format)) {
      throw new ConfigException(
          FormatConfig.FORMAT_CLASS_CONFIG,
          formatClass,
          "restoring "
              + format.name().toLowerCase(java.util.Locale.ROOT)
              + " backups is not supported");
    }
  }

  private static List<String> readableNames() {
    List<String> names = new ArrayList<>();
    CLASS_NAMES.forEach(
        (name, format) -> {
          if (FACTORIES.containsKey(format)) {
            names.add(name);
          }
        });
    return names;
  }
}
