package io.timeshard.quickstart;

import io.timeshard.connect.groups.GroupOffsetsSnapshot;
import io.timeshard.connect.groups.GroupOffsetsSourceConfig;
import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.Layout;
import io.timeshard.fixtures.ObjectSink;
import io.timeshard.fixtures.SinkFormat;
import io.timeshard.fixtures.TimestampExtractor;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.joda.time.DateTimeZone;

/**
 * The sample data: shoe-store customers as a sink connector backed them up, time-based, one object
 * per record ({@code flush.size=1}), {@code YYYY/MM/dd/HH} folders of 60000 ms buckets in {@code
 * Europe/Madrid} by record timestamp.
 *
 * <p>Record {@code i} of Kafka partition {@code p} has id {@code p * 1_000_000 + i}, so the order
 * of a restored partition is checked by its ids. One record a partition every 12 s; every 50th
 * arrives two hours late and lands in an earlier hour's folder with a higher offset, as late
 * records do.
 */
public final class ShoeCustomers {

  public static final String TOPIC = "shoe-customers";

  public static final Schema VALUE_SCHEMA =
      SchemaBuilder.struct()
          .name("io.timeshard.quickstart.ShoeCustomer")
          .field("id", Schema.INT64_SCHEMA)
          .field("first_name", Schema.STRING_SCHEMA)
          .field("last_name", Schema.STRING_SCHEMA)
          .field("email", Schema.OPTIONAL_STRING_SCHEMA)
          .field("shoe_size", Schema.INT32_SCHEMA)
          .field("favourite_brand", Schema.STRING_SCHEMA)
          .field("event_timestamp", Timestamp.SCHEMA)
          .build();

  /** The first record's time: a Saturday evening in Madrid, before the autumn clock change. */
  public static final Instant FIRST = Instant.parse("2025-10-25T19:00:00Z");

  private static final List<String> FIRST_NAMES =
      List.of("Ana", "Bruno", "Carmen", "Diego", "Elena", "Fabio", "Greta", "Hugo", "Irene", "Jon");
  private static final List<String> LAST_NAMES =
      List.of("García", "Martín", "López", "Sánchez", "Pérez", "Gómez", "Ruiz", "Díaz", "Moreno");
  private static final List<String> BRANDS =
      List.of("Camper", "Pikolinos", "Mustang", "Munich", "Victoria", "Panama Jack", "Gioseppo");

  private ShoeCustomers() {}

  public static long id(int partition, long index) {
    return partition * 1_000_000L + index;
  }

  /** The record timestamp of record {@code index}: one every 12 s, every 50th two hours late. */
  public static long timestamp(long index) {
    long base = FIRST.toEpochMilli() + index * 12_000;
    return index % 50 == 49 ? base - 2 * 3_600_000L : base;
  }

  public static Struct value(int partition, long index) {
    int n = (int) (index + partition * 7L);
    String first = FIRST_NAMES.get(n % FIRST_NAMES.size());
    String last = LAST_NAMES.get((n / FIRST_NAMES.size()) % LAST_NAMES.size());
    return new Struct(VALUE_SCHEMA)
        .put("id", id(partition, index))
        .put("first_name", first)
        .put("last_name", last)
        .put(
            "email",
            index % 10 == 3
                ? null
                : (first + "." + last + "." + id(partition, index) + "@example.com")
                    .toLowerCase(Locale.ROOT))
        .put("shoe_size", (int) (35 + (index * 7 + partition) % 12))
        .put("favourite_brand", BRANDS.get((int) ((index / 3 + partition) % BRANDS.size())))
        .put("event_timestamp", new Date(timestamp(index)));
  }

  /** The sink's layout: {@code YYYY/MM/dd/HH} folders, 60000 ms buckets, Madrid time. */
  public static Layout layout() {
    return Layout.timeBased(
        "YYYY/MM/dd/HH",
        60_000,
        Locale.US,
        DateTimeZone.forID("Europe/Madrid"),
        TimestampExtractor.record());
  }

  /**
   * Writes {@code perPartition} records to each of {@code partitions} Kafka partitions, one Avro
   * object each, interleaved as a sink task receives them.
   *
   * @return the number of objects written
   */
  public static int write(ObjectSink sink, int partitions, int perPartition) throws IOException {
    try (BackupWriter writer =
        BackupWriter.to(sink).layout(layout()).format(SinkFormat.AVRO).flushSize(1).build()) {
      for (int i = 0; i < perPartition; i++) {
        for (int p = 0; p < partitions; p++) {
          writer.write(
              BackupRecord.of(TOPIC, p, i)
                  .timestamp(timestamp(i))
                  .value(VALUE_SCHEMA, value(p, i))
                  .build());
        }
      }
      writer.flush();
      return writer.keys().size();
    }
  }

  /** The consumer group that had read part of the topic when the backup was taken. */
  public static final String GROUP = "shoe-analytics";

  /** The group's committed offset in {@code partition}: it had processed a third, give or take. */
  public static long committed(int partition, int perPartition) {
    return perPartition / 3 + partition;
  }

  /**
   * Writes what {@code GroupOffsetsSourceConnector} wrote to {@code timeshard.group-offsets} and
   * the sink backed up with the rest: one snapshot of {@link #GROUP}'s committed offsets, taken
   * when the group had processed the records before {@link #committed}.
   */
  public static void writeGroupSnapshot(ObjectSink sink, int partitions, int perPartition)
      throws IOException {
    long time = timestamp(perPartition / 3 + partitions) + 60_000;
    try (BackupWriter writer =
        BackupWriter.to(sink).layout(layout()).format(SinkFormat.AVRO).flushSize(1).build()) {
      for (int p = 0; p < partitions; p++) {
        GroupOffsetsSnapshot snapshot =
            new GroupOffsetsSnapshot(GROUP, TOPIC, p, committed(p, perPartition), null, time);
        writer.write(
            BackupRecord.of(GroupOffsetsSourceConfig.TOPIC_DEFAULT, 0, p)
                .timestamp(time)
                .key(GroupOffsetsSnapshot.KEY_SCHEMA, snapshot.key())
                .value(GroupOffsetsSnapshot.VALUE_SCHEMA, snapshot.value())
                .build());
      }
    }
  }

  /**
   * The restore connector's configuration for this backup, as a user would bring it from the sink:
   * the layout keys, JSON values out, and the restored topic renamed to {@code destination}. The
   * store's keys are added by the caller.
   */
  public static Map<String, String> restoreConfig(int tasks, String destination) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.timeshard.connect.RestoreSourceConnector");
    config.put("tasks.max", Integer.toString(tasks));
    config.put("format.class", "io.confluent.connect.azure.blob.storage.format.avro.AvroFormat");
    config.put("mode", "RESTORE_BACKUP");
    config.put(
        "partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner");
    config.put("path.format", "YYYY/MM/dd/HH");
    config.put("partition.duration.ms", "60000");
    config.put("timestamp.extractor", "Record");
    config.put("locale", "en-US");
    config.put("timezone", "Europe/Madrid");
    config.put("restore.topics", TOPIC);
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("transforms", "rename");
    config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.rename.regex", TOPIC);
    config.put("transforms.rename.replacement", destination);
    return config;
  }
}
