package io.timeshard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeshard.cli.testing.Cli;
import io.timeshard.cli.testing.OrderBackup;
import io.timeshard.fixtures.ObjectSink;
import io.timeshard.fixtures.SinkFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code timeshard plan} on a local folder backup: no Kafka involved. */
class PlanCommandTest {

  private static final int PARTITIONS = 3;
  private static final int RECORDS = 40;

  @TempDir static Path backup;
  @TempDir static Path files;

  @BeforeAll
  static void writeBackup() throws Exception {
    // 40 records a partition, three minutes apart: folders 12 and 13; objects of 5 records.
    OrderBackup.write(ObjectSink.folder(backup), PARTITIONS, 0, RECORDS, 5);
  }

  private static Map<String, String> config(int tasks) {
    Map<String, String> config = OrderBackup.config(tasks);
    config.put("store.url", backup.toUri().toString());
    return config;
  }

  @Test
  void printsEachPartitionTheTasksTheListingAndAnEstimate() {
    Cli.Run run =
        Cli.run("plan", "--config", Cli.configFile(files, "restore", config(2)).toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Restore 'restore' from file://")
        .contains("LIST calls")
        .containsPattern("orders\\s+0\\s+8\\s+.*2025/05/16/12\\s+2025/05/16/13\\s+0\\s+35\\s+0")
        .containsPattern("orders\\s+2\\s+8\\s+")
        .containsPattern("all\\s+24\\s+")
        .contains("Tasks (tasks.max=2): 2")
        .contains("Estimated restore time:")
        .contains("Sampled: 8 objects")
        .contains("It assumes that:");
  }

  @Test
  void samplesAndEstimatesAParquetBackup() throws Exception {
    Path parquet = files.resolve("parquet-backup");
    OrderBackup.write(ObjectSink.folder(parquet), PARTITIONS, 0, RECORDS, 5, SinkFormat.PARQUET);
    Map<String, String> config = config(2);
    config.put("format.class", "io.confluent.connect.gcs.format.parquet.ParquetFormat");
    config.put("store.url", parquet.toUri().toString());

    Cli.Run run = Cli.run("plan", "--config", Cli.configFile(files, "parquet", config).toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern("orders\\s+0\\s+8\\s+.*2025/05/16/12\\s+2025/05/16/13\\s+0\\s+35\\s+0")
        .containsPattern("all\\s+24\\s+")
        .contains("Estimated restore time:")
        .contains("Sampled: 8 objects");
  }

  @Test
  void countsWhatTheWindowPrunesAndSplitsOverTasks() throws Exception {
    Map<String, String> config = config(4);
    config.put("restore.start", "2025-05-16T13:00:00Z");
    config.put("restore.end", "2025-05-16T14:00:00Z");
    Cli.Run run =
        Cli.run(
            "plan",
            "--config",
            Cli.configFile(files, "window", config).toString(),
            "--tasks",
            "2",
            "--format",
            "json");

    assertThat(run.exitCode()).isZero();
    JsonNode plan = new ObjectMapper().readTree(run.out());
    assertThat(plan.get("tasksMax").asInt()).isEqualTo(2);
    assertThat(plan.get("partitions")).hasSize(PARTITIONS);
    for (JsonNode partition : plan.get("partitions")) {
      // Records 20-39 are in folder 13: four objects (start offsets 20, 25, 30, 35) are planned,
      // the four of folder 12 are pruned.
      assertThat(partition.get("objects").asLong()).isEqualTo(4);
      assertThat(partition.get("prunedByWindow").asLong()).isEqualTo(4);
      assertThat(partition.get("firstFolder").asText()).isEqualTo("2025/05/16/13");
      assertThat(partition.get("firstStartOffset").asLong()).isEqualTo(20);
      assertThat(partition.get("lastStartOffset").asLong()).isEqualTo(35);
    }
    assertThat(plan.get("tasks")).hasSize(2);
    assertThat(plan.get("stats").get("listCalls").asLong()).isPositive();
    assertThat(plan.get("stats").get("foldersPruned").asLong()).isPositive();
    assertThat(plan.get("estimate").get("sample").get("records").asLong()).isEqualTo(8 * 5);
  }

  @Test
  void resolvesFileAndEnvironmentReferencesAsConnectDoes() throws Exception {
    Path secrets = files.resolve("store.properties");
    Files.writeString(secrets, "url=" + backup.toUri() + "\n");
    Map<String, String> config = config(1);
    config.put("store.url", "${file:" + secrets + ":url}");
    config.put("restore.topics", "${env:TIMESHARD_TEST_TOPIC}");

    Cli.Run run = Cli.run("plan", "--config", Cli.configFile(files, "refs", config).toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Topics: topics [orders]").containsPattern("all\\s+24\\s+");
  }

  @Test
  void anUnresolvableReferenceNamesItsKey() {
    Map<String, String> config = config(1);
    config.put("store.url", "${file:/no/such/file.properties:url}");

    Cli.Run run = Cli.run("plan", "--config", Cli.configFile(files, "missing", config).toString());

    assertThat(run.exitCode()).isEqualTo(Timeshard.INVALID);
    assertThat(run.err()).contains("store.url: ${file:/no/such/file.properties:url}");
  }

  @Test
  void anInvalidConfigurationExitsWithTheConnectorsValidationMessages() throws Exception {
    Map<String, String> config = config(1);
    config.put("restore.start", "2025-05-16T14:00:00Z");
    config.put("restore.end", "2025-05-16T13:00:00Z");
    config.put("restore.fetch.concurrency", "0");
    // The bare config object, as PUT /connectors/NAME/config takes it.
    Path file = files.resolve("bad.json");
    Files.writeString(file, new ObjectMapper().writeValueAsString(config));

    Cli.Run run = Cli.run("plan", "--config", file.toString());

    assertThat(run.exitCode()).isEqualTo(Timeshard.INVALID);
    assertThat(run.err())
        .contains("The connector would refuse the configuration")
        .contains("restore.fetch.concurrency: Invalid value 0");
  }

  @Test
  void everyCommandHasCompleteHelp() {
    for (String command : new String[] {"plan", "status", "verify"}) {
      Cli.Run run = Cli.run(command, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Usage: timeshard " + command).contains("--help");
    }
    Cli.Run top = Cli.run("--help");
    assertThat(top.out()).contains("plan", "status", "verify", "Exit codes:");
  }
}
