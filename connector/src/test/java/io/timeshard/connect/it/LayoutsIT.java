package io.timeshard.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.RestoreSourceConnector;
import io.timeshard.connect.testing.ConnectClusters;
import io.timeshard.connect.testing.CustomerBackup;
import io.timeshard.connect.testing.RestoredTopic;
import io.timeshard.connect.testing.Sequences;
import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.Layout;
import io.timeshard.fixtures.ObjectSink;
import io.timeshard.fixtures.SinkFormat;
import io.timeshard.fixtures.TimestampExtractor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each layout and format the sinks write, restored on a real worker, exactly and in order. */
class LayoutsIT {

  private static final long TIMEOUT_MS = 90_000;
  private static EmbeddedConnectCluster connect;

  @TempDir Path backup;

  @BeforeAll
  static void start() {
    connect = ConnectClusters.start("layouts-it", 1);
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.stop();
    }
  }

  private Map<String, String> config(String partitioner, String formatClass) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", RestoreSourceConnector.class.getName());
    config.put("tasks.max", "2");
    config.put("format.class", formatClass);
    config.put("partitioner.class", "io.confluent.connect.storage.partitioner." + partitioner);
    config.put("store.url", backup.toUri().toString());
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("header.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }

  private static void assertInOrder(RestoredTopic restored, int partitions, int perPartition) {
    assertThat(restored.count()).isEqualTo(partitions * perPartition);
    for (int p = 0; p < partitions; p++) {
      long first = CustomerBackup.id(p, 0);
      assertThat(restored.partition(p).ids())
          .containsExactlyElementsOf(
              LongStream.range(first, first + perPartition).boxed().toList());
    }
  }

  @Test
  void defaultLayoutWithKeysAndHeaders() throws Exception {
    CustomerBackup.write(
        CustomerBackup.writer(backup, Layout.defaultLayout(), SinkFormat.AVRO, 25)
            .storeKeys(true)
            .storeHeaders(true),
        "customers",
        4,
        120);
    connect.kafka().createTopic("customers", 4);

    connect.configureConnector(
        "default-layout",
        config("DefaultPartitioner", "io.confluent.connect.s3.format.avro.AvroFormat"));
    RestoredTopic restored = RestoredTopic.read(connect, "customers", 480, TIMEOUT_MS);

    assertInOrder(restored, 4, 120);
    ConsumerRecord<byte[], byte[]> record = restored.partition(2).records().get(7);
    assertThat(new String(record.key(), StandardCharsets.UTF_8))
        .isEqualTo("key-" + CustomerBackup.id(2, 7));
    assertThat(new String(record.headers().lastHeader("origin").value(), StandardCharsets.UTF_8))
        .isEqualTo("p2-7");
    connect.deleteConnector("default-layout");
  }

  @Test
  void aCompactedTopicRestoresItsTombstonesInOffsetOrder() throws Exception {
    CustomerBackup.writeCompacted(
        CustomerBackup.writer(backup, Layout.defaultLayout(), SinkFormat.AVRO, 1)
            .storeHeaders(true),
        "accounts",
        2,
        40);
    connect.kafka().createTopic("accounts", 2);

    connect.configureConnector(
        "compacted",
        config("DefaultPartitioner", "io.confluent.connect.s3.format.avro.AvroFormat"));
    RestoredTopic restored = RestoredTopic.read(connect, "accounts", 80, TIMEOUT_MS);

    // 64 values and 16 tombstones, each where it was in its partition.
    assertThat(restored.count()).isEqualTo(80);
    for (int p = 0; p < 2; p++) {
      assertThat(restored.partition(p).keys())
          .containsExactlyElementsOf(CustomerBackup.keys(p, 40));
      assertThat(restored.partition(p).tombstones())
          .containsExactlyElementsOf(CustomerBackup.tombstones(40));
    }
    ConsumerRecord<byte[], byte[]> tombstone = restored.partition(1).records().get(9);
    assertThat(tombstone.value()).isNull();
    assertThat(new String(tombstone.headers().lastHeader("origin").value(), StandardCharsets.UTF_8))
        .isEqualTo("p1-9");
    connect.deleteConnector("compacted");
  }

  /**
   * A Parquet backup of the time-based layout, restored within a window by the records' own time
   * field, through the plugin's time filter: what an Avro backup gives.
   */
  @Test
  void aParquetBackupRestoresWithinAWindowByItsTimeFieldThroughTheFilter() throws Exception {
    CustomerBackup.write(
        CustomerBackup.writer(backup, CustomerBackup.madridHourly(), SinkFormat.PARQUET, 1)
            .parquetCodec("zstd")
            .storeKeys(true)
            .storeHeaders(true),
        "parquet",
        2,
        600);
    connect.kafka().createTopic("parquet", 2, 1, Map.of("retention.ms", "-1"));
    Map<String, String> config = io.timeshard.connect.testing.RestoreConfigs.timeBased(backup, 2);
    config.put(
        "format.class", "io.confluent.connect.azure.blob.storage.format.parquet.ParquetFormat");
    config.put("restore.start", "2025-10-26T00:00:00Z");
    config.put("restore.end", "2025-10-26T01:30:00Z");
    config.put("restore.timestamp.field", "event_timestamp");
    config.put("restore.record.timestamp", "field");
    config.put("transforms", "keep");
    config.put("transforms.keep.type", "io.timeshard.smt.FilterByFieldTimestamp$Value");
    config.put("transforms.keep.timestamp.field", "event_timestamp");
    config.put("transforms.keep.start.datetime", "2025-10-26T00:30:00Z");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("header.converter", "org.apache.kafka.connect.storage.StringConverter");
    long start = java.time.Instant.parse("2025-10-26T00:30:00Z").toEpochMilli();
    long end = java.time.Instant.parse("2025-10-26T01:30:00Z").toEpochMilli();
    List<Long> inside =
        LongStream.range(0, 600)
            .filter(i -> CustomerBackup.timestamp(i) >= start && CustomerBackup.timestamp(i) < end)
            .boxed()
            .toList();
    assertThat(inside).isNotEmpty();

    connect.configureConnector("parquet-window", config);
    RestoredTopic restored = RestoredTopic.read(connect, "parquet", 2 * inside.size(), TIMEOUT_MS);

    assertThat(restored.count()).isEqualTo(2 * inside.size());
    for (int p = 0; p < 2; p++) {
      int partition = p;
      assertThat(restored.partition(p).ids())
          .containsExactlyElementsOf(
              inside.stream().map(i -> CustomerBackup.id(partition, i)).toList());
      assertThat(restored.partition(p).timestamps())
          .containsExactlyElementsOf(inside.stream().map(CustomerBackup::timestamp).toList());
    }
    ConsumerRecord<byte[], byte[]> record = restored.partition(1).records().get(0);
    long firstInside = inside.get(0);
    assertThat(new String(record.key(), StandardCharsets.UTF_8))
        .isEqualTo("key-" + CustomerBackup.id(1, firstInside));
    assertThat(new String(record.headers().lastHeader("origin").value(), StandardCharsets.UTF_8))
        .isEqualTo("p1-" + firstInside);
    connect.deleteConnector("parquet-window");
  }

  @Test
  void fieldLayout() throws Exception {
    CustomerBackup.write(
        CustomerBackup.writer(backup, Layout.field("shoe_size"), SinkFormat.AVRO, 10),
        "shoes",
        2,
        100);
    connect.kafka().createTopic("shoes", 2);

    connect.configureConnector(
        "field-layout",
        config("FieldPartitioner", "io.confluent.connect.gcs.format.avro.AvroFormat"));

    assertInOrder(RestoredTopic.read(connect, "shoes", 200, TIMEOUT_MS), 2, 100);
    connect.deleteConnector("field-layout");
  }

  @Test
  void hourlyLayoutOfGzippedJson() throws Exception {
    CustomerBackup.write(
        CustomerBackup.writer(
                backup,
                Layout.hourly(Locale.US, DateTimeZone.UTC, TimestampExtractor.record()),
                SinkFormat.JSON,
                7)
            .gzip(true),
        "clicks",
        3,
        150);
    connect.kafka().createTopic("clicks", 3);
    Map<String, String> config =
        config("HourlyPartitioner", "io.confluent.connect.s3.format.json.JsonFormat");
    config.put("locale", "en_US");
    config.put("timezone", "UTC");

    connect.configureConnector("hourly-json", config);
    RestoredTopic restored = RestoredTopic.read(connect, "clicks", 450, TIMEOUT_MS);

    // Every 50th record is two hours late: the sink put it into a file of its own in an earlier
    // folder while the file it interrupted stayed open. Backup order is the files' start-offset
    // order, records in file order: exactly what the files hold, read that way.
    assertThat(restored.count()).isEqualTo(450);
    for (int p = 0; p < 3; p++) {
      assertThat(restored.partition(p).ids()).isEqualTo(idsInBackupOrder(backup, "clicks", p));
      assertThat(restored.partition(p).ids()).isNotEqualTo(Sequences.expectedIds(p, 150));
    }
    connect.deleteConnector("hourly-json");
  }

  /** The ids of a partition's gzipped JSON objects, objects by start offset, lines in order. */
  private static List<Long> idsInBackupOrder(Path backup, String topic, int partition)
      throws java.io.IOException {
    java.util.TreeMap<Long, Path> objects = new java.util.TreeMap<>();
    try (var files = java.nio.file.Files.walk(backup.resolve("topics").resolve(topic))) {
      files
          .filter(f -> f.getFileName().toString().startsWith(topic + "+" + partition + "+"))
          .forEach(
              f -> {
                String name = f.getFileName().toString();
                objects.put(
                    Long.parseLong(name.substring(name.lastIndexOf('+') + 1, name.indexOf('.'))),
                    f);
              });
    }
    List<Long> ids = new java.util.ArrayList<>();
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    for (Path object : objects.values()) {
      try (var lines =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(object)),
                  StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          ids.add(json.readTree(line).get("id").asLong());
        }
      }
    }
    return ids;
  }

  @Test
  void byteArrayObjects() throws Exception {
    try (BackupWriter writer =
        BackupWriter.to(ObjectSink.folder(backup))
            .layout(Layout.defaultLayout())
            .format(SinkFormat.BYTES)
            .flushSize(10)
            .build()) {
      for (int i = 0; i < 50; i++) {
        writer.write(
            BackupRecord.of("raw", 0, i)
                .value(("line-" + i).getBytes(StandardCharsets.UTF_8))
                .build());
      }
    }
    connect.kafka().createTopic("raw", 1);
    Map<String, String> config =
        config("DefaultPartitioner", "io.confluent.connect.s3.format.bytearray.ByteArrayFormat");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");

    connect.configureConnector("bytes", config);
    connect.kafka().consume(50, TIMEOUT_MS, "raw");

    List<String> values = new java.util.ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consumeAll(TIMEOUT_MS, "raw")) {
      values.add(new String(record.value(), StandardCharsets.UTF_8));
    }
    assertThat(values)
        .containsExactlyElementsOf(LongStream.range(0, 50).mapToObj(i -> "line-" + i).toList());
    connect.deleteConnector("bytes");
  }
}
