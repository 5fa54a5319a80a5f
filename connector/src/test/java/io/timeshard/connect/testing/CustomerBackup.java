package io.timeshard.connect.testing;

import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.Layout;
import io.timeshard.fixtures.ObjectSink;
import io.timeshard.fixtures.SinkFormat;
import io.timeshard.fixtures.TimestampExtractor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.joda.time.DateTimeZone;

/**
 * Backups of shoe-store customers, written by the fixtures as the sinks write them. Record {@code
 * i} of partition {@code p} has id {@code p * 1_000_000 + i}, so order is checked by id.
 */
public final class CustomerBackup {

  public static final Schema KEY_SCHEMA = Schema.STRING_SCHEMA;
  public static final Schema VALUE_SCHEMA =
      SchemaBuilder.struct()
          .name("io.timeshard.example.Customer")
          .field("id", Schema.INT64_SCHEMA)
          .field("first_name", Schema.STRING_SCHEMA)
          .field("shoe_size", Schema.INT32_SCHEMA)
          .field("email", Schema.OPTIONAL_STRING_SCHEMA)
          .field("event_timestamp", Timestamp.SCHEMA)
          .build();

  /** Madrid's autumn change: the first record is two hours before it. */
  public static final Instant FIRST = Instant.parse("2025-10-25T23:00:00Z");

  private CustomerBackup() {}

  public static long id(int partition, long index) {
    return partition * 1_000_000L + index;
  }

  /** The time of record {@code i}: one every 12 s, with every 50th record two hours late. */
  public static long timestamp(long index) {
    long base = FIRST.toEpochMilli() + index * 12_000;
    return index % 50 == 49 ? base - 2 * 3_600_000L : base;
  }

  public static Struct value(int partition, long index) {
    return new Struct(VALUE_SCHEMA)
        .put("id", id(partition, index))
        .put("first_name", "customer-" + index)
        .put("shoe_size", (int) (36 + index % 12))
        .put("email", index % 3 == 0 ? null : "c" + index + "@example.com")
        .put("event_timestamp", new java.util.Date(timestamp(index)));
  }

  /** The write-up's time-based layout: YYYY/MM/dd/HH, 60000 ms buckets, Europe/Madrid. */
  public static Layout madridHourly() {
    return Layout.timeBased(
        "YYYY/MM/dd/HH",
        60_000,
        Locale.US,
        DateTimeZone.forID("Europe/Madrid"),
        TimestampExtractor.record());
  }

  /**
   * Writes {@code perPartition} records to each of {@code partitions} partitions, interleaved as a
   * sink task receives them, with keys and headers when the writer stores them.
   */
  public static void write(
      BackupWriter.Builder writer, String topic, int partitions, int perPartition)
      throws IOException {
    try (BackupWriter backup = writer.build()) {
      for (int i = 0; i < perPartition; i++) {
        for (int p = 0; p < partitions; p++) {
          backup.write(
              BackupRecord.of(topic, p, i)
                  .timestamp(timestamp(i))
                  .key(KEY_SCHEMA, "key-" + id(p, i))
                  .header("origin", "p" + p + "-" + i)
                  .value(VALUE_SCHEMA, value(p, i))
                  .build());
        }
      }
    }
  }

  /** A writer of the given layout and format into a folder. */
  public static BackupWriter.Builder writer(
      Path folder, Layout layout, SinkFormat format, int flushSize) {
    return BackupWriter.to(ObjectSink.folder(folder))
        .layout(layout)
        .format(format)
        .flushSize(flushSize);
  }

  public static void write(Path folder, String topic, int partitions, int perPartition)
      throws IOException {
    write(writer(folder, madridHourly(), SinkFormat.AVRO, 1), topic, partitions, perPartition);
  }

  /** In a compacted topic's backup, every fifth record deletes its key: a tombstone. */
  public static boolean isTombstone(long index) {
    return index % 5 == 4;
  }

  /**
   * Writes a compacted topic as {@link #write(BackupWriter.Builder, String, int, int)} does, except
   * that every fifth record is a tombstone ({@link #isTombstone}), which the writer keeps by its
   * key in the tombstone folder ({@code behavior.on.null.values=write}, {@code
   * store.kafka.keys=true}).
   */
  public static void writeCompacted(
      BackupWriter.Builder writer, String topic, int partitions, int perPartition)
      throws IOException {
    try (BackupWriter backup =
        writer.storeKeys(true).nullValues(BackupWriter.NullValues.WRITE).build()) {
      for (int i = 0; i < perPartition; i++) {
        for (int p = 0; p < partitions; p++) {
          backup.write(
              BackupRecord.of(topic, p, i)
                  .timestamp(timestamp(i))
                  .key(KEY_SCHEMA, "key-" + id(p, i))
                  .header("origin", "p" + p + "-" + i)
                  .value(VALUE_SCHEMA, isTombstone(i) ? null : value(p, i))
                  .build());
        }
      }
    }
  }

  /** The keys of one partition of a {@link #writeCompacted} backup, in offset order. */
  public static java.util.List<String> keys(int partition, int perPartition) {
    return java.util.stream.LongStream.range(0, perPartition)
        .mapToObj(i -> "key-" + id(partition, i))
        .toList();
  }

  /** Which records of one partition of a {@link #writeCompacted} backup are tombstones. */
  public static java.util.List<Boolean> tombstones(int perPartition) {
    return java.util.stream.LongStream.range(0, perPartition)
        .mapToObj(CustomerBackup::isTombstone)
        .toList();
  }
}
