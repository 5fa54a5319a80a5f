package io.timeshard.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.testing.InMemoryStore;
import io.timeshard.connect.testing.TaskHarness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poll takes an object's records in chunks: order, offsets and batch sizes stay the same. */
class PollHandOverTest {

  private static final int OBJECTS = 12;
  private static final int RECORDS = 10;

  private TaskHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.stop();
    }
  }

  private static String key(int partition, int object) {
    return String.format(
        "topics/orders/partition=%d/orders+%d+%010d.json", partition, partition, object * RECORDS);
  }

  private static InMemoryStore backup() {
    InMemoryStore store = new InMemoryStore(5);
    for (int p = 0; p < 3; p++) {
      for (int o = 0; o < OBJECTS; o++) {
        int first = o * RECORDS;
        int partition = p;
        store.put(
            key(p, o),
            IntStream.range(first, first + RECORDS)
                    .mapToObj(i -> "p" + partition + "-" + i)
                    .collect(Collectors.joining("\n"))
                + "\n");
      }
    }
    return store;
  }

  private static Map<String, String> props(int batchMaxSize) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "unit");
    props.put("store.url", "memory://test");
    props.put("partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner");
    // The only task: every stream of the backup.
    props.put(RestoreSourceTaskConfig.TASK_ID_CONFIG, "0");
    props.put(RestoreSourceTaskConfig.TASK_COUNT_CONFIG, "1");
    props.put("restore.fetch.concurrency", "4");
    props.put("record.batch.max.size", Integer.toString(batchMaxSize));
    return props;
  }

  @Test
  void everyBatchKeepsTheMaximumAndEveryPartitionItsOrderAcrossObjects() throws Exception {
    harness = new TaskHarness(backup());
    var task = harness.start(props(7));
    List<SourceRecord> all = new ArrayList<>();
    long deadline = System.currentTimeMillis() + 20_000;
    while (all.size() < 3 * OBJECTS * RECORDS && System.currentTimeMillis() < deadline) {
      List<SourceRecord> batch = task.poll();
      if (batch != null) {
        assertThat(batch).hasSizeLessThanOrEqualTo(7);
        all.addAll(batch);
      }
    }

    assertThat(all).hasSize(3 * OBJECTS * RECORDS);
    for (int p = 0; p < 3; p++) {
      int partition = p;
      List<SourceRecord> records =
          all.stream().filter(r -> r.kafkaPartition() == partition).toList();
      assertThat(records).hasSize(OBJECTS * RECORDS);
      for (int i = 0; i < records.size(); i++) {
        SourceRecord record = records.get(i);
        int object = i / RECORDS;
        assertThat(record.value()).isEqualTo("p" + p + "-" + i);
        assertThat(record.topic()).isEqualTo("orders");
        assertThat(record.sourcePartition()).isEqualTo(Map.of("topic", "orders", "partition", p));
        assertThat(record.sourceOffset())
            .isEqualTo(
                Map.of(
                    "object",
                    key(p, object),
                    "start",
                    (long) object * RECORDS,
                    "record",
                    (long) (i % RECORDS),
                    "eof",
                    i % RECORDS == RECORDS - 1));
      }
    }
  }

  @Test
  void aBatchLargerThanEverythingTakesWholeObjectsInOrder() throws Exception {
    harness = new TaskHarness(backup());
    harness.start(props(10_000));

    List<SourceRecord> all = harness.pollRecords(3 * OBJECTS * RECORDS, 20_000);

    for (int p = 0; p < 3; p++) {
      int partition = p;
      assertThat(all.stream().filter(r -> r.kafkaPartition() == partition).map(r -> r.value()))
          .containsExactlyElementsOf(
              IntStream.range(0, OBJECTS * RECORDS)
                  .mapToObj(i -> "p" + partition + "-" + i)
                  .toList());
    }
  }

  @Test
  void aRestartResumesAfterTheLastRecordOfAChunkTakenInTheMiddleOfAnObject() throws Exception {
    InMemoryStore store = backup();
    harness = new TaskHarness(store);
    harness.start(props(7));
    List<SourceRecord> before = harness.pollRecords(40, 20_000);
    Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>(harness.committed);
    harness.stop();

    harness = new TaskHarness(store);
    harness.committed.putAll(committed);
    harness.start(props(7));
    List<SourceRecord> after = harness.pollRecords(3 * OBJECTS * RECORDS - before.size(), 20_000);

    for (int p = 0; p < 3; p++) {
      int partition = p;
      List<Object> values = new ArrayList<>();
      before.stream()
          .filter(r -> r.kafkaPartition() == partition)
          .forEach(r -> values.add(r.value()));
      after.stream()
          .filter(r -> r.kafkaPartition() == partition)
          .forEach(r -> values.add(r.value()));
      assertThat(values)
          .containsExactlyElementsOf(
              IntStream.range(0, OBJECTS * RECORDS)
                  .mapToObj(i -> "p" + partition + "-" + i)
                  .toList());
    }
  }
}
