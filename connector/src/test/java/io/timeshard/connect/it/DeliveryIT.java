package io.timeshard.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.testing.ConnectClusters;
import io.timeshard.connect.testing.CustomerBackup;
import io.timeshard.connect.testing.RestoreConfigs;
import io.timeshard.connect.testing.RestoredTopic;
import io.timeshard.connect.testing.Sequences;
import io.timeshard.fixtures.Layout;
import io.timeshard.fixtures.SinkFormat;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery across interruptions: a restarted connector resumes after its last committed record, and
 * with exactly-once source support a worker restart leaves no duplicate.
 */
class DeliveryIT {

  private static final int PARTITIONS = 2;
  private static final int PER_PARTITION = 400;
  private static final int TOTAL = PARTITIONS * PER_PARTITION;
  private static final long TIMEOUT_MS = 120_000;

  @TempDir static Path backup;
  private static EmbeddedConnectCluster connect;

  @BeforeAll
  static void start() throws Exception {
    CustomerBackup.write(
        CustomerBackup.writer(backup, Layout.defaultLayout(), SinkFormat.AVRO, 1),
        "orders",
        PARTITIONS,
        PER_PARTITION);
    connect =
        ConnectClusters.start(
            "delivery-it",
            1,
            Map.of(DistributedConfig.EXACTLY_ONCE_SOURCE_SUPPORT_CONFIG, "enabled"));
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.stop();
    }
  }

  private static Map<String, Object> readCommitted() {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return props;
  }

  private static List<Long> ids(ConsumerRecords<byte[], byte[]> records, int partition) {
    return RestoredTopic.ids(records, partition);
  }

  private static List<Map<String, String>> taskConfigs(String connector) {
    return connect.taskConfigs(connector).stream().map(TaskInfo::config).toList();
  }

  @Test
  void aRestartedConnectorResumesAfterItsLastCommittedRecord() throws Exception {
    connect.kafka().createTopic("resumed", PARTITIONS);
    Map<String, String> config = RestoreConfigs.slow(RestoreConfigs.defaultLayout(backup, 2));
    config.put("transforms", "rename");
    config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.rename.regex", "orders");
    config.put("transforms.rename.replacement", "resumed");

    connect.configureConnector("resume", config);
    connect.kafka().consume(TOTAL / 4, TIMEOUT_MS, "resumed");
    List<Map<String, String>> taskConfigs = taskConfigs("resume");
    connect.restartConnectorAndTasks("resume", false, true, false);
    connect.kafka().consume(TOTAL, TIMEOUT_MS, "resumed");
    // Connect restarted the tasks with their stored configurations; new ones would have stopped
    // them again, and in this exactly-once worker failed their start.
    assertThat(taskConfigs("resume")).isEqualTo(taskConfigs);
    // Let a restore that replayed too much show itself.
    Thread.sleep(2000);
    ConsumerRecords<byte[], byte[]> all = connect.kafka().consumeAll(TIMEOUT_MS, "resumed");

    for (int p = 0; p < PARTITIONS; p++) {
      List<Long> ids = ids(all, p);
      assertThat(Sequences.firstAppearances(ids))
          .containsExactlyElementsOf(Sequences.expectedIds(p, PER_PARTITION));
      // At least once: only records after the last commit (flushed every second) come twice.
      assertThat(ids.size() - PER_PARTITION).isLessThan(PER_PARTITION / 2);
    }
    connect.deleteConnector("resume");
  }

  @Test
  void exactlyOnceAcrossAWorkerRestartLeavesNoDuplicate() throws Exception {
    connect.kafka().createTopic("exactly-once", PARTITIONS);
    Map<String, String> config = RestoreConfigs.slow(RestoreConfigs.defaultLayout(backup, 2));
    config.put("exactly.once.support", "required");
    config.put("transforms", "rename");
    config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.rename.regex", "orders");
    config.put("transforms.rename.replacement", "exactly-once");

    connect.configureConnector("exactly-once", config);
    connect.kafka().consume(TOTAL / 4, TIMEOUT_MS, readCommitted(), "exactly-once");
    WorkerHandle worker = connect.workers().iterator().next();
    connect.removeWorker(worker);
    connect.addWorker();
    connect.kafka().consume(TOTAL, TIMEOUT_MS, readCommitted(), "exactly-once");
    Thread.sleep(2000);
    ConsumerRecords<byte[], byte[]> all =
        connect.kafka().consumeAll(TIMEOUT_MS, readCommitted(), null, "exactly-once");

    for (int p = 0; p < PARTITIONS; p++) {
      assertThat(ids(all, p))
          .as("partition %d, read committed", p)
          .containsExactlyElementsOf(Sequences.expectedIds(p, PER_PARTITION));
    }
    connect.deleteConnector("exactly-once");
  }
}
