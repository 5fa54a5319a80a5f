package io.timeshard.cli.testing;

import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.Layout;
import io.timeshard.fixtures.ObjectSink;
import io.timeshard.fixtures.SinkFormat;
import io.timeshard.fixtures.TimestampExtractor;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.joda.time.DateTimeZone;

/**
 * A time-based backup of orders as a sink writes it (hourly UTC folders, Avro, keys and headers
 * stored): record {@code i} of partition {@code p} is order {@code p * 1000 + i}, three minutes
 * after the one before, so that 20 records fill an hour's folder.
 */
public final class OrderBackup {

  public static final String TOPIC = "orders";
  public static final Instant FIRST = Instant.parse("2025-05-16T12:00:00Z");
  public static final Schema VALUE =
      SchemaBuilder.struct()
          .name("io.timeshard.example.Order")
          .field("id", Schema.INT64_SCHEMA)
          .field("item", Schema.STRING_SCHEMA)
          .build();

  private OrderBackup() {}

  public static long timestamp(long index) {
    return FIRST.toEpochMilli() + index * 180_000L;
  }

  /** Writes records {@code from} (inclusive) to {@code to} (exclusive) of every partition. */
  public static void write(ObjectSink sink, int partitions, long from, long to, int flushSize)
      throws IOException {
    write(sink, partitions, from, to, flushSize, SinkFormat.AVRO);
  }

  /** Writes as {@link #write(ObjectSink, int, long, long, int)} does, in another format. */
  public static void write(
      ObjectSink sink, int partitions, long from, long to, int flushSize, SinkFormat format)
      throws IOException {
    try (BackupWriter writer =
        BackupWriter.to(sink)
            .layout(
                Layout.timeBased(
                    "YYYY/MM/dd/HH",
                    3_600_000L,
                    Locale.US,
                    DateTimeZone.UTC,
                    TimestampExtractor.record()))
            .format(format)
            .storeKeys(true)
            .storeHeaders(true)
            .flushSize(flushSize)
            .build()) {
      for (long i = from; i < to; i++) {
        for (int p = 0; p < partitions; p++) {
          writer.write(
              BackupRecord.of(TOPIC, p, i)
                  .timestamp(timestamp(i))
                  .key(Schema.STRING_SCHEMA, "order-" + (p * 1000 + i))
                  .header("origin", "p" + p + "-" + i)
                  .value(VALUE, new Struct(VALUE).put("id", p * 1000 + i).put("item", "shoe-" + i))
                  .build());
        }
      }
    }
  }

  /** The connector configuration of this backup, without a store. */
  public static Map<String, String> config(int tasks) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", "io.timeshard.connect.RestoreSourceConnector");
    config.put("tasks.max", String.valueOf(tasks));
    config.put("format.class", "io.confluent.connect.s3.format.avro.AvroFormat");
    config.put(
        "partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner");
    config.put("path.format", "YYYY/MM/dd/HH");
    config.put("partition.duration.ms", "3600000");
    config.put("locale", "en-US");
    config.put("timezone", "UTC");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }
}
