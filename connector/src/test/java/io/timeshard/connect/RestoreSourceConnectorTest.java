package io.timeshard.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.connect.store.StoreException;
import io.timeshard.connect.testing.InMemoryStore;
import io.timeshard.connect.testing.TaskHarness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestoreSourceConnectorTest {

  private RestoreSourceConnector connector;
  private final AtomicInteger reconfigurations = new AtomicInteger();

  @AfterEach
  void stop() {
    if (connector != null) {
      connector.stop();
    }
  }

  private static Map<String, String> timeBased() {
    Map<String, String> config = new HashMap<>();
    config.put("name", "unit");
    config.put("connector.class", RestoreSourceConnector.class.getName());
    config.put("format.class", "io.confluent.connect.azure.blob.storage.format.avro.AvroFormat");
    config.put(
        "partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner");
    config.put("path.format", "YYYY/MM/dd/HH");
    config.put("partition.duration.ms", "60000");
    config.put("locale", "en-US");
    config.put("timezone", "Europe/Madrid");
    config.put("store.url", "file:///tmp");
    config.put("restore.poll.interval.ms", "200");
    return config;
  }

  private RestoreSourceConnector start(InMemoryStore store, Map<String, String> config) {
    connector = new RestoreSourceConnector(c -> TaskHarness.services(store));
    connector.initialize(
        new SourceConnectorContext() {
          @Override
          public OffsetStorageReader offsetStorageReader() {
            return null;
          }

          @Override
          public void requestTaskReconfiguration() {
            reconfigurations.incrementAndGet();
          }

          @Override
          public void raiseError(Exception e) {
            throw new AssertionError(e);
          }

          @Override
          public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
            return null;
          }
        });
    connector.start(config);
    return connector;
  }

  private static InMemoryStore fourPartitions() {
    return fourPartitions(new InMemoryStore());
  }

  private static InMemoryStore fourPartitions(InMemoryStore store) {
    for (int p = 0; p < 4; p++) {
      for (int hour = 10; hour < 12; hour++) {
        store.put(
            String.format(
                "topics/customerst/2025/05/16/%d/customerst+%d+%010d.json", hour, p, hour),
            "x\n");
      }
    }
    return store;
  }

  /** Makes the store's listings wait until the returned latch is counted down. */
  private static CountDownLatch holdListings(InMemoryStore store) {
    CountDownLatch storeAnswers = new CountDownLatch(1);
    store.beforeList =
        () -> {
          try {
            storeAnswers.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    return storeAnswers;
  }

  /** Waits for the connector's plan to land. */
  private void awaitPlanned() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (!connector.isPlanned() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(connector.isPlanned()).isTrue();
  }

  /** The connector's configuration with a task's index and the task count. */
  private static Map<String, String> taskConfig(Map<String, String> config, int task, int tasks) {
    Map<String, String> expected = new HashMap<>(config);
    expected.put(RestoreSourceTaskConfig.TASK_ID_CONFIG, String.valueOf(task));
    expected.put(RestoreSourceTaskConfig.TASK_COUNT_CONFIG, String.valueOf(tasks));
    return expected;
  }

  @Test
  void answersTasksMaxConfigurationsOfTheConfigurationAloneBeforeAnyPlan() throws Exception {
    InMemoryStore store = fourPartitions();
    CountDownLatch storeAnswers = holdListings(store);
    start(store, timeBased());

    long asked = System.nanoTime();
    List<Map<String, String>> tasks = connector.taskConfigs(3);

    assertThat(System.nanoTime() - asked).isLessThan(TimeUnit.SECONDS.toNanos(5));
    assertThat(connector.isPlanned()).isFalse();
    assertThat(tasks)
        .containsExactly(
            taskConfig(timeBased(), 0, 3),
            taskConfig(timeBased(), 1, 3),
            taskConfig(timeBased(), 2, 3));
    // More tasks than partition streams: every one of them, the spare ones watching.
    assertThat(connector.taskConfigs(6)).hasSize(6).last().isEqualTo(taskConfig(timeBased(), 5, 6));
    assertThat(connector.taskConfigs(1)).containsExactly(taskConfig(timeBased(), 0, 1));
    storeAnswers.countDown();
    awaitPlanned();
    assertThat(connector.taskConfigs(3)).isEqualTo(tasks);
    assertThat(reconfigurations.get()).isZero();
  }

  /**
   * Connect restarts the tasks with the stored configurations when the connector starts again, in
   * the same worker or another (a worker lost, a rolling restart). Any other answer is a new set of
   * configurations, which stops them again; in an exactly-once worker such a task can no longer
   * start and fails its graceful stop.
   */
  @Test
  void aConnectorStartedAgainAnywhereAnswersAsBeforeWhilePlanning() throws Exception {
    InMemoryStore store = fourPartitions();
    start(store, timeBased());
    List<Map<String, String>> before = connector.taskConfigs(3);
    connector.stop();
    CountDownLatch storeAnswers = holdListings(store);

    // Nothing of the earlier start is kept anywhere: this is any worker.
    start(store, timeBased());

    assertThat(connector.taskConfigs(3)).isEqualTo(before);
    storeAnswers.countDown();
    awaitPlanned();
    assertThat(connector.taskConfigs(3)).isEqualTo(before);
  }

  @Test
  void anotherConfigurationGivesOtherTaskConfigurations() throws Exception {
    Map<String, String> changed = timeBased();
    changed.put("timezone", "UTC");

    start(fourPartitions(), changed);

    assertThat(connector.taskConfigs(2))
        .containsExactly(taskConfig(changed, 0, 2), taskConfig(changed, 1, 2))
        .doesNotContain(taskConfig(timeBased(), 0, 2));
  }

  @Test
  void aFirstPlanThatFailsIsRetried() throws Exception {
    InMemoryStore store = fourPartitions();
    AtomicInteger failures = new AtomicInteger(2);
    store.beforeList =
        () -> {
          if (failures.getAndDecrement() > 0) {
            throw new IllegalStateException("the store is throttling");
          }
        };
    start(store, timeBased());

    awaitPlanned();

    assertThat(connector.taskConfigs(4)).hasSize(4);
  }

  /**
   * A page the store fails to give for a reason that may pass is asked for again, within the same
   * attempt: a plan of hundreds of pages through a flaky store would hardly ever end if it started
   * over at each failure.
   */
  @Test
  void aFirstPlanAsksAgainForAPageTheStoreFailedToGiveInsteadOfStartingOver() throws Exception {
    // Pages of one entry: a plan of many LIST calls.
    InMemoryStore clean = fourPartitions(new InMemoryStore(1));
    start(clean, timeBased());
    awaitPlanned();
    int cleanCalls = clean.listCalls.get();
    connector.stop();

    InMemoryStore store = fourPartitions(new InMemoryStore(1));
    AtomicInteger calls = new AtomicInteger();
    store.beforeList =
        () -> {
          if (calls.incrementAndGet() == 5) {
            throw new StoreException("Connection reset by peer");
          }
        };
    start(store, timeBased());
    awaitPlanned();

    assertThat(cleanCalls).isGreaterThan(5);
    assertThat(calls.get())
        .as("LIST calls: the clean plan's, and the failed one once more")
        .isEqualTo(cleanCalls + 1);
  }

  @Test
  void anErrorWhilePlanningDoesNotStopThePlanning() throws Exception {
    InMemoryStore store = fourPartitions();
    AtomicInteger errors = new AtomicInteger(1);
    store.beforeList =
        () -> {
          if (errors.getAndDecrement() > 0) {
            throw new NoClassDefFoundError("a class the store needs");
          }
        };
    start(store, timeBased());

    awaitPlanned();
  }

  @Test
  void theConnectorListsOnlyForItsFirstPlanAndNeverAsksForNewTasks() throws Exception {
    InMemoryStore store = fourPartitions();
    start(store, timeBased());
    awaitPlanned();
    int listed = store.listCalls.get();

    // A new partition is found by the task whose share it is, not by the connector.
    store.put("topics/customerst/2025/05/16/12/customerst+4+0000000012.json", "x\n");
    Thread.sleep(1_000);

    assertThat(store.listCalls.get()).isEqualTo(listed);
    assertThat(reconfigurations.get()).isZero();
    assertThat(connector.taskConfigs(8)).hasSize(8);
  }

  /** Records of every task of a connector start, each task run to the end in turn. */
  private static List<SourceRecord> restoreEach(
      InMemoryStore store, List<Map<String, String>> taskConfigs, int recordsEach)
      throws InterruptedException {
    List<SourceRecord> restored = new ArrayList<>();
    for (Map<String, String> taskConfig : taskConfigs) {
      TaskHarness task = new TaskHarness(store);
      // As Connect hands it to the task: with the task's class added.
      Map<String, String> asConnectHandsIt = new HashMap<>(taskConfig);
      asConnectHandsIt.put("task.class", RestoreSourceTask.class.getName());
      task.start(asConnectHandsIt);
      try {
        restored.addAll(task.pollRecords(recordsEach, 10_000));
      } finally {
        task.stop();
      }
    }
    return restored;
  }

  /** Starts a one-shot restore of {@code store}. */
  private void startOneShot(InMemoryStore store) {
    Map<String, String> config = timeBased();
    config.put("restore.watch", "false");
    start(store, config);
  }

  @Test
  void tasksInTheConnectorsWorkerWaitForItsPlanAndListNothingThemselves() throws Exception {
    InMemoryStore store = fourPartitions();
    CountDownLatch storeAnswers = holdListings(store);
    startOneShot(store);
    List<Map<String, String>> tasks = connector.taskConfigs(2);
    // The tasks start before the connector's plan lands.
    new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              storeAnswers.countDown();
            })
        .start();

    // "customerst" starts at task 1 of 2: partitions 0 and 2 are task 1's, 1 and 3 task 0's.
    List<SourceRecord> restored = restoreEach(store, tasks, 4);
    int listedByTheConnector = store.listCalls.get();

    assertThat(restored).hasSize(8);
    assertThat(restored.subList(0, 4)).extracting(SourceRecord::kafkaPartition).containsOnly(1, 3);
    assertThat(restored.subList(4, 8)).extracting(SourceRecord::kafkaPartition).containsOnly(0, 2);
    assertThat(connector.isPlanned()).isTrue();

    // Each task took the plan once: a task restarted later lists the backup itself.
    assertThat(restoreEach(store, tasks.subList(0, 1), 4)).hasSize(4);
    assertThat(store.listCalls.get()).isGreaterThan(listedByTheConnector);
  }

  @Test
  void tasksStartedAfterTheirConnectorStoppedListTheBackupThemselves() throws Exception {
    InMemoryStore store = fourPartitions();
    startOneShot(store);
    List<Map<String, String>> tasks = connector.taskConfigs(2);
    connector.stop();
    connector = null;
    int listedByTheConnector = store.listCalls.get();

    assertThat(restoreEach(store, tasks, 4)).hasSize(8);
    assertThat(store.listCalls.get()).isGreaterThan(listedByTheConnector);
  }

  @Test
  void tasksOfAConnectorWhosePlanFailsPlanThemselves() throws Exception {
    InMemoryStore store = fourPartitions();
    AtomicInteger failures = new AtomicInteger(1);
    store.beforeList =
        () -> {
          if (failures.getAndDecrement() > 0) {
            throw new IllegalStateException("the store is throttling");
          }
        };
    startOneShot(store);

    assertThat(restoreEach(store, connector.taskConfigs(2), 4)).hasSize(8);
  }

  @Test
  void validateReportsAnUnknownFormatWithTheAcceptedOnes() {
    Map<String, String> config = timeBased();
    config.put("format.class", "com.example.OrcFormat");

    Config result = new RestoreSourceConnector().validate(config);

    ConfigValue format =
        result.configValues().stream()
            .filter(v -> v.name().equals("format.class"))
            .findFirst()
            .get();
    assertThat(format.errorMessages())
        .singleElement()
        .asString()
        .contains("com.example.OrcFormat")
        .contains("io.confluent.connect.s3.format.avro.AvroFormat");
  }

  @Test
  void validateReportsAWindowThatEndsBeforeItStarts() {
    Map<String, String> config = timeBased();
    config.put("restore.start", "20250516131400");
    config.put("restore.end", "20250516131200");

    Config result = new RestoreSourceConnector().validate(config);

    ConfigValue end =
        result.configValues().stream()
            .filter(v -> v.name().equals("restore.end"))
            .findFirst()
            .get();
    assertThat(end.errorMessages()).singleElement().asString().contains("ends before it starts");
  }

  @Test
  void everyKeyIsDocumentedInAGroup() {
    assertThat(RestoreSourceConfig.CONFIG_DEF.configKeys().values())
        .allSatisfy(
            key -> {
              assertThat(key.documentation).as(key.name).isNotBlank();
              assertThat(key.group).as(key.name).isNotBlank();
            });
    assertThat(RestoreSourceConfig.CONFIG_DEF.names())
        .contains(
            "format.class",
            "partitioner.class",
            "topics.dir",
            "directory.delim",
            "record.batch.max.size",
            "behavior.on.error",
            "mode",
            "confluent.license",
            "confluent.topic.bootstrap.servers");
  }

  @Test
  void supportsExactlyOnce() {
    assertThat(new RestoreSourceConnector().exactlyOnceSupport(timeBased()))
        .isEqualTo(ExactlyOnceSupport.SUPPORTED);
  }

  @Test
  void alterOffsetsAcceptsResetsAndValidPositionsOnly() {
    RestoreSourceConnector fresh = new RestoreSourceConnector();
    Map<String, Object> partition = Map.of("topic", "orders", "partition", 3);
    Map<String, Object> position =
        Map.of(
            "object",
            "topics/orders/partition=3/orders+3+0000000100.avro",
            "start",
            100L,
            "record",
            4L,
            "eof",
            false);
    Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
    reset.put(partition, null);

    assertThat(fresh.alterOffsets(timeBased(), reset)).isTrue();
    assertThat(fresh.alterOffsets(timeBased(), Map.of(partition, position))).isTrue();
    assertThatThrownBy(
            () -> fresh.alterOffsets(timeBased(), Map.of(Map.of("folder", "x"), position)))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("topic");
    assertThatThrownBy(
            () ->
                fresh.alterOffsets(
                    timeBased(), Map.of(partition, Map.of("object", "k", "record", "four"))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("start");
  }
}
