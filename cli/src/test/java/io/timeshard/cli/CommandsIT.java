package io.timeshard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeshard.cli.testing.Azurite;
import io.timeshard.cli.testing.Cli;
import io.timeshard.cli.testing.OrderBackup;
import io.timeshard.connect.RestoreSourceTaskConfig;
import io.timeshard.connect.supervise.TaskRestartConfig;
import io.timeshard.connect.supervise.TaskRestartExtension;
import io.timeshard.connect.supervise.rest.WorkerResources;
import io.timeshard.fixtures.Damage;
import io.timeshard.fixtures.ObjectSink;
import io.timeshard.fixtures.SinkFormat;
import io.timeshard.partitioner.split.TaskShare;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three commands against one embedded Kafka and Connect (KRaft), on backups that the fixtures
 * write to a local folder and to Azurite.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CommandsIT {

  private static final int PARTITIONS = 3;
  private static final long TIMEOUT_MS = 120_000;

  @TempDir static Path local;
  @TempDir static Path damaged;
  @TempDir static Path files;
  private static EmbeddedConnectCluster connect;
  private static Azurite azurite;

  @BeforeAll
  static void start() throws Exception {
    OrderBackup.write(ObjectSink.folder(local), PARTITIONS, 0, 40, 5);
    // Partition 1's object at offset 10 is no Avro file: its task fails there.
    OrderBackup.write(
        ObjectSink.folder(damaged)
            .damaging(key -> key.endsWith("orders+1+0000000010.avro"), Damage.garbage()),
        PARTITIONS,
        0,
        40,
        5);
    if (Azurite.installed()) {
      azurite = Azurite.start();
    }
    Map<String, String> workerProps = new HashMap<>();
    workerProps.put("plugin.discovery", "service_load");
    workerProps.put("offset.flush.interval.ms", "500");
    // For the task restarts that status lists; a producer setting per connector makes one fail.
    workerProps.put("rest.extension.classes", TaskRestartExtension.class.getName());
    workerProps.put(TaskRestartConfig.CHECK_INTERVAL_MS_CONFIG, "200");
    workerProps.put("connector.client.config.override.policy", "All");
    Properties brokerProps = new Properties();
    brokerProps.put("listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0");
    brokerProps.put("transaction.state.log.replication.factor", "1");
    brokerProps.put("transaction.state.log.min.isr", "1");
    connect =
        new EmbeddedConnectCluster.Builder()
            .name("timeshard-cli-it")
            .numWorkers(1)
            .numBrokers(1)
            .brokerProps(brokerProps)
            .workerProps(workerProps)
            .build();
    connect.start();
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.stop();
    }
    if (azurite != null) {
      azurite.close();
    }
  }

  private static Map<String, String> restoreTo(String destination, int tasks) {
    Map<String, String> config = OrderBackup.config(tasks);
    config.put("restore.poll.interval.ms", "1000");
    config.put("transforms", "rename");
    config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.rename.regex", OrderBackup.TOPIC);
    config.put("transforms.rename.replacement", destination);
    return config;
  }

  private static String connectUrl() {
    return connect.endpointForResource("").replaceAll("/+$", "").replaceAll("/connectors$", "");
  }

  @Test
  void statusDuringAndAfterARestoreThenVerifyFindsMissingReorderedAndChangedRecords()
      throws Exception {
    Map<String, String> config = restoreTo("orders-restored", 2);
    config.put("store.url", local.toUri().toString());
    Path file = Cli.configFile(files, "restore", config);
    connect.kafka().createTopic("orders-restored", PARTITIONS);

    connect.configureConnector("restore", config);
    connect.kafka().consume(PARTITIONS * 40, TIMEOUT_MS, "orders-restored");

    // What plan says is what the tasks do: each task restores the partitions its index and the
    // task count give it ("orders" starts at task 1 of 2).
    Cli.Run plan = Cli.run("plan", "--config", file.toString(), "--format", "json");
    assertThat(plan.exitCode()).isZero();
    List<String> planned = new ArrayList<>();
    for (JsonNode task : new ObjectMapper().readTree(plan.out()).get("tasks")) {
      List<String> partitions = new ArrayList<>();
      task.get("partitions").forEach(p -> partitions.add(p.asText()));
      planned.add(String.join(",", partitions));
    }
    assertThat(planned).containsExactly("orders-1", "orders-0,orders-2");
    List<String> assigned = new ArrayList<>();
    for (TaskInfo task : connect.taskConfigs("restore")) {
      TaskShare share =
          new TaskShare(
              Integer.parseInt(task.config().get(RestoreSourceTaskConfig.TASK_ID_CONFIG)),
              Integer.parseInt(task.config().get(RestoreSourceTaskConfig.TASK_COUNT_CONFIG)));
      List<String> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        if (share.test(new TopicPartition("orders", p))) {
          partitions.add("orders-" + p);
        }
      }
      assigned.add(String.join(",", partitions));
    }
    assertThat(assigned).containsExactlyElementsOf(planned);

    // After: every partition's last object is restored.
    Cli.Run after =
        Cli.run(
            "status",
            "--connect",
            connectUrl(),
            "--connector",
            "restore",
            "--watch",
            "--interval",
            "1");
    assertThat(after.exitCode()).isZero();
    assertThat(after.out()).contains("Restored: every partition's last object (24 objects");

    // During: more objects land in the backup while the connector is paused.
    connect.pauseConnector("restore");
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksArePaused("restore", 2, "the restore pauses");
    OrderBackup.write(ObjectSink.folder(local), PARTITIONS, 40, 60, 5);
    Cli.Run during = Cli.run("status", "--connect", connectUrl(), "--connector", "restore");
    assertThat(during.exitCode()).isEqualTo(Timeshard.NOT_DONE);
    assertThat(during.out())
        .contains("Connector PAUSED")
        .contains("task 0 PAUSED")
        .contains("24/36 objects")
        .contains("No rate or ETA from one look")
        .contains("Still restoring: 24 of 36 objects done.");

    connect.resumeConnector("restore");
    Cli.Run resumed =
        Cli.run(
            "status",
            "--connect",
            connectUrl(),
            "--connector",
            "restore",
            "--watch",
            "--interval",
            "1");
    assertThat(resumed.exitCode()).isZero();
    assertThat(resumed.out()).contains("Restored: every partition's last object (36 objects");

    Cli.Run verify =
        Cli.run(
            "verify",
            "--config",
            file.toString(),
            "--bootstrap-server",
            connect.kafka().bootstrapServers());
    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out())
        .contains(
            "Compared: counts, order, keys (StringConverter), values (JsonConverter), headers")
        .containsPattern("orders-0\\s+orders-restored-0\\s+60\\s+60\\s+same")
        .contains("Every partition (3) is restored as backed up.");

    // The same records backed up as Parquet (keys and headers too) are what was restored.
    Path parquet = files.resolve("parquet-backup");
    OrderBackup.write(ObjectSink.folder(parquet), PARTITIONS, 0, 60, 5, SinkFormat.PARQUET);
    Map<String, String> parquetConfig = new java.util.LinkedHashMap<>(config);
    parquetConfig.put("format.class", "io.confluent.connect.s3.format.parquet.ParquetFormat");
    parquetConfig.put("store.url", parquet.toUri().toString());
    Cli.Run parquetVerify =
        Cli.run(
            "verify",
            "--config",
            Cli.configFile(files, "parquet", parquetConfig).toString(),
            "--bootstrap-server",
            connect.kafka().bootstrapServers());
    assertThat(parquetVerify.exitCode()).isZero();
    assertThat(parquetVerify.out())
        .containsPattern("orders-0\\s+orders-restored-0\\s+60\\s+60\\s+same")
        .contains("Every partition (3) is restored as backed up.");

    // Copies of the restored topic with one record missing, a pair swapped, a value changed.
    ConsumerRecords<byte[], byte[]> restored =
        connect.kafka().consumeAll(TIMEOUT_MS, "orders-restored");
    copy(restored, "orders-missing", (p, i) -> p == 1 && i == 7 ? -1 : i);
    copy(restored, "orders-swapped", (p, i) -> p == 2 && i == 3 ? 4 : p == 2 && i == 4 ? 3 : i);
    copyChanging(restored, "orders-changed", 0, 5);

    Cli.Run missing = verifyAgainst(file, "orders-missing");
    assertThat(missing.exitCode()).isEqualTo(Timeshard.DIFFERENCE);
    assertThat(missing.out())
        .containsPattern("orders-1\\s+orders-missing-1\\s+60\\s+59\\s+DIFFERENT")
        .contains("orders-1 -> orders-missing-1: record 7 (record 2 of ")
        .contains("key order-1007) is missing");

    Cli.Run swapped = verifyAgainst(file, "orders-swapped");
    assertThat(swapped.exitCode()).isEqualTo(Timeshard.DIFFERENCE);
    assertThat(swapped.out())
        .contains(
            "orders-2 -> orders-swapped-2: records 3 and 4 are in each other's place (order)");

    Cli.Run changed = verifyAgainst(file, "orders-changed");
    assertThat(changed.exitCode()).isEqualTo(Timeshard.DIFFERENCE);
    assertThat(changed.out())
        .contains("orders-0 -> orders-changed-0: record 5 (record 0 of ")
        .contains(
            "in its value: backup {\"id\":5,\"item\":\"shoe-5\"}, restored {\"id\":5,\"item\":\"changed\"}")
        .containsPattern("orders-1\\s+orders-changed-1\\s+60\\s+60\\s+same");
    connect.deleteConnector("restore");
  }

  private static Cli.Run verifyAgainst(Path file, String topic) {
    return Cli.run(
        "verify",
        "--config",
        file.toString(),
        "--bootstrap-server",
        connect.kafka().bootstrapServers(),
        "--topic-map",
        OrderBackup.TOPIC + ":" + topic);
  }

  /** Which record of the partition goes to position i; -1 leaves position i out. */
  private interface Reorder {
    int source(int partition, int index);
  }

  private static Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition(
      ConsumerRecords<byte[], byte[]> records) {
    Map<Integer, List<ConsumerRecord<byte[], byte[]>>> partitions = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      partitions.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
    }
    partitions.values().forEach(list -> list.sort((a, b) -> Long.compare(a.offset(), b.offset())));
    return partitions;
  }

  private static void copy(ConsumerRecords<byte[], byte[]> records, String topic, Reorder reorder) {
    connect.kafka().createTopic(topic, PARTITIONS);
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      byPartition(records)
          .forEach(
              (p, list) -> {
                for (int i = 0; i < list.size(); i++) {
                  int source = reorder.source(p, i);
                  if (source >= 0) {
                    ConsumerRecord<byte[], byte[]> r = list.get(source);
                    producer.send(
                        new ProducerRecord<>(topic, p, null, r.key(), r.value(), r.headers()));
                  }
                }
              });
    }
  }

  private static void copyChanging(
      ConsumerRecords<byte[], byte[]> records, String topic, int partition, int index) {
    connect.kafka().createTopic(topic, PARTITIONS);
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      byPartition(records)
          .forEach(
              (p, list) -> {
                for (int i = 0; i < list.size(); i++) {
                  ConsumerRecord<byte[], byte[]> r = list.get(i);
                  byte[] value =
                      p == partition && i == index
                          ? new String(r.value(), StandardCharsets.UTF_8)
                              .replace("shoe-" + i, "changed")
                              .getBytes(StandardCharsets.UTF_8)
                          : r.value();
                  producer.send(new ProducerRecord<>(topic, p, null, r.key(), value, r.headers()));
                }
              });
    }
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", connect.kafka().bootstrapServers());
    props.put("enable.idempotence", "true");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Test
  void verifyHonoursTheWindow() throws Exception {
    Map<String, String> config = restoreTo("orders-window", 1);
    config.put("store.url", local.toUri().toString());
    config.put("restore.topics", OrderBackup.TOPIC);
    // The hour of records 20-39: the folder of 13:00 only.
    config.put("restore.start", "2025-05-16T13:00:00Z");
    config.put("restore.end", "2025-05-16T14:00:00Z");
    Path file = Cli.configFile(files, "window", config);
    connect.kafka().createTopic("orders-window", PARTITIONS);
    connect.configureConnector("window", config);
    connect.kafka().consume(PARTITIONS * 20, TIMEOUT_MS, "orders-window");
    Cli.Run status =
        Cli.run(
            "status",
            "--connect",
            connectUrl(),
            "--connector",
            "window",
            "--watch",
            "--interval",
            "1");
    assertThat(status.exitCode()).isZero();

    Cli.Run verify =
        Cli.run(
            "verify",
            "--config",
            file.toString(),
            "--bootstrap-server",
            connect.kafka().bootstrapServers());

    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out())
        .contains("window: [2025-05-16T13:00:00Z")
        .containsPattern("orders-2\\s+orders-window-2\\s+20\\s+20\\s+same");
    connect.deleteConnector("window");
  }

  @Test
  void thePackagedCommandRuns() throws Exception {
    Path home = Path.of(System.getProperty("timeshard.cli.home"));
    Map<String, String> config = OrderBackup.config(2);
    config.put("store.url", local.toUri().toString());
    Process process =
        new ProcessBuilder(
                home.resolve("bin/timeshard").toString(),
                "plan",
                "--config",
                Cli.configFile(files, "packaged", config).toString(),
                "--sample",
                "1")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output)
        .contains("Restore 'packaged' from file://")
        .contains("Tasks (tasks.max=2): 2");
  }

  @Test
  void statusReportsAFailedTaskWithItsTrace() {
    Map<String, String> config = restoreTo("orders-damaged", 1);
    config.put("store.url", damaged.toUri().toString());
    connect.kafka().createTopic("orders-damaged", PARTITIONS);
    connect.configureConnector("damaged", config);

    Cli.Run status =
        Cli.run(
            "status",
            "--connect",
            connectUrl(),
            "--connector",
            "damaged",
            "--watch",
            "--interval",
            "1");

    assertThat(status.exitCode()).isEqualTo(Timeshard.DIFFERENCE);
    assertThat(status.out())
        .contains("task 0 FAILED")
        .contains("Task 0 FAILED on ")
        .contains("orders+1+0000000010.avro")
        .contains("POST /connectors/damaged/tasks/ID/restart");
    connect.deleteConnector("damaged");
  }

  /**
   * The worker's producer refuses every record (larger than its max.request.size) and fails the
   * task outside Timeshard's code; the task restart extension restarts it, and status says so.
   */
  @Test
  void statusListsTheTaskRestartsOfTheWorkersExtensionWithTheirCause() throws Exception {
    Map<String, String> config = restoreTo("orders-refused", 1);
    config.put("store.url", local.toUri().toString());
    config.put("producer.override.max.request.size", "64");
    connect.kafka().createTopic("orders-refused", PARTITIONS);
    connect.configureConnector("refused", config);
    URI restarts =
        connect
            .workers()
            .iterator()
            .next()
            .url()
            .resolve(WorkerResources.RESTARTS_PATH + "/refused");
    HttpClient http = HttpClient.newHttpClient();
    TestUtils.waitForCondition(
        () ->
            new ObjectMapper()
                    .readTree(
                        http.send(
                                HttpRequest.newBuilder(restarts).build(),
                                HttpResponse.BodyHandlers.ofString())
                            .body())
                    .size()
                > 0,
        TIMEOUT_MS,
        "the extension restarts the task the producer failed");

    Cli.Run status = Cli.run("status", "--connect", connectUrl(), "--connector", "refused");

    assertThat(status.out())
        .contains("Restarted by the workers' task restart extension")
        .containsPattern(
            "task 0 at 20\\d\\d-\\d\\d-\\d\\dT[0-9:.]+Z, by worker [^ ]+:\\d+, which had failed it"
                + " outside Timeshard's code: .*Unrecoverable exception from producer send"
                + " callback");
    connect.deleteConnector("refused");
  }

  @Test
  void planStatusAndVerifyOnAzurite() throws Exception {
    Assumptions.assumeTrue(
        azurite != null, "Azurite is not installed: run 'npm ci' at the repository root");
    OrderBackup.write(azurite.container("orders-backup"), PARTITIONS, 0, 40, 5);
    Map<String, String> config = restoreTo("orders-from-azure", 2);
    config.putAll(azurite.config("orders-backup"));
    Path file = Cli.configFile(files, "azure", config);

    Cli.Run plan = Cli.run("plan", "--config", file.toString());
    assertThat(plan.exitCode()).isZero();
    assertThat(plan.out())
        .contains("from azblob://")
        .containsPattern("orders\\s+1\\s+8\\s+.*2025/05/16/12\\s+2025/05/16/13\\s+0\\s+35")
        .doesNotContain(Azurite.KEY);

    connect.kafka().createTopic("orders-from-azure", PARTITIONS);
    connect.configureConnector("azure", config);
    Cli.Run status =
        Cli.run(
            "status",
            "--connect",
            connectUrl(),
            "--connector",
            "azure",
            "--watch",
            "--interval",
            "1");
    assertThat(status.exitCode()).isZero();

    Cli.Run verify =
        Cli.run(
            "verify",
            "--config",
            file.toString(),
            "--bootstrap-server",
            connect.kafka().bootstrapServers());
    assertThat(verify.exitCode()).isZero();
    assertThat(verify.out()).contains("Every partition (3) is restored as backed up.");
    connect.deleteConnector("azure");
  }
}
