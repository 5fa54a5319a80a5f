package io.timeshard.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.testing.ConnectClusters;
import io.timeshard.connect.testing.CustomerBackup;
import io.timeshard.connect.testing.RestoreConfigs;
import io.timeshard.connect.testing.RestoredTopic;
import io.timeshard.connect.testing.Sequences;
import io.timeshard.fixtures.Damage;
import io.timeshard.fixtures.Layout;
import io.timeshard.fixtures.SinkFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and wrong destinations: clear failures, or skips that lose nothing else. */
class ErrorsIT {

  private static final long TIMEOUT_MS = 90_000;
  private static final String CORRUPT_KEY = "topics/orders/partition=1/orders+1+0000000020.avro";

  @TempDir static Path backup;
  private static EmbeddedConnectCluster connect;

  @BeforeAll
  static void start() throws Exception {
    CustomerBackup.write(
        CustomerBackup.writer(backup, Layout.defaultLayout(), SinkFormat.AVRO, 10),
        "orders",
        2,
        50);
    Path corrupt = backup.resolve(CORRUPT_KEY);
    Files.write(
        corrupt,
        Damage.truncateTo(Files.readAllBytes(corrupt).length - 40)
            .apply(Files.readAllBytes(corrupt)));
    connect = ConnectClusters.start("errors-it", 1);
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      connect.stop();
    }
  }

  private static Map<String, String> config(String destination) {
    Map<String, String> config = RestoreConfigs.defaultLayout(backup, 2);
    config.put("transforms", "rename");
    config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.rename.regex", "orders");
    config.put("transforms.rename.replacement", destination);
    return config;
  }

  private static ConnectorStateInfo awaitFailedTask(String name) throws InterruptedException {
    TestUtils.waitForCondition(
        () ->
            connect.connectorStatus(name).tasks().stream()
                .anyMatch(task -> "FAILED".equals(task.state())),
        TIMEOUT_MS,
        "a task of " + name + " fails");
    return connect.connectorStatus(name);
  }

  @Test
  void aCorruptObjectFailsTheTaskNamingTheObjectAndRecord() throws Exception {
    connect.kafka().createTopic("fails", 2);

    connect.configureConnector("corrupt-fails", config("fails"));
    ConnectorStateInfo status = awaitFailedTask("corrupt-fails");

    String trace =
        status.tasks().stream().filter(t -> "FAILED".equals(t.state())).findFirst().get().trace();
    assertThat(trace).contains(CORRUPT_KEY).contains("Cannot decode record").contains("orders-1");
    // Everything before the corrupt object was restored, in order.
    RestoredTopic restored = RestoredTopic.read(connect, "fails", 70, TIMEOUT_MS);
    assertThat(restored.partition(0).ids()).isEqualTo(Sequences.expectedIds(0, 50));
    assertThat(restored.partition(1).ids())
        .startsWith(Sequences.expectedIds(1, 20).toArray(Long[]::new));
    connect.deleteConnector("corrupt-fails");
  }

  @Test
  void withIgnoreTheCorruptObjectIsSkippedAndEverythingElseRestored() throws Exception {
    connect.kafka().createTopic("skips", 2);
    Map<String, String> config = config("skips");
    config.put("behavior.on.error", "ignore");

    connect.configureConnector("corrupt-ignored", config);
    RestoredTopic restored = RestoredTopic.read(connect, "skips", 90, TIMEOUT_MS);
    TimeUnit.SECONDS.sleep(2);
    restored = RestoredTopic.read(connect, "skips", 90, TIMEOUT_MS);

    assertThat(restored.partition(0).ids()).isEqualTo(Sequences.expectedIds(0, 50));
    List<Long> expected = new java.util.ArrayList<>(Sequences.expectedIds(1, 50));
    // The truncated object held records 20 to 29; the records it still held intact before the
    // damage may be restored, the rest is skipped.
    List<Long> ids = restored.partition(1).ids();
    assertThat(ids)
        .containsSubsequence(expected.subList(0, 20))
        .containsSubsequence(expected.subList(30, 50));
    assertThat(ids).isSubsetOf(expected).doesNotHaveDuplicates();
    assertThat(connect.connectorStatus("corrupt-ignored").tasks())
        .allMatch(task -> "RUNNING".equals(task.state()));
    connect.deleteConnector("corrupt-ignored");
  }

  @Test
  void aDestinationWithFewerPartitionsFailsBeforeAnythingIsProduced() throws Exception {
    connect.kafka().createTopic("too-small", 1);
    Map<String, String> config = config("too-small");
    config.put("target.cluster.bootstrap.servers", connect.kafka().bootstrapServers());

    connect.configureConnector("too-small", config);
    TestUtils.waitForCondition(
        () -> "FAILED".equals(connect.connectorStatus("too-small").connector().state()),
        TIMEOUT_MS,
        "the connector fails");

    assertThat(connect.connectorStatus("too-small").connector().trace())
        .contains("'too-small' has 1 partitions")
        .contains("the backup holds 2");
    assertThat(connect.kafka().consumeAll(5_000, "too-small")).isEmpty();
    connect.deleteConnector("too-small");
  }

  @Test
  void aMissingDestinationTopicFailsNamingIt() throws Exception {
    Map<String, String> config = config("nowhere");
    config.put("target.cluster.bootstrap.servers", connect.kafka().bootstrapServers());

    connect.configureConnector("nowhere", config);
    TestUtils.waitForCondition(
        () -> "FAILED".equals(connect.connectorStatus("nowhere").connector().state()),
        TIMEOUT_MS,
        "the connector fails");

    assertThat(connect.connectorStatus("nowhere").connector().trace())
        .contains("'nowhere' does not exist")
        .contains("2 partitions");
    connect.deleteConnector("nowhere");
  }

  @Test
  void anEmptyBackupRestoresNothingAndDoesNotFail() throws Exception {
    Path empty = Files.createDirectories(backup.resolve("empty"));

    connect.configureConnector("empty-backup", RestoreConfigs.defaultLayout(empty, 2));
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning("empty-backup", 2, "two idle tasks");
    connect.deleteConnector("empty-backup");
  }
}
