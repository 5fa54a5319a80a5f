package io.timeshard.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeshard.connect.supervise.TaskRestartConfig;
import io.timeshard.connect.supervise.TaskRestartExtension;
import io.timeshard.connect.supervise.rest.WorkerResources;
import io.timeshard.connect.testing.ConnectClusters;
import io.timeshard.connect.testing.CustomerBackup;
import io.timeshard.connect.testing.RestoreConfigs;
import io.timeshard.connect.testing.RestoredTopic;
import io.timeshard.connect.testing.Sequences;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskRestartExtension} in a real worker: a task that the worker fails outside Timeshard's
 * code comes back without anyone restarting it. The failure here is the worker's producer, which
 * cannot find the destination topic (the broker creates none by itself) and fails the task; the
 * topic is then created, as the cause of such a failure passes, and the restarted task restores
 * everything in order.
 *
 * <p>Three workers, each with the extension, look every 100 ms: all of them see each failure, and
 * only the worker that failed the task restarts it.
 */
class TaskRestartExtensionIT {

  private static final int PARTITIONS = 2;
  private static final int PER_PARTITION = 50;
  private static final long TIMEOUT_MS = 120_000;

  private static final WorkerLogLines log = new WorkerLogLines();
  private static EmbeddedConnectCluster connect;
  private static Path backup;

  @BeforeAll
  static void start() throws Exception {
    backup = Files.createTempDirectory("task-restart-it");
    CustomerBackup.write(backup, "customers", PARTITIONS, PER_PARTITION);
    connect =
        ConnectClusters.start(
            "task-restart-it",
            3,
            Map.of(
                "rest.extension.classes",
                TaskRestartExtension.class.getName(),
                TaskRestartConfig.CHECK_INTERVAL_MS_CONFIG,
                "100",
                // The producer fails the task every second until the topic is there.
                TaskRestartConfig.MAX_PER_HOUR_CONFIG,
                "1000",
                "connector.client.config.override.policy",
                "All"),
            Map.of("auto.create.topics.enable", "false"));
    log.install();
  }

  @AfterAll
  static void stop() {
    log.uninstall();
    if (connect != null) {
      connect.stop();
    }
  }

  @Test
  void aTaskTheWorkerFailedComesBackByItselfOnceTheCauseHasPassed() throws Exception {
    String topic = "created-later";
    // A task per partition, so that two workers may each fail a task of their own.
    Map<String, String> config = RestoreConfigs.timeBased(backup, PARTITIONS);
    config.put("transforms", "rename");
    config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.rename.regex", "customers");
    config.put("transforms.rename.replacement", topic);
    config.put("producer.override.max.block.ms", "1000");
    Set<String> failures = ConcurrentHashMap.newKeySet();

    connect.configureConnector(topic, config);
    TestUtils.waitForCondition(
        () -> sampleFailures(topic, failures) > 0,
        TIMEOUT_MS,
        "the worker fails the task: its producer finds no topic " + topic);
    assertThat(failures)
        .as("failed by the worker, outside Timeshard's code")
        .allMatch(trace -> !trace.contains("at io.timeshard."));

    connect.kafka().createTopic(topic, PARTITIONS);

    ConsumerRecords<byte[], byte[]> all =
        connect.kafka().consume(PARTITIONS * PER_PARTITION, TIMEOUT_MS, topic);
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(topic, PARTITIONS, "the tasks run again");
    all = connect.kafka().consumeAll(TIMEOUT_MS, topic);
    for (int p = 0; p < PARTITIONS; p++) {
      List<Long> ids = RestoredTopic.ids(all, p);
      assertThat(ids)
          .as("partition %d: every record once, in order", p)
          .containsExactlyElementsOf(Sequences.expectedIds(p, PER_PARTITION));
    }
    assertThat(log.restartsByTheExtension(topic)).as("restarts by the extension").isNotEmpty();
    log.assertEveryRestartByTheWorkerThatFailedTheTask(topic);
    log.assertNoFailedGracefulStop(topic);
    for (int task = 0; task < PARTITIONS; task++) {
      // A restart of the whole connector's failed tasks, from each worker with one, would start
      // another worker's task twice.
      assertThat(log.taskStarts(topic, task))
          .as("starts of task %d: the first, and one for each restart of it", task)
          .isEqualTo(1 + log.restartsByTheExtension(topic, task));
    }
    assertThat(restartsAnsweredByTheWorkers(topic))
        .as("GET %s/%s, from every worker", WorkerResources.RESTARTS_PATH, topic)
        .hasSize(log.restartsByTheExtension(topic).size())
        .allSatisfy(
            restart -> {
              assertThat(restart.path("task").asInt()).isBetween(0, PARTITIONS - 1);
              assertThat(restart.path("cause").asText())
                  .contains("Unrecoverable exception from producer send callback");
              assertThat(restart.path("time").asText()).isNotEmpty();
            });
    connect.deleteConnector(topic);
  }

  /** What each worker's extension says it restarted, for timeshard status. */
  private static List<JsonNode> restartsAnsweredByTheWorkers(String connector) throws Exception {
    List<JsonNode> restarts = new ArrayList<>();
    HttpClient http = HttpClient.newHttpClient();
    for (WorkerHandle worker : connect.workers()) {
      URI uri = worker.url().resolve(WorkerResources.RESTARTS_PATH + "/" + connector);
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
      JsonNode answer = new ObjectMapper().readTree(response.body());
      answer.forEach(
          restart -> {
            assertThat(restart.path("failed_on").asText())
                .as("the worker that failed it, and restarted it")
                .endsWith(":" + worker.url().getPort());
            assertThat(restart.path("by_that_worker").asBoolean()).isTrue();
            restarts.add(restart);
          });
    }
    return restarts;
  }

  private static int sampleFailures(String connector, Set<String> failures) {
    try {
      ConnectorStateInfo status = connect.connectorStatus(connector);
      status.tasks().stream()
          .filter(task -> "FAILED".equals(task.state()))
          .forEach(task -> failures.add(task.trace()));
    } catch (RuntimeException notYet) {
      // Not there yet.
    }
    return failures.size();
  }
}
