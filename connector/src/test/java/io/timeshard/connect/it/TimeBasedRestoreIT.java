package io.timeshard.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.RestoreSourceTaskConfig;
import io.timeshard.connect.store.RegisteredStoreProvider;
import io.timeshard.connect.testing.ConnectClusters;
import io.timeshard.connect.testing.CustomerBackup;
import io.timeshard.connect.testing.RestoreConfigs;
import io.timeshard.connect.testing.RestoredTopic;
import io.timeshard.connect.testing.TaskShares;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-up's time-based backup (YYYY/MM/dd/HH folders, 60000 ms buckets, Europe/Madrid, one
 * object per record, late records) restored on a real worker with tasks.max 1 and 4.
 */
class TimeBasedRestoreIT {

  private static final String TOPIC = "customerst";
  private static final int PARTITIONS = 4;
  private static final int PER_PARTITION = 600;
  private static final long TIMEOUT_MS = 120_000;

  @TempDir static Path backup;
  private static EmbeddedConnectCluster connect;

  @BeforeAll
  static void start() throws Exception {
    CustomerBackup.write(backup, TOPIC, PARTITIONS, PER_PARTITION);
    connect = ConnectClusters.start("time-based-it", 1);
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.stop();
    }
  }

  /** The write-up's configuration (licence keys included), renaming the topic on the way. */
  static Map<String, String> config(int tasks, String destination) {
    Map<String, String> config = RestoreConfigs.timeBased(backup, tasks);
    config.put("confluent.topic.bootstrap.servers", "broker:19091");
    config.put("confluent.topic.replication.factor", "1");
    config.put("transforms", "rename");
    config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.rename.regex", TOPIC);
    config.put("transforms.rename.replacement", destination);
    return config;
  }

  private static double restore(String name, int tasks, String destination) throws Exception {
    connect.kafka().createTopic(destination, PARTITIONS);
    long started = System.nanoTime();
    connect.configureConnector(name, config(tasks, destination));
    RestoredTopic restored =
        RestoredTopic.read(connect, destination, PARTITIONS * PER_PARTITION, TIMEOUT_MS);
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(restored.count()).isEqualTo(PARTITIONS * PER_PARTITION);
    for (int p = 0; p < PARTITIONS; p++) {
      long first = CustomerBackup.id(p, 0);
      assertThat(restored.partition(p).ids())
          .as("partition %d in backup order", p)
          .containsExactlyElementsOf(
              LongStream.range(first, first + PER_PARTITION).boxed().toList());
    }
    // From the first record produced to the last, by the producer's timestamps: the restore
    // itself, without the connector's start and the test's consumer.
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int p = 0; p < PARTITIONS; p++) {
      List<Long> times = restored.partition(p).timestamps();
      first = Math.min(first, times.get(0));
      last = Math.max(last, times.get(times.size() - 1));
    }
    double producing = Math.max(1, last - first) / 1000.0;
    System.out.printf(
        "Time-based restore, tasks.max=%d: %d records (%d objects): %.1f s from configuring the"
            + " connector to the last record read back; %.2f s from first to last record"
            + " produced, %.0f records/s%n",
        tasks,
        PARTITIONS * PER_PARTITION,
        PARTITIONS * PER_PARTITION,
        seconds,
        producing,
        PARTITIONS * PER_PARTITION / producing);
    return seconds;
  }

  @Test
  void oneTaskRestoresEveryPartitionInOrder() throws Exception {
    restore("restore-1", 1, "customerst-1");

    List<TaskInfo> tasks = connect.taskConfigs("restore-1");
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).config())
        .containsEntry(RestoreSourceTaskConfig.TASK_ID_CONFIG, "0")
        .containsEntry(RestoreSourceTaskConfig.TASK_COUNT_CONFIG, "1");
    connect.deleteConnector("restore-1");
  }

  @Test
  void fourTasksEachRestoreOnePartitionAtTheSameTime() throws Exception {
    restore("restore-4", 4, "customerst-4");

    // "customerst" starts at task 3 of 4; its next partitions follow in turn.
    assertThat(
            TaskShares.of(
                connect.taskConfigs("restore-4"),
                List.of(
                    new TopicPartition("customerst", 0),
                    new TopicPartition("customerst", 1),
                    new TopicPartition("customerst", 2),
                    new TopicPartition("customerst", 3))))
        .containsExactly(
            List.of(new TopicPartition("customerst", 1)),
            List.of(new TopicPartition("customerst", 2)),
            List.of(new TopicPartition("customerst", 3)),
            List.of(new TopicPartition("customerst", 0)));
    // The four tasks run at once, each with its own partition, and every partition came whole and
    // in order (restore). Whether their spans of produce times overlap depends on speed, not on
    // the restore: a task reads its 600 small objects in less time than Connect takes to start
    // the next task.
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning("restore-4", 4, "four tasks run");
    connect.deleteConnector("restore-4");
  }

  @Test
  void aWindowRestoresOnlyTheRecordsInsideIt() throws Exception {
    String destination = "customerst-window";
    // The records keep their times of 2025: a topic's default retention would let the broker
    // delete them at its next retention check, while the test reads them back.
    connect.kafka().createTopic(destination, PARTITIONS, 1, Map.of("retention.ms", "-1"));
    Map<String, String> config = config(2, destination);
    // 02:00 in Madrid happens twice that night; a local bound means its first time, 00:00Z.
    config.put("restore.start", "20251026020000");
    config.put("restore.end", "2025-10-26T01:30:00Z");
    config.put("restore.timezone", "Europe/Madrid");
    config.put("restore.timestamp.field", "event_timestamp");
    config.put("restore.record.timestamp", "field");
    long start = java.time.Instant.parse("2025-10-26T00:00:00Z").toEpochMilli();
    long end = java.time.Instant.parse("2025-10-26T01:30:00Z").toEpochMilli();
    List<Long> inside =
        LongStream.range(0, PER_PARTITION)
            .filter(i -> CustomerBackup.timestamp(i) >= start && CustomerBackup.timestamp(i) < end)
            .boxed()
            .toList();
    assertThat(inside).isNotEmpty();

    connect.configureConnector("restore-window", config);
    RestoredTopic restored =
        RestoredTopic.read(connect, destination, PARTITIONS * inside.size(), TIMEOUT_MS);

    assertThat(restored.count()).isEqualTo(PARTITIONS * inside.size());
    for (int p = 0; p < PARTITIONS; p++) {
      int partition = p;
      assertThat(restored.partition(p).ids())
          .containsExactlyElementsOf(
              inside.stream().map(i -> CustomerBackup.id(partition, i)).toList());
      assertThat(restored.partition(p).timestamps())
          .containsExactlyElementsOf(inside.stream().map(CustomerBackup::timestamp).toList());
    }
    connect.deleteConnector("restore-window");
  }

  @Test
  void aPlanSlowerThanAnyWaitStillEndsWithItsTasks() throws Exception {
    String destination = "customerst-slow-plan";
    connect.kafka().createTopic(destination, PARTITIONS);
    Map<String, String> config = config(4, destination);
    // Each of the connector's LIST requests answers 6 s late: the first plan takes over 10 s.
    config.remove("store.url");
    config.put("store.type", RegisteredStoreProvider.NAME);
    config.put(RegisteredStoreProvider.ROOT_CONFIG, backup.toString());
    config.put(RegisteredStoreProvider.CONNECTOR_LIST_DELAY_MS_CONFIG, "6000");

    connect.configureConnector("slow-plan", config);
    RestoredTopic restored =
        RestoredTopic.read(connect, destination, PARTITIONS * PER_PARTITION, TIMEOUT_MS);

    assertThat(restored.count()).isEqualTo(PARTITIONS * PER_PARTITION);
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning("slow-plan", 4, "four tasks run");
    connect.deleteConnector("slow-plan");
  }

  @Test
  void anEmptyWindowRestoresNothingAndDoesNotFail() throws Exception {
    Map<String, String> config = config(4, "customerst-never");
    config.put("restore.start", "2031-01-01T00:00:00Z");

    connect.configureConnector("empty-window", config);

    // tasks.max tasks, each idle and watching for objects in the window.
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning("empty-window", 4, "four idle tasks");
    connect.deleteConnector("empty-window");
  }

  @Test
  void aCompactedTopicRestoresItsTombstonesFromTheTombstoneFolder(@TempDir Path compacted)
      throws Exception {
    CustomerBackup.writeCompacted(
        CustomerBackup.writer(
            compacted, CustomerBackup.madridHourly(), io.timeshard.fixtures.SinkFormat.AVRO, 1),
        "accounts",
        2,
        40);
    // The sink puts tombstones where the time folders would be, not into a time folder.
    assertThat(compacted.resolve("topics/accounts/tombstone/accounts+1+0000000009.keys.avro"))
        .exists();
    connect.kafka().createTopic("accounts", 2);
    Map<String, String> config = RestoreConfigs.timeBased(compacted, 2);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");

    connect.configureConnector("restore-compacted", config);
    RestoredTopic restored = RestoredTopic.read(connect, "accounts", 80, TIMEOUT_MS);

    assertThat(restored.count()).isEqualTo(80);
    for (int p = 0; p < 2; p++) {
      assertThat(restored.partition(p).keys())
          .containsExactlyElementsOf(CustomerBackup.keys(p, 40));
      assertThat(restored.partition(p).tombstones())
          .containsExactlyElementsOf(CustomerBackup.tombstones(40));
    }
    connect.deleteConnector("restore-compacted");
  }

  @Test
  void theBackupHasLateRecordsInEarlierFolders() throws Exception {
    try (var files = Files.walk(backup)) {
      // Record 49 of each partition was written two hours before its neighbours' folder.
      assertThat(files.map(Path::toString).filter(f -> f.endsWith("+0000000049.avro")))
          .allMatch(f -> f.contains("/2025/10/25/23/") || f.contains("/2025/10/26/00/"));
    }
  }
}
