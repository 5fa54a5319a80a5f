package io.timeshard.connect.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.test.TestUtils;

/**
 * A Kafka Connect worker in a process of its own, on a class path of a Kafka installation, with
 * plugins found on {@code plugin.path} only: the way a production worker loads the plugin.
 */
public final class ConnectWorkerProcess {

  private static final long TIMEOUT_MS = 120_000;

  private final String label;
  private final Path log;
  private final String rest;
  private final Process process;

  private ConnectWorkerProcess(String label, Path log, String rest, Process process) {
    this.label = label;
    this.log = log;
    this.rest = rest;
    this.process = process;
  }

  /**
   * Starts a distributed worker of its own group and storage topics.
   *
   * @param label names the worker in messages, and its group and topics
   * @param classPath the worker's class path, as a Kafka installation's {@code libs/} has it
   * @param jvmOptions options for the worker's JVM (its logging, say)
   */
  public static ConnectWorkerProcess start(
      String label,
      String classPath,
      List<String> jvmOptions,
      String bootstrapServers,
      Path pluginPath,
      Path work)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String rest = "http://127.0.0.1:" + port;
    String id = label.replaceAll("[^A-Za-z0-9]", "");
    Path properties = work.resolve("worker-" + id + ".properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "bootstrap.servers=" + bootstrapServers,
            "group.id=packaging-" + id,
            "listeners=" + rest,
            "plugin.path=" + pluginPath,
            "plugin.discovery=service_load",
            "key.converter=org.apache.kafka.connect.json.JsonConverter",
            "value.converter=org.apache.kafka.connect.json.JsonConverter",
            "config.storage.topic=connect-configs-" + id,
            "offset.storage.topic=connect-offsets-" + id,
            "status.storage.topic=connect-status-" + id,
            "config.storage.replication.factor=1",
            "offset.storage.replication.factor=1",
            "status.storage.replication.factor=1",
            "offset.flush.interval.ms=1000",
            // Loaded from the plugin folder, as docs/operations.md installs it.
            "rest.extension.classes=io.timeshard.connect.supervise.TaskRestartExtension"));
    Path log = work.resolve("worker-" + id + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            classPath,
            "org.apache.kafka.connect.cli.ConnectDistributed",
            properties.toString()));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ConnectWorkerProcess(label, log, rest, process);
  }

  /** Waits until the worker serves its REST API and lists the connector of {@code plugin}. */
  public void awaitPlugin(String connectorClassName) throws InterruptedException {
    TestUtils.waitForCondition(
        () -> get("/connector-plugins").contains(connectorClassName),
        TIMEOUT_MS,
        () -> "the " + label + " worker lists the plugin; its log ends with:\n" + logTail());
  }

  public String label() {
    return label;
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The body of a GET, or "" while the worker does not answer. */
  public String get(String path) {
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
  public void put(String path, String json) throws InterruptedException {
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
        () ->
            "the "
                + label
                + " worker takes the connector; last answer: "
                + last[0]
                + "\n"
                + logTail());
  }

  /** Stops the worker and waits for its process to end. */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  @Override
  public String toString() {
    return label;
  }
}
