package io.timeshard.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.connect.restore.RestorePosition;
import io.timeshard.connect.store.StoreAccessDeniedException;
import io.timeshard.connect.store.StoreException;
import io.timeshard.connect.testing.InMemoryStore;
import io.timeshard.connect.testing.TaskHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestoreSourceTaskTest {

  private TaskHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.stop();
    }
  }

  /** The only task of a restore: every stream of the backup. */
  private static Map<String, String> props() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "unit");
    props.put("store.url", "memory://test");
    props.put("partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner");
    props.put(RestoreSourceTaskConfig.TASK_ID_CONFIG, "0");
    props.put(RestoreSourceTaskConfig.TASK_COUNT_CONFIG, "1");
    props.put("restore.fetch.concurrency", "3");
    return props;
  }

  private static String lines(String prefix, int from, int count) {
    return IntStream.range(from, from + count)
            .mapToObj(i -> prefix + i)
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  private static List<String> values(List<SourceRecord> records, int partition) {
    return records.stream()
        .filter(r -> r.kafkaPartition() == partition)
        .map(r -> (String) r.value())
        .toList();
  }

  /** Ten objects of ten records per partition, start offsets wider than the pad for some. */
  private static InMemoryStore twoPartitions() {
    InMemoryStore store = new InMemoryStore(4);
    for (int p = 0; p < 2; p++) {
      for (int o = 0; o < 10; o++) {
        long start = o * 10L + (o == 9 ? 99_999_999_910L : 0);
        store.put(
            String.format("topics/orders/partition=%d/orders+%d+%010d.json", p, p, start),
            lines("p" + p + "-", o * 10, 10));
      }
    }
    return store;
  }

  @Test
  void restoresEachPartitionInBackupOrderToItsOwnPartition() throws Exception {
    harness = new TaskHarness(twoPartitions());
    harness.start(props());

    List<SourceRecord> records = harness.pollRecords(200, 10_000);

    assertThat(records).hasSize(200);
    assertThat(records).allMatch(r -> r.topic().equals("orders"));
    assertThat(values(records, 0)).containsExactlyElementsOf(expected("p0-", 100));
    assertThat(values(records, 1)).containsExactlyElementsOf(expected("p1-", 100));
    SourceRecord last =
        records.stream().filter(r -> r.kafkaPartition() == 1).reduce((a, b) -> b).get();
    assertThat(last.sourcePartition()).isEqualTo(Map.of("topic", "orders", "partition", 1));
    assertThat(last.sourceOffset())
        .isEqualTo(
            Map.of(
                "object",
                "topics/orders/partition=1/orders+1+100000000000.json",
                "start",
                100_000_000_000L,
                "record",
                9L,
                "eof",
                true));
  }

  private static List<String> expected(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }

  @Test
  void bothPartitionsMakeProgressInTheFirstPolls() throws Exception {
    harness = new TaskHarness(twoPartitions());
    Map<String, String> props = props();
    props.put("record.batch.max.size", "10");
    harness.start(props);
    // Let both partitions' first objects arrive: then every poll serves both.
    Thread.sleep(500);

    List<SourceRecord> firstRecords = harness.pollRecords(10, 10_000);

    assertThat(values(firstRecords, 0)).isNotEmpty();
    assertThat(values(firstRecords, 1)).isNotEmpty();
  }

  @Test
  void resumesAfterTheLastCommittedRecord() throws Exception {
    InMemoryStore store = twoPartitions();
    harness = new TaskHarness(store);
    harness.start(props());
    List<SourceRecord> before = harness.pollRecords(73, 10_000);
    Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>(harness.committed);
    harness.stop();

    harness = new TaskHarness(store);
    harness.committed.putAll(committed);
    harness.start(props());
    List<SourceRecord> after = harness.pollRecords(200 - before.size(), 10_000);

    assertThat(after).hasSize(200 - before.size());
    for (int p = 0; p < 2; p++) {
      List<String> all = new java.util.ArrayList<>(values(before, p));
      all.addAll(values(after, p));
      assertThat(all).containsExactlyElementsOf(expected("p" + p + "-", 100));
    }
  }

  @Test
  void aCorruptObjectFailsTheTaskNamingTheObjectAndRecord() throws Exception {
    InMemoryStore store = new InMemoryStore();
    store.put("topics/t/partition=0/t+0+0000000000.json", "a\nb\n!corrupt\nd\n");
    harness = new TaskHarness(store);
    harness.start(props());

    assertThatThrownBy(() -> harness.pollRecords(10, 10_000))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("record 2 of 'topics/t/partition=0/t+0+0000000000.json'")
        .hasMessageContaining("t-0")
        .hasMessageContaining("behavior.on.error=ignore");
    // Bytes that do not decode are not fetched again.
    assertThat(store.opens.get()).isEqualTo(1);
  }

  @Test
  void withIgnoreAnObjectThatCannotBeFetchedStillFailsTheTaskNamingWhatToCheck() throws Exception {
    InMemoryStore store = new InMemoryStore();
    store.put("topics/t/partition=0/t+0+0000000000.json", "a\nb\n");
    store.put("topics/t/partition=0/t+0+0000000002.json", "c\n");
    store.refusals.put(
        "topics/t/partition=0/t+0+0000000002.json",
        new StoreAccessDeniedException("the store refused to read it (HTTP 403)"));
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.put("behavior.on.error", "ignore");
    harness.start(props);

    assertThatThrownBy(() -> harness.pollRecords(3, 10_000))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("Cannot fetch 'topics/t/partition=0/t+0+0000000002.json'")
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("s3:GetObject");
  }

  @Test
  void aStoreThatFailsThroughItsClientsRetriesIsReadAgainUntilItAnswers() throws Exception {
    InMemoryStore store = new InMemoryStore();
    String key = "topics/t/partition=0/t+0+0000000000.json";
    store.put(key, "a\nb\n");
    store.failures.put(key, new AtomicInteger(3));
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.put("behavior.on.error", "ignore");
    harness.start(props);

    List<SourceRecord> records = harness.pollRecords(2, 30_000);

    assertThat(records).extracting(SourceRecord::value).containsExactly("a", "b");
    assertThat(store.openAttempts.get()).isEqualTo(4);
  }

  /**
   * Starts a task on one object whose every read the store answers with a 503, with {@code
   * settings} on top of the usual ones; returns the object's key.
   */
  private String startOnAnObjectTheStoreRefuses(Map<String, String> settings) {
    InMemoryStore store = new InMemoryStore();
    String key = "topics/t/partition=0/t+0+0000000000.json";
    store.put(key, "a\n");
    store.refusals.put(key, new StoreException("Cannot read it (HTTP 503 ServerBusy)"));
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.putAll(settings);
    harness.start(props);
    return key;
  }

  @Test
  void aStoreWithNoSuccessfulReadForTheUnavailableTimeoutFailsTheTaskSayingSo() throws Exception {
    String key =
        startOnAnObjectTheStoreRefuses(
            Map.of(
                "behavior.on.error", "ignore",
                "restore.store.unavailable.timeout.ms", "300",
                "restore.task.restarts.max", "0"));

    assertThatThrownBy(() -> harness.pollRecords(1, 30_000))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("no read from")
        .hasMessageContaining("restore.store.unavailable.timeout.ms");
    assertThat(harness.store.openAttempts.get()).isGreaterThan(1);
  }

  @Test
  void anObjectTheStoreKeepsFailingWhileOthersAreReadFailsTheTaskNamingIt() throws Exception {
    InMemoryStore store = new InMemoryStore();
    String failing = "topics/t/partition=0/t+0+0000000000.json";
    store.put(failing, "a\n");
    for (int i = 0; i < 200; i++) {
      store.put(String.format("topics/t/partition=1/t+1+%010d.json", i), "b" + i + "\n");
    }
    store.refusals.put(failing, new StoreException("Cannot read it (HTTP 500 InternalError)"));
    // Partition 1's reads go on succeeding for longer than the timeout.
    store.openDelayMillis = 20;
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.put("restore.store.unavailable.timeout.ms", "500");
    props.put("restore.task.restarts.max", "0");
    harness.start(props);

    assertThatThrownBy(() -> harness.pollRecords(201, 30_000))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("no read of '" + failing + "'")
        .hasMessageContaining("while other reads did")
        .hasMessageContaining("restore.store.unavailable.timeout.ms");
  }

  @Test
  void aTaskThatCannotListForLongerThanTheLimitFailsSayingSo() throws Exception {
    InMemoryStore store = new InMemoryStore();
    store.put("topics/t/partition=0/t+0+0000000000.json", "a\n");
    store.beforeList =
        () -> {
          throw new StoreException("Cannot list 'topics/' (HTTP 503 ServerBusy)");
        };
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.put("restore.store.unavailable.timeout.ms", "300");
    props.put("restore.task.restarts.max", "0");
    harness.start(props);

    assertThatThrownBy(() -> harness.pollRecords(1, 30_000))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("could not plan its partition streams")
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("restore.store.unavailable.timeout.ms");
  }

  @Test
  void aStoreThatTakesReadsAndNeverAnswersFailsTheTaskSayingSo() throws Exception {
    InMemoryStore store = new InMemoryStore();
    store.put("topics/t/partition=0/t+0+0000000000.json", "a\n");
    store.openDelayMillis = 600_000;
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.put("restore.store.unavailable.timeout.ms", "300");
    props.put("restore.task.restarts.max", "0");
    harness.start(props);

    assertThatThrownBy(() -> harness.pollRecords(1, 30_000))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("is stuck: no read from memory://test has made progress")
        .hasMessageContaining("restore.store.unavailable.timeout.ms");
  }

  @Test
  void aTaskThatLostItsStoreRestartsByItselfAndGoesOnWhereItStopped() throws Exception {
    InMemoryStore store = new InMemoryStore();
    String first = "topics/t/partition=0/t+0+0000000000.json";
    String second = "topics/t/partition=0/t+0+0000000002.json";
    store.put(first, "a\nb\n");
    store.put(second, "c\nd\n");
    // Reads of the second object fail for longer than the timeout, then the store is back.
    store.failures.put(second, new AtomicInteger(4));
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.put("restore.store.unavailable.timeout.ms", "300");
    props.put("restore.task.restart.backoff.ms", "10");
    harness.start(props);

    List<SourceRecord> records = harness.pollRecords(4, 30_000);

    assertThat(records).extracting(SourceRecord::value).containsExactly("a", "b", "c", "d");
    assertThat(harness.pollRecords(1, 500)).as("nothing twice").isEmpty();
    assertThat(records.get(0).sourceOffset()).doesNotContainKey("task_restarts");
    Map<String, ?> offset = records.get(3).sourceOffset();
    assertThat(offset.get("task_restarts")).isEqualTo(1);
    assertThat((String) offset.get("task_restart_reason"))
        .contains("no read from")
        .contains(second);
    assertThat(RestorePosition.fromSourceOffset(offset))
        .hasValueSatisfying(position -> assertThat(position.objectKey()).isEqualTo(second));
  }

  @Test
  void aTaskThatRestartedAsOftenAsAllowedFailsSayingSo() throws Exception {
    String key =
        startOnAnObjectTheStoreRefuses(
            Map.of(
                "restore.store.unavailable.timeout.ms", "200",
                "restore.task.restarts.max", "2",
                "restore.task.restart.backoff.ms", "10"));

    assertThatThrownBy(() -> harness.pollRecords(1, 60_000))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(key)
        .hasMessageContaining("no read from")
        .hasMessageContaining("restarted by itself 2 times in a row (restore.task.restarts.max)");
  }

  @Test
  void aReadThatBreaksOffIsTriedAgainFromTheRecordItReached() throws Exception {
    InMemoryStore store = new InMemoryStore();
    store.put("topics/t/partition=0/t+0+0000000000.json", "a\nb\nc\nd\n");
    store.breaksOnce.put("topics/t/partition=0/t+0+0000000000.json", 5);
    harness = new TaskHarness(store);
    harness.start(props());

    List<SourceRecord> records = harness.pollRecords(4, 10_000);

    assertThat(records).extracting(SourceRecord::value).containsExactly("a", "b", "c", "d");
    assertThat(harness.pollRecords(1, 500)).isEmpty();
  }

  @Test
  void withIgnoreACorruptObjectIsSkippedAndTheRestoreGoesOn() throws Exception {
    InMemoryStore store = new InMemoryStore();
    store.put("topics/t/partition=0/t+0+0000000000.json", "a\nb\n!corrupt\nd\n");
    store.put("topics/t/partition=0/t+0+0000000004.json", "e\nf\n");
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.put("behavior.on.error", "ignore");
    harness.start(props);

    List<SourceRecord> records = harness.pollRecords(4, 10_000);

    assertThat(records).extracting(SourceRecord::value).containsExactly("a", "b", "e", "f");
  }

  /** A JSON object of {@code count} lines of 1,000 bytes each. */
  private static String linesOf1000Bytes(int count) {
    String line = "x".repeat(1000);
    StringBuilder object = new StringBuilder(count * (line.length() + 1));
    for (int i = 0; i < count; i++) {
      object.append(line).append('\n');
    }
    return object.toString();
  }

  @Test
  void streamsAnObjectLargerThanTheMemoryCap() throws Exception {
    InMemoryStore store = new InMemoryStore();
    int count = 20_000; // about 20 MB
    store.put("topics/t/partition=0/t+0+0000000000.json", linesOf1000Bytes(count));
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.put("restore.buffer.max.bytes", String.valueOf(1 << 20));
    harness.start(props);

    List<SourceRecord> first = harness.pollRecords(1, 10_000);
    Thread.sleep(200);
    // The fetch thread stops once a quarter of the cap is buffered: it has not read the object.
    assertThat(first).isNotEmpty();
    assertThat(store.bytesRead.get()).isLessThan(2L << 20);

    List<SourceRecord> rest = harness.pollRecords(count - first.size(), 30_000);
    assertThat(rest).hasSize(count - first.size());
  }

  @Test
  void decodesALargeObjectOnlyAMegabyteAheadOfThePollWhateverTheMemoryCap() throws Exception {
    InMemoryStore store = new InMemoryStore();
    int count = 20_000; // about 20 MB
    store.put("topics/t/partition=0/t+0+0000000000.json", linesOf1000Bytes(count));
    harness = new TaskHarness(store);
    // The default cap: a quarter of it would be 16 MiB of records decoded ahead.
    harness.start(props());

    List<SourceRecord> first = harness.pollRecords(1, 10_000);
    Thread.sleep(200);
    assertThat(first).isNotEmpty();
    assertThat(store.bytesRead.get()).isLessThan(4L << 20);

    List<SourceRecord> rest = harness.pollRecords(count - first.size(), 30_000);
    assertThat(rest).hasSize(count - first.size());
    Map<String, ?> lastOffset = rest.get(rest.size() - 1).sourceOffset();
    assertThat(lastOffset.get("record")).isEqualTo((long) count - 1);
    assertThat(lastOffset.get("eof")).isEqualTo(true);
  }

  @Test
  void afterTheRestoreNewObjectsOfItsPartitionsAreRestoredToo() throws Exception {
    InMemoryStore store = new InMemoryStore();
    store.put("topics/t/partition=0/t+0+0000000000.json", "a\nb\n");
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.put("restore.poll.interval.ms", "200");
    // Task 0 of 2: "t" starts at task 0, so partition 0 is this task's and partition 1 the other's.
    props.put(RestoreSourceTaskConfig.TASK_COUNT_CONFIG, "2");
    harness.start(props);
    assertThat(harness.pollRecords(2, 10_000))
        .extracting(SourceRecord::value)
        .containsExactly("a", "b");

    store.put("topics/t/partition=0/t+0+0000000002.json", "c\n");
    store.put("topics/t/partition=1/t+1+0000000000.json", "not this task's\n");
    // A new partition of this task's share.
    store.put("topics/t/partition=2/t+2+0000000000.json", "d\n");

    assertThat(harness.pollRecords(2, 10_000))
        .extracting(SourceRecord::value)
        .containsExactlyInAnyOrder("c", "d");
    assertThat(harness.pollRecords(1, 1_000)).isEmpty();
  }

  /**
   * In a rolling upgrade, Connect may start a task from the configuration an earlier version stored
   * (its partitions named, no task count) before the connector writes new ones: it restores exactly
   * those partitions instead of failing.
   */
  @Test
  void aTaskOfAnEarlierVersionsConfigurationRestoresTheNamedPartitions() throws Exception {
    InMemoryStore store = new InMemoryStore();
    for (int p = 0; p < 3; p++) {
      store.put(String.format("topics/t/partition=%d/t+%d+0000000000.json", p, p), "t" + p + "\n");
    }
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.remove(RestoreSourceTaskConfig.TASK_COUNT_CONFIG);
    props.put(RestoreSourceTaskConfig.TASK_ID_CONFIG, "1");
    props.put(RestoreSourceTaskConfig.LEGACY_TASK_PARTITIONS_CONFIG, "t:0,2");
    harness.start(props);

    assertThat(harness.pollRecords(2, 10_000))
        .extracting(SourceRecord::value)
        .containsExactlyInAnyOrder("t0", "t2");
    assertThat(harness.pollRecords(1, 500)).isEmpty();
  }

  @Test
  void aTaskConfigurationWithoutTheTaskCountIsRefusedNamingTheKey() {
    Map<String, String> props = props();
    props.remove(RestoreSourceTaskConfig.TASK_COUNT_CONFIG);

    assertThatThrownBy(() -> new RestoreSourceTaskConfig(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("task.count");
    props.put(RestoreSourceTaskConfig.TASK_COUNT_CONFIG, "2");
    props.put(RestoreSourceTaskConfig.TASK_ID_CONFIG, "2");
    assertThatThrownBy(() -> new RestoreSourceTaskConfig(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("task.id")
        .hasMessageContaining("below task.count (2)");
  }

  /**
   * Each task finds its streams in its own listing. The backup grows between the tasks' listings
   * (new objects, new partitions, a new topic): still every record comes from exactly one task.
   */
  @Test
  void tasksThatListAtDifferentMomentsShareEveryStreamExactlyOnce() throws Exception {
    InMemoryStore store = new InMemoryStore();
    List<String> expected = new ArrayList<>();
    BiConsumer<String, Integer> put =
        (topicPartition, offset) -> {
          String[] tp = topicPartition.split("-");
          store.put(
              String.format(
                  "topics/%s/partition=%s/%s+%s+%010d.json", tp[0], tp[1], tp[0], tp[1], offset),
              topicPartition + "@" + offset + "\n");
          expected.add(topicPartition + "@" + offset);
        };
    put.accept("t-0", 0);
    put.accept("t-1", 0);
    List<TaskHarness> tasks = new ArrayList<>();
    List<SourceRecord> restored = new ArrayList<>();
    try {
      for (int task = 0; task < 3; task++) {
        TaskHarness taskHarness = new TaskHarness(store);
        Map<String, String> props = props();
        props.put("restore.poll.interval.ms", "100");
        props.put(RestoreSourceTaskConfig.TASK_ID_CONFIG, String.valueOf(task));
        props.put(RestoreSourceTaskConfig.TASK_COUNT_CONFIG, "3");
        taskHarness.start(props);
        tasks.add(taskHarness);
        // Between two tasks' listings, the backup grows: new objects, new partitions, a new topic.
        for (int p = 0; p < 2 + task * 2; p++) {
          put.accept("t-" + p, task + 1);
        }
        put.accept("u-" + task, 0);
      }
      long deadline = System.currentTimeMillis() + 20_000;
      while (restored.size() < expected.size() && System.currentTimeMillis() < deadline) {
        for (TaskHarness task : tasks) {
          restored.addAll(task.pollRecords(1, 50));
        }
      }
      // Anything more would be a stream restored by two tasks.
      for (TaskHarness task : tasks) {
        restored.addAll(task.pollRecords(1, 300));
      }

      assertThat(restored)
          .extracting(SourceRecord::value)
          .containsExactlyInAnyOrderElementsOf(expected);
    } finally {
      tasks.forEach(TaskHarness::stop);
    }
  }

  /**
   * Connect stops or rebalances a task only between polls: deleting the connector waits for the
   * polls of its tasks to return, however far off their next look at the backup is.
   */
  @Test
  void anIdlePollReturnsSoonWhateverThePollInterval() throws Exception {
    InMemoryStore store = new InMemoryStore();
    store.put("topics/t/partition=0/t+0+0000000000.json", "a\n");
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.put("restore.poll.interval.ms", String.valueOf(Duration.ofHours(1).toMillis()));
    RestoreSourceTask task = harness.start(props);
    assertThat(harness.pollRecords(1, 10_000)).hasSize(1);

    long started = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      assertThat(task.poll()).isNull();
    }

    // Five polls of up to a second each, before: five seconds or more.
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(Duration.ofMillis(RestoreSourceTask.POLL_WAIT_MS * 5 * 5));
  }

  /**
   * A task lists the backup as the connector does and remembers where every stream ended: a topic
   * too large to list flat at each look is listed one level, then each partition folder after the
   * last key seen.
   */
  @Test
  void whereTheStoreListsFromAKeyARefreshListsItsFolderAfterTheLastObjectSeen() throws Exception {
    int objects = 3_001;
    InMemoryStore store = new InMemoryStore(1_000);
    store.fromAKey = true;
    for (int offset = 0; offset < objects; offset++) {
      store.put(String.format("topics/t/partition=0/t+0+%010d.json", offset), "r" + offset + "\n");
    }
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.put("restore.poll.interval.ms", "100");
    harness.start(props);
    assertThat(harness.pollRecords(objects, 30_000)).hasSize(objects);
    // The first plan lists the topic flat, in four pages.
    assertThat(store.listings).filteredOn("topics/t/"::equals).hasSize(4);

    store.put(String.format("topics/t/partition=0/t+0+%010d.json", objects), "r" + objects + "\n");
    assertThat(harness.pollRecords(1, 10_000))
        .extracting(SourceRecord::value)
        .containsExactly("r" + objects);
    Thread.sleep(300);
    assertThat(harness.pollRecords(1, 300)).isEmpty();

    // After it, never again whole: one page after the last key seen, each refresh.
    assertThat(store.listings).filteredOn("topics/t/partition=0/"::equals).isEmpty();
    List<String> refreshes =
        List.copyOf(store.listings).stream()
            .filter(l -> l.startsWith("topics/t/partition=0/ after "))
            .toList();
    assertThat(refreshes).hasSizeGreaterThan(1);
    assertThat(refreshes).last().asString().endsWith(String.format("t+0+%010d.json", objects));
  }

  @Test
  void aOneShotTaskListsNothingOnceItsStreamsAreComplete() throws Exception {
    InMemoryStore store = new InMemoryStore();
    store.put("topics/t/partition=0/t+0+0000000000.json", "a\nb\n");
    harness = new TaskHarness(store);
    Map<String, String> props = props();
    props.put("restore.poll.interval.ms", "100");
    props.put("restore.watch", "false");
    harness.start(props);
    assertThat(harness.pollRecords(2, 10_000)).hasSize(2);
    int listed = store.listCalls.get();

    store.put("topics/t/partition=0/t+0+0000000002.json", "c\n");

    assertThat(harness.pollRecords(1, 1_000)).isEmpty();
    assertThat(store.listCalls.get()).isEqualTo(listed);
  }

  @Test
  void reportsProgressOverJmx() throws Exception {
    harness = new TaskHarness(twoPartitions());
    harness.start(props());
    harness.pollRecords(200, 10_000);
    javax.management.ObjectName name =
        new javax.management.ObjectName("io.timeshard:type=restore-task,connector=\"unit\",task=0");
    javax.management.MBeanServer server =
        java.lang.management.ManagementFactory.getPlatformMBeanServer();

    // The last object counts as restored once the poll after its last record finds it drained.
    harness.pollRecords(1, 500);
    assertThat(server.getAttribute(name, "PlannedObjects")).isEqualTo(20L);
    assertThat(server.getAttribute(name, "RestoredObjects")).isEqualTo(20L);
    assertThat(server.getAttribute(name, "RestoredRecords")).isEqualTo(200L);
    assertThat(server.getAttribute(name, "RemainingObjectsByPartition"))
        .isEqualTo("orders-0=0,orders-1=0");
    assertThat(server.getAttribute(name, "Complete")).isEqualTo(true);
  }

  @Test
  void restoresTombstonesAsNullValuesWithTheirKeysAndHeadersInOffsetOrder() throws Exception {
    InMemoryStore store = new InMemoryStore();
    store.put("topics/t/partition=0/t+0+0000000000.json", "v0\n");
    store.put("topics/t/partition=0/t+0+0000000000.keys.json", "k0\n");
    store.put("topics/t/partition=0/t+0+0000000000.headers.json", "h0\n");
    store.put("topics/t/tombstone/t+0+0000000001.keys.json", "k1\nk2\n");
    store.put("topics/t/tombstone/t+0+0000000001.headers.json", "h1\nh2\n");
    store.put("topics/t/partition=0/t+0+0000000003.json", "v3\n");
    store.put("topics/t/partition=0/t+0+0000000003.keys.json", "k3\n");
    store.put("topics/t/partition=0/t+0+0000000003.headers.json", "h3\n");
    harness = new TaskHarness(store);
    harness.start(props());

    List<SourceRecord> records = harness.pollRecords(4, 10_000);

    assertThat(records).extracting(SourceRecord::key).containsExactly("k0", "k1", "k2", "k3");
    assertThat(records).extracting(SourceRecord::value).containsExactly("v0", null, null, "v3");
    assertThat(records.get(1).valueSchema()).isNull();
    assertThat(records.get(2).headers().lastWithName("h").value()).isEqualTo("h2");
    assertThat(records.get(2).sourceOffset())
        .isEqualTo(
            Map.of(
                "object",
                "topics/t/tombstone/t+0+0000000001.keys.json",
                "start",
                1L,
                "record",
                1L,
                "eof",
                true));
  }

  @Test
  void stopOnAnotherThreadEndsTheFetchesAndLaterPollsReturnNothing() throws Exception {
    harness = new TaskHarness(twoPartitions());
    Map<String, String> props = props();
    props.put("record.batch.max.size", "1");
    RestoreSourceTask task = harness.start(props);
    harness.pollRecords(3, 10_000);

    java.util.concurrent.atomic.AtomicReference<Throwable> pollFailure =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean polling =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread poller =
        new Thread(
            () -> {
              try {
                while (polling.get()) {
                  task.poll();
                }
              } catch (Throwable t) {
                pollFailure.set(t);
              }
            });
    poller.start();
    Thread stopper = new Thread(task::stop);
    stopper.start();
    stopper.join();
    polling.set(false);
    poller.join();

    assertThat(pollFailure.get()).isNull();
    assertThat(task.poll()).isNull();
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("unit-0-fetch"));
  }
}
