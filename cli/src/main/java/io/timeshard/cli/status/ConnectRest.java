package io.timeshard.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeshard.connect.supervise.rest.WorkerResources;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The few calls of Connect's REST API that status needs, read with Jackson. */
public final class ConnectRest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient client;

  public ConnectRest(String url) {
    String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.base = URI.create(trimmed);
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** {@code GET /connectors/NAME/status}: the connector's and each task's state and trace. */
  public JsonNode status(String connector) throws IOException, InterruptedException {
    return get(connectorPath(connector) + "/status", connector);
  }

  /** {@code GET /connectors/NAME/config}: the configuration as it was PUT. */
  public JsonNode config(String connector) throws IOException, InterruptedException {
    return get(connectorPath(connector) + "/config", connector);
  }

  /** {@code GET /connectors/NAME/tasks}: each task's configuration, its assignment included. */
  public JsonNode tasks(String connector) throws IOException, InterruptedException {
    return get(connectorPath(connector) + "/tasks", connector);
  }

  /** {@code GET /connectors/NAME/offsets} (KIP-875): the committed source offsets. */
  public JsonNode offsets(String connector) throws IOException, InterruptedException {
    return get(connectorPath(connector) + "/offsets", connector);
  }

  /**
   * {@code GET /timeshard/task-restarts/NAME} on one worker, at the address its id names, with this
   * URL's scheme: the restarts of the connector's tasks that the worker's task restart extension
   * made since the worker started. Empty when the worker does not answer it (no extension, not
   * reachable from here).
   */
  public Optional<JsonNode> extensionRestarts(String workerId, String connector)
      throws InterruptedException {
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          base.getScheme()
                              + "://"
                              + workerId
                              + WorkerResources.RESTARTS_PATH
                              + "/"
                              + encoded(connector)))
                  .timeout(Duration.ofSeconds(5))
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      JsonNode restarts = JSON.readTree(response.body());
      return restarts.isArray() ? Optional.of(restarts) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String connectorPath(String connector) {
    return "/connectors/" + encoded(connector);
  }

  private static String encoded(String connector) {
    return URLEncoder.encode(connector, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * How long a call keeps asking while the workers rebalance (a connector that was just created or
   * whose tasks change answers 409, or 500 with "a rebalance is expected", for a moment; the status
   * of a connector just created answers 404 "No status found" until a worker writes it).
   */
  private static final Duration REBALANCE_PATIENCE = Duration.ofSeconds(60);

  private JsonNode get(String path, String connector) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + REBALANCE_PATIENCE.toNanos();
    long backoffMs = 100;
    while (true) {
      try {
        return getOnce(path, connector);
      } catch (RebalancingException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException(
              e.getMessage()
                  + " (the workers were still rebalancing after "
                  + REBALANCE_PATIENCE
                  + "; try again)",
              e);
        }
        Thread.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 2000);
      }
    }
  }

  private JsonNode getOnce(String path, String connector) throws IOException, InterruptedException {
    URI uri = URI.create(base + path);
    HttpResponse<String> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(30))
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IOException("Cannot reach Connect at " + base + " (" + e + ")", e);
    }
    if (response.statusCode() == 404 && response.body().contains("No status found")) {
      // A connector just created: its status is not written yet, the same call answers soon.
      throw new RebalancingException(
          "GET " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
    if (response.statusCode() == 404) {
      throw new ConnectorNotFoundException(
          "Connect at " + base + " has no connector '" + connector + "' (GET " + path + ": 404)");
    }
    if (response.statusCode() == 409
        || (response.statusCode() == 500 && response.body().contains("rebalance"))) {
      throw new RebalancingException(
          "GET " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "GET " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /**
   * The workers are rebalancing, or have not yet written a new connector's status: the same call
   * answers once they are done.
   */
  private static final class RebalancingException extends IOException {
    private static final long serialVersionUID = 1L;

    RebalancingException(String message) {
      super(message);
    }
  }

  /** Connect has no connector of that name. */
  public static final class ConnectorNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    ConnectorNotFoundException(String message) {
      super(message);
    }
  }
}
