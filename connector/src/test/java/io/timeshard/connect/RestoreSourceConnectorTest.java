package io.timeshard.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestoreSourceConnectorTest {

  private RestoreSourceConnector connector;
  private final AtomicInteger reconfigurations = new AtomicInteger();

  @BeforeEach
  void asInAWorkerThatNeverRanTheConnector() {
    LastTaskConfigs.clear();
  }

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
    InMemoryStore store = new InMemoryStore();
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

  /** Waits for the reconfiguration the connector asks for when its first plan lands. */
  private void awaitReconfigurations(int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (reconfigurations.get() < count && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(reconfigurations.get()).isGreaterThanOrEqualTo(count);
  }

  @Test
  void fourPartitionsAndFourTasksGiveOnePartitionEach() throws Exception {
    start(fourPartitions(), timeBased());
    awaitReconfigurations(1);

    List<Map<String, String>> tasks = connector.taskConfigs(4);

    assertThat(tasks)
        .extracting(t -> t.get(RestoreSourceTaskConfig.TASK_PARTITIONS_CONFIG))
        .containsExactlyInAnyOrder("customerst:0", "customerst:1", "customerst:2", "customerst:3");
    assertThat(tasks).extracting(t -> t.get("timezone")).containsOnly("Europe/Madrid");
    assertThat(connector.taskConfigs(1))
        .extracting(t -> t.get(RestoreSourceTaskConfig.TASK_PARTITIONS_CONFIG))
        .containsExactly("customerst:0-3");
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

  /**
   * Starts a connector on {@code store}, waits for its plan and stops it: its three tasks' configs.
   */
  private List<Map<String, String>> plannedThenStopped(InMemoryStore store) throws Exception {
    start(store, timeBased());
    awaitReconfigurations(1);
    List<Map<String, String>> configs = connector.taskConfigs(3);
    connector.stop();
    return configs;
  }

  /**
   * Connect restarts the tasks with the stored configurations when it restarts a connector and its
   * tasks. Any other answer is a new set of configurations, which stops them again; in an
   * exactly-once worker such a task can no longer start and fails its graceful stop.
   */
  @Test
  void aConnectorRestartedInTheSameWorkerKeepsItsTaskConfigsWhilePlanningAndAfter()
      throws Exception {
    InMemoryStore store = fourPartitions();
    List<Map<String, String>> before = plannedThenStopped(store);
    CountDownLatch storeAnswers = holdListings(store);

    start(store, timeBased());

    assertThat(connector.taskConfigs(3)).isEqualTo(before);
    storeAnswers.countDown();
    awaitReconfigurations(2);
    assertThat(connector.taskConfigs(3)).isEqualTo(before);
  }

  /**
   * Connect stores the empty answer of a connector that plans where it never ran, then compares the
   * plan's answer with what it last read, which can still be the earlier start's: an equal answer
   * would be dropped and the restore would stall with no task.
   */
  @Test
  void aConnectorStartedInAnotherWorkerAssignsNoTaskUntilPlannedThenNewTaskConfigs()
      throws Exception {
    InMemoryStore store = fourPartitions();
    List<Map<String, String>> before = plannedThenStopped(store);
    LastTaskConfigs.clear();
    CountDownLatch storeAnswers = holdListings(store);

    start(store, timeBased());
    assertThat(connector.taskConfigs(3)).isEmpty();
    storeAnswers.countDown();
    awaitReconfigurations(2);
    List<Map<String, String>> after = connector.taskConfigs(3);

    assertThat(after).hasSize(3);
    for (int task = 0; task < 3; task++) {
      Map<String, String> withoutStart = new HashMap<>(after.get(task));
      withoutStart.remove(RestoreSourceTaskConfig.TASK_CONNECTOR_START_CONFIG);
      Map<String, String> earlierWithoutStart = new HashMap<>(before.get(task));
      earlierWithoutStart.remove(RestoreSourceTaskConfig.TASK_CONNECTOR_START_CONFIG);
      assertThat(withoutStart).isEqualTo(earlierWithoutStart);
      assertThat(after.get(task)).isNotEqualTo(before.get(task));
    }
    // Within one start, asking again without a new plan changes nothing: no task restarts.
    assertThat(connector.taskConfigs(3)).isEqualTo(after);
  }

  @Test
  void aConnectorRestartedWithAnotherConfigAssignsNoTaskUntilPlanned() throws Exception {
    InMemoryStore store = fourPartitions();
    plannedThenStopped(store);
    CountDownLatch storeAnswers = holdListings(store);
    Map<String, String> changed = timeBased();
    changed.put("timezone", "UTC");

    start(store, changed);

    assertThat(connector.taskConfigs(3)).isEmpty();
    storeAnswers.countDown();
  }

  @Test
  void aNewPartitionInTheBackupAsksForNewTaskAssignments() throws Exception {
    InMemoryStore store = fourPartitions();
    start(store, timeBased());
    awaitReconfigurations(1);
    assertThat(connector.taskConfigs(8)).hasSize(4);

    store.put("topics/customerst/2025/05/16/12/customerst+4+0000000012.json", "x\n");
    awaitReconfigurations(2);

    assertThat(connector.taskConfigs(8)).hasSize(5);
  }

  @Test
  void aFirstPlanSlowerThanAnyWaitStillEndsWithTasks() throws Exception {
    InMemoryStore store = fourPartitions();
    CountDownLatch storeAnswers = holdListings(store);
    start(store, timeBased());

    long asked = System.nanoTime();
    assertThat(connector.taskConfigs(4)).isEmpty();
    assertThat(System.nanoTime() - asked).isLessThan(TimeUnit.SECONDS.toNanos(5));
    assertThat(reconfigurations.get()).isZero();

    storeAnswers.countDown();
    awaitReconfigurations(1);

    assertThat(connector.taskConfigs(4)).hasSize(4);
  }

  @Test
  void aFirstPlanThatFailsIsRetriedAndEndsWithTasks() throws Exception {
    InMemoryStore store = fourPartitions();
    AtomicInteger failures = new AtomicInteger(2);
    store.beforeList =
        () -> {
          if (failures.getAndDecrement() > 0) {
            throw new IllegalStateException("the store is throttling");
          }
        };
    start(store, timeBased());

    awaitReconfigurations(1);

    assertThat(connector.taskConfigs(4)).hasSize(4);
  }

  @Test
  void anErrorInTheWatcherDoesNotStopIt() throws Exception {
    InMemoryStore store = fourPartitions();
    AtomicInteger errors = new AtomicInteger(1);
    store.beforeList =
        () -> {
          if (errors.getAndDecrement() > 0) {
            throw new NoClassDefFoundError("a class the store needs");
          }
        };
    start(store, timeBased());
    awaitReconfigurations(1);

    errors.set(1);
    store.put("topics/customerst/2025/05/16/12/customerst+4+0000000012.json", "x\n");
    awaitReconfigurations(2);

    assertThat(connector.taskConfigs(8)).hasSize(5);
  }

  @Test
  void whereTheStoreListsFromAKeyARefreshListsTheTopicFlatFromTheLookBack() throws Exception {
    InMemoryStore store = fourPartitions();
    store.fromAKey = true;
    start(store, timeBased());
    awaitReconfigurations(1);
    int afterFirstPlan = store.listings.size();

    store.put("topics/customerst/2025/05/16/12/customerst+4+0000000012.json", "x\n");
    awaitReconfigurations(2);

    assertThat(connector.taskConfigs(8)).hasSize(5);
    // Each refresh: the topics folder, the topic one level, the topic flat from the look-back's
    // folder (one hour before the newest, in Madrid's time); never a time folder level by level.
    List<String> refreshes =
        List.copyOf(store.listings).subList(afterFirstPlan, store.listings.size());
    assertThat(refreshes)
        .isNotEmpty()
        .allMatch(
            l ->
                l.equals("topics/")
                    || l.equals("topics/customerst/")
                    || l.equals("topics/customerst/ after topics/customerst/2025/05/16/10"));
  }

  /** Starts a one-shot restore of {@code store} and waits for its first plan. */
  private void startOneShot(InMemoryStore store) throws InterruptedException {
    Map<String, String> config = timeBased();
    config.put("restore.watch", "false");
    start(store, config);
    awaitReconfigurations(1);
  }

  /** Records of every task of a connector start, each task run to the end in turn. */
  private static List<SourceRecord> restoreEach(
      InMemoryStore store, List<Map<String, String>> taskConfigs, int recordsEach)
      throws InterruptedException {
    List<SourceRecord> restored = new ArrayList<>();
    for (Map<String, String> taskConfig : taskConfigs) {
      TaskHarness task = new TaskHarness(store);
      task.start(taskConfig);
      try {
        restored.addAll(task.pollRecords(recordsEach, 10_000));
      } finally {
        task.stop();
      }
    }
    return restored;
  }

  @Test
  void tasksInTheConnectorsWorkerRestoreFromItsPlanWithoutListingTheBackupAgain() throws Exception {
    InMemoryStore store = fourPartitions();
    startOneShot(store);
    List<Map<String, String>> tasks = connector.taskConfigs(2);
    int listedByTheConnector = store.listCalls.get();

    List<SourceRecord> restored = restoreEach(store, tasks, 4);

    assertThat(restored).hasSize(8);
    assertThat(restored.stream().map(r -> r.kafkaPartition()).distinct()).hasSize(4);
    assertThat(store.listCalls.get()).isEqualTo(listedByTheConnector);

    // The plan was taken: a task restarted later lists its partitions itself.
    assertThat(restoreEach(store, tasks.subList(0, 1), 4)).hasSize(4);
    assertThat(store.listCalls.get()).isGreaterThan(listedByTheConnector);
  }

  @Test
  void tasksStartedAfterTheirConnectorStoppedListTheBackupThemselves() throws Exception {
    InMemoryStore store = fourPartitions();
    startOneShot(store);
    List<Map<String, String>> tasks = connector.taskConfigs(2);
    int listedByTheConnector = store.listCalls.get();
    connector.stop();
    connector = null;

    assertThat(restoreEach(store, tasks, 4)).hasSize(8);
    assertThat(store.listCalls.get()).isGreaterThan(listedByTheConnector);
  }

  @Test
  void aOneShotRestoreListsNothingAfterItsFirstPlan() throws Exception {
    InMemoryStore store = fourPartitions();
    startOneShot(store);
    int listed = store.listCalls.get();

    Thread.sleep(1_000);

    assertThat(store.listCalls.get()).isEqualTo(listed);
    assertThat(connector.taskConfigs(4)).hasSize(4);
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
