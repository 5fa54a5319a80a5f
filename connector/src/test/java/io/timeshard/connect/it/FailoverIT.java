package io.timeshard.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.testing.ConnectClusters;
import io.timeshard.connect.testing.CustomerBackup;
import io.timeshard.connect.testing.RestoreConfigs;
import io.timeshard.connect.testing.RestoredTopic;
import io.timeshard.connect.testing.Sequences;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three workers, the one holding the connector stopped mid-restore: the connector and its tasks
 * move and the restore completes.
 */
class FailoverIT {

  private static final int PARTITIONS = 3;
  private static final int PER_PARTITION = 300;
  private static final long TIMEOUT_MS = 180_000;

  @TempDir static Path backup;
  private static EmbeddedConnectCluster connect;

  @BeforeAll
  static void start() throws Exception {
    CustomerBackup.write(backup, "customerst", PARTITIONS, PER_PARTITION);
    connect =
        ConnectClusters.start(
            "failover-it",
            3,
            Map.of(DistributedConfig.SCHEDULED_REBALANCE_MAX_DELAY_MS_CONFIG, "2000"));
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.stop();
    }
  }

  @Test
  void aWorkerStoppedMidRestoreLosesNothing() throws Exception {
    connect.kafka().createTopic("customerst", PARTITIONS);
    Map<String, String> config = RestoreConfigs.slow(RestoreConfigs.timeBased(backup, 3));

    connect.configureConnector("failover", config);
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning("failover", 3, "three tasks run");
    connect.kafka().consume(PARTITIONS * PER_PARTITION / 5, TIMEOUT_MS, "customerst");
    // The worker holding the connector: the connector restarts elsewhere and plans again while
    // Connect still holds its tasks' configurations, which must not leave it with no task.
    String connectorWorker = connect.connectorStatus("failover").connector().workerId();
    WorkerHandle victim =
        connect.workers().stream()
            .filter(worker -> connectorWorker.endsWith(":" + worker.url().getPort()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no worker is " + connectorWorker));
    connect.removeWorker(victim);
    connect.kafka().consume(PARTITIONS * PER_PARTITION, TIMEOUT_MS, "customerst");
    Thread.sleep(2000);

    ConsumerRecords<byte[], byte[]> all = connect.kafka().consumeAll(TIMEOUT_MS, "customerst");
    for (int p = 0; p < PARTITIONS; p++) {
      List<Long> ids = RestoredTopic.ids(all, p);
      assertThat(Sequences.firstAppearances(ids))
          .as("partition %d: every record, in order", p)
          .containsExactlyElementsOf(Sequences.expectedIds(p, PER_PARTITION));
    }
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning("failover", 3, "the tasks moved");
    connect.deleteConnector("failover");
  }
}
