package io.timeshard.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.testing.CustomerBackup;
import io.timeshard.connect.testing.RestoreConfigs;
import io.timeshard.connect.testing.Sequences;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin folder, loaded by a Connect worker in its own process with plugin isolation:
 * the worker's class path holds Kafka and nothing of the plugin, which it must find on {@code
 * plugin.path}, then restore with.
 */
class PluginPackagingIT {

  private static final long TIMEOUT_MS = 120_000;
  private static final Path PLUGIN =
      Path.of(
              "target",
              "timeshard-restore-" + System.getProperty("project.version", "0.1.0-SNAPSHOT"))
          .toAbsolutePath();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path work;

  private static EmbeddedKafkaCluster kafka;
  private static Process worker;
  private static String rest;

  @BeforeAll
  static void start() throws Exception {
    kafka = new EmbeddedKafkaCluster(1, new java.util.Properties());
    kafka.start();
    int port;
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    rest = "http://127.0.0.1:" + port;
    Path properties = work.resolve("worker.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "bootstrap.servers=" + kafka.bootstrapServers(),
            "group.id=packaging-it",
            "listeners=" + rest,
            "plugin.path=" + PLUGIN,
            "plugin.discovery=service_load",
            "key.converter=org.apache.kafka.connect.json.JsonConverter",
            "value.converter=org.apache.kafka.connect.json.JsonConverter",
            "config.storage.topic=connect-configs",
            "offset.storage.topic=connect-offsets",
            "status.storage.topic=connect-status",
            "config.storage.replication.factor=1",
            "offset.storage.replication.factor=1",
            "status.storage.replication.factor=1",
            "offset.flush.interval.ms=1000"));
    worker =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                workerClassPath(),
                "org.apache.kafka.connect.cli.ConnectDistributed",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("worker.log").toFile())
            .start();
    TestUtils.waitForCondition(
        () -> get("/connector-plugins").contains("RestoreSourceConnector"),
        TIMEOUT_MS,
        () -> "the worker lists the plugin; its log ends with:\n" + logTail());
  }

  private static String logTail() {
    try {
      List<String> lines = Files.readAllLines(work.resolve("worker.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /**
   * The worker's class path: the test's, less the project's own classes and jars and less the
   * libraries only the plugin uses (the store SDKs, Avro), as a Kafka installation would have it.
   */
  private static String workerClassPath() {
    List<String> pluginOnly =
        List.of(
            "/io/timeshard/",
            "/com/azure/",
            "/software/amazon/",
            "/com/google/",
            "/io/netty/",
            "/io/projectreactor/",
            "/org/apache/avro/",
            "/io/apicurio/",
            "/io/grpc/");
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String path = entry.replace(File.separatorChar, '/');
      // failsafe puts the module's own jar, not its classes folder, on the class path
      boolean projectClasses =
          path.endsWith("/classes")
              || path.endsWith("/test-classes")
              || path.substring(path.lastIndexOf('/') + 1).startsWith("timeshard-");
      if (!projectClasses && pluginOnly.stream().noneMatch(path::contains)) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  @AfterAll
  static void stop() throws Exception {
    if (worker != null) {
      worker.destroy();
      worker.waitFor();
    }
    if (kafka != null) {
      kafka.stop();
    }
  }

  private static String get(String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(rest + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** PUTs until the worker takes it: right after start it may still be joining its group. */
  private static void put(String path, String json) throws Exception {
    String[] last = {""};
    TestUtils.waitForCondition(
        () -> {
          HttpResponse<String> response =
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(URI.create(rest + path))
                          .header("Content-Type", "application/json")
                          .PUT(HttpRequest.BodyPublishers.ofString(json))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
          last[0] = response.statusCode() + " " + response.body();
          return response.statusCode() < 300;
        },
        TIMEOUT_MS,
        () -> "the worker takes the connector; last answer: " + last[0] + "\n" + logTail());
  }

  @Test
  void theIsolatedPluginRestoresABackupAndShipsTheTransforms() throws Exception {
    Path backup = work.resolve("backup");
    CustomerBackup.write(backup, "customerst", 2, 100);
    kafka.createTopic("customerst", 2);
    Map<String, String> config = RestoreConfigs.timeBased(backup, 2);
    String json =
        config.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
            .collect(Collectors.joining(",", "{", "}"));

    put("/connectors/packaged/config", json);
    kafka.consume(200, TIMEOUT_MS, "customerst");
    ConsumerRecords<byte[], byte[]> all = kafka.consumeAll(TIMEOUT_MS, "customerst");

    for (int p = 0; p < 2; p++) {
      assertThat(io.timeshard.connect.testing.RestoredTopic.ids(all, p))
          .containsExactlyElementsOf(Sequences.expectedIds(p, 100));
    }
    String plugins = get("/connector-plugins?connectorsOnly=false");
    assertThat(plugins)
        .contains("io.timeshard.smt.FilterByFieldTimestamp")
        .contains("io.timeshard.smt.TimestampInWindow");
    String log = Files.readString(work.resolve("worker.log"));
    assertThat(log).contains("Loading plugin from: " + PLUGIN.resolve("timeshard-restore"));
    assertThat(
            Arrays.stream(log.split("\n"))
                .filter(l -> l.contains("LinkageError") || l.contains("NoClassDefFoundError")))
        .isEmpty();
  }
}
