package io.timeshard.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.format.CompanionRecords;
import io.timeshard.connect.format.FormatConfig;
import io.timeshard.connect.format.RecordFormat;
import io.timeshard.connect.restore.TaskServices;
import io.timeshard.connect.testing.CustomerBackup;
import io.timeshard.connect.testing.InMemoryStore;
import io.timeshard.connect.testing.TaskHarness;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.Layout;
import io.timeshard.fixtures.SinkFormat;
import io.timeshard.partitioner.key.BackupFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Parquet backups restore as their Avro twins do: the same records, keys, headers and tombstones
 * from companions in their own formats, and a resumed object starts where the last restore stopped
 * without reading the row groups before it.
 */
class ParquetRestoreTest {

  private TaskHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.stop();
    }
  }

  private static Map<String, String> props(String formatClass) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "parquet");
    props.put("store.url", "memory://test");
    props.put("format.class", formatClass);
    props.put("partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner");
    props.put(RestoreSourceTaskConfig.TASK_ID_CONFIG, "0");
    props.put(RestoreSourceTaskConfig.TASK_COUNT_CONFIG, "1");
    return props;
  }

  private static BackupWriter.Builder writer(InMemoryStore store, SinkFormat format, int flush) {
    return BackupWriter.to(store::put)
        .layout(Layout.defaultLayout())
        .format(format)
        .flushSize(flush);
  }

  private List<SourceRecord> restore(InMemoryStore store, String formatClass, int expected)
      throws InterruptedException {
    harness = new TaskHarness(store);
    harness.start(props(formatClass), services(store, formatClass));
    List<SourceRecord> records = harness.pollRecords(expected, 30_000);
    harness.stop();
    harness = null;
    return records;
  }

  /** The formats and companion readers the connector uses, over the test's store. */
  private static TaskServices services(InMemoryStore store, String formatClass) {
    FormatConfig formats = new FormatConfig(props(formatClass));
    ThreadLocal<Map<BackupFormat, RecordFormat>> readers =
        ThreadLocal.withInitial(() -> new EnumMap<>(BackupFormat.class));
    return new TaskServices(
        store,
        format -> readers.get().computeIfAbsent(format, formats::recordFormat),
        formats.format(),
        CompanionRecords::key,
        CompanionRecords::headers);
  }

  /** What a restored record is, less the object it came from. */
  private static List<List<Object>> seen(List<SourceRecord> records, int partition) {
    List<List<Object>> seen = new ArrayList<>();
    for (SourceRecord record : records) {
      if (record.kafkaPartition() == partition) {
        List<Object> one = new ArrayList<>();
        one.add(record.key());
        one.add(record.keySchema());
        one.add(record.value());
        one.add(record.valueSchema());
        one.add(record.headers());
        one.add(record.sourceOffset().get("record"));
        seen.add(one);
      }
    }
    return seen;
  }

  @Test
  void restoresWhatTheAvroBackupRestoresWithCompanionsInTheirOwnFormats() throws Exception {
    InMemoryStore avro = new InMemoryStore();
    CustomerBackup.write(
        writer(avro, SinkFormat.AVRO, 30).storeKeys(true).storeHeaders(true), "customers", 2, 90);
    InMemoryStore parquet = new InMemoryStore();
    CustomerBackup.write(
        writer(parquet, SinkFormat.PARQUET, 30)
            .storeKeys(true)
            .storeHeaders(true)
            .keysFormat(SinkFormat.AVRO)
            .headersFormat(SinkFormat.JSON),
        "customers",
        2,
        90);
    assertThat(parquet.openedKeys).isEmpty();

    List<SourceRecord> fromAvro =
        restore(avro, "io.confluent.connect.s3.format.avro.AvroFormat", 180);
    List<SourceRecord> fromParquet =
        restore(parquet, "io.confluent.connect.gcs.format.parquet.ParquetFormat", 180);

    assertThat(fromParquet).hasSize(180);
    assertThat(parquet.openedKeys)
        .anyMatch(k -> k.endsWith(".snappy.parquet"))
        .anyMatch(k -> k.endsWith(".keys.avro"))
        .anyMatch(k -> k.endsWith(".headers.json"));
    for (int p = 0; p < 2; p++) {
      assertThat(seen(fromParquet, p)).isEqualTo(seen(fromAvro, p));
    }
    SourceRecord seventh =
        fromParquet.stream().filter(r -> r.kafkaPartition() == 1).toList().get(7);
    assertThat(seventh.key()).isEqualTo("key-" + CustomerBackup.id(1, 7));
    assertThat(seventh.headers().lastWithName("origin").value()).isEqualTo("p1-7");
  }

  @Test
  void restoresTombstoneObjectsWrittenAsParquetKeys() throws Exception {
    InMemoryStore avro = new InMemoryStore();
    CustomerBackup.writeCompacted(
        writer(avro, SinkFormat.AVRO, 4).storeHeaders(true), "customers", 2, 40);
    InMemoryStore parquet = new InMemoryStore();
    CustomerBackup.writeCompacted(
        writer(parquet, SinkFormat.PARQUET, 4).storeHeaders(true).headersFormat(SinkFormat.PARQUET),
        "customers",
        2,
        40);
    assertThat(parquet.keys())
        .anyMatch(k -> k.contains("/tombstone/") && k.endsWith(".keys.snappy.parquet"))
        .anyMatch(k -> k.contains("/tombstone/") && k.endsWith(".headers.snappy.parquet"));

    List<SourceRecord> fromAvro =
        restore(avro, "io.confluent.connect.s3.format.avro.AvroFormat", 80);
    List<SourceRecord> fromParquet =
        restore(
            parquet, "io.confluent.connect.azure.blob.storage.format.parquet.ParquetFormat", 80);

    // 64 values and 16 tombstones per the two partitions, in the order the Avro backup gives
    // (with flush.size > 1 the tombstone objects' offsets interleave with the values').
    assertThat(fromParquet).hasSize(80);
    for (int p = 0; p < 2; p++) {
      int partition = p;
      List<SourceRecord> restored =
          fromParquet.stream().filter(r -> r.kafkaPartition() == partition).toList();
      assertThat(restored)
          .extracting(SourceRecord::key)
          .containsExactlyInAnyOrderElementsOf(CustomerBackup.keys(p, 40));
      assertThat(restored.stream().filter(r -> r.value() == null).count()).isEqualTo(8);
      assertThat(seen(fromParquet, p)).isEqualTo(seen(fromAvro, p));
    }
  }

  /**
   * A restore stopped inside a Parquet object resumes after its last committed record, reading none
   * of the row groups before it: exactly once, as for Avro.
   */
  @Test
  void resumesInsideAnObjectSkippingWholeRowGroups() throws Exception {
    InMemoryStore store = new InMemoryStore();
    int perPartition = 20_000;
    CustomerBackup.write(
        writer(store, SinkFormat.PARQUET, perPartition)
            .parquetRowGroupBytes(16 * 1024)
            .parquetPageBytes(4 * 1024),
        "customers",
        2,
        perPartition);
    long objectBytes =
        store.keys().stream().mapToLong(k -> store.get(k).length).max().orElseThrow();

    harness = new TaskHarness(store);
    harness.start(
        props("io.confluent.connect.s3.format.parquet.ParquetFormat"),
        services(store, "io.confluent.connect.s3.format.parquet.ParquetFormat"));
    List<SourceRecord> before = harness.pollRecords(2 * perPartition - 1000, 30_000);
    Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>(harness.committed);
    harness.stop();
    harness = null;
    long readBefore = store.bytesRead.get();

    harness = new TaskHarness(store);
    harness.committed.putAll(committed);
    harness.start(
        props("io.confluent.connect.s3.format.parquet.ParquetFormat"),
        services(store, "io.confluent.connect.s3.format.parquet.ParquetFormat"));
    List<SourceRecord> after = harness.pollRecords(2 * perPartition - before.size(), 30_000);

    assertThat(after).hasSize(2 * perPartition - before.size());
    for (int p = 0; p < 2; p++) {
      List<Long> ids = new ArrayList<>();
      for (List<SourceRecord> run : List.of(before, after)) {
        for (SourceRecord record : run) {
          if (record.kafkaPartition() == p) {
            ids.add(((org.apache.kafka.connect.data.Struct) record.value()).getInt64("id"));
          }
        }
      }
      assertThat(ids)
          .containsExactlyElementsOf(
              io.timeshard.connect.testing.Sequences.expectedIds(p, perPartition));
    }
    // The resumed task read the last row groups of each object, not the objects again.
    assertThat(store.bytesRead.get() - readBefore).isLessThan(objectBytes);
  }

  /**
   * Objects larger than the whole memory cap: each counts its size until its footer is read, its
   * largest row group after, so each is read when nothing else is buffered, and all restore.
   */
  @Test
  void objectsLargerThanTheMemoryCapAreReadOneAtATime() throws Exception {
    InMemoryStore store = new InMemoryStore();
    int perPartition = 12_000;
    CustomerBackup.write(
        writer(store, SinkFormat.PARQUET, 4_000).parquetRowGroupBytes(64 * 1024),
        "customers",
        2,
        perPartition);
    long largest = store.keys().stream().mapToLong(k -> store.get(k).length).max().orElseThrow();
    assertThat(largest).isGreaterThan(64 * 1024);
    String formatClass = "io.confluent.connect.s3.format.parquet.ParquetFormat";
    Map<String, String> props = props(formatClass);
    props.put("restore.buffer.max.bytes", Long.toString(64 * 1024));

    harness = new TaskHarness(store);
    harness.start(props, services(store, formatClass));
    List<SourceRecord> records = harness.pollRecords(2 * perPartition, 60_000);

    assertThat(records).hasSize(2 * perPartition);
    for (int p = 0; p < 2; p++) {
      int partition = p;
      assertThat(
              records.stream()
                  .filter(r -> r.kafkaPartition() == partition)
                  .map(r -> ((org.apache.kafka.connect.data.Struct) r.value()).getInt64("id"))
                  .toList())
          .containsExactlyElementsOf(
              io.timeshard.connect.testing.Sequences.expectedIds(p, perPartition));
    }
  }
}
