package io.timeshard.connect.supervise;

import io.timeshard.connect.RestoreSourceConnector;
import io.timeshard.connect.groups.GroupOffsetsSourceConnector;
import io.timeshard.connect.supervise.RestartPolicy.Decision;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.apache.kafka.connect.health.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One look at Timeshard's connectors from one worker: each task this worker failed outside
 * Timeshard's code is restarted through Connect's REST API, as an operator would, within {@link
 * RestartPolicy}'s budget.
 *
 * <p>Every worker with the extension looks, each at its own moment, and all see the same failed
 * task; only the worker that the task's status names restarts it ({@link WorkerIdentity}). Two
 * restarts in a row are not harmless: Connect builds each from its view of the tasks' states, which
 * may not show the first restart yet, so the second one stops the instance the first has just
 * started, and an exactly-once task stopped in its start fails its graceful stop. When nothing
 * answers at that worker's address, the worker is gone, and Connect itself starts its tasks, the
 * failed one too, on the workers that remain. Only when that worker answers without a token (it
 * runs no extension, or the REST API wants credentials) does any worker restart the task, as a task
 * left {@code FAILED} is worse than a restart twice.
 *
 * <p>The request is {@code POST /connectors/NAME/tasks/N/restart}, to this worker first: the task
 * alone, which the worker that runs it restarts by itself, without the group's leader (which may be
 * the very worker that is stopping). A connector-wide request ({@code
 * restart?includeTasks=true&onlyFailed=true}) would restart every failed task, so two workers, each
 * with a failed task of its own, would restart both tasks twice; and it would restart tasks that
 * Timeshard failed on purpose.
 */
final class FailedTaskRestarter {

  private static final Logger log = LoggerFactory.getLogger(FailedTaskRestarter.class);

  private static final Set<String> TIMESHARD_CONNECTORS =
      Set.of(RestoreSourceConnector.class.getName(), GroupOffsetsSourceConnector.class.getName());

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final ConnectClusterState cluster;
  private final TaskRestartConfig config;
  private final RestartPolicy policy;
  private final Clock clock;
  private final HttpClient http;
  private final WorkerIdentity identity;
  private final TaskRestartLog restarts;
  private final Set<String> givenUp = new HashSet<>();

  /**
   * @param token what this worker's extension answers at {@code GET /timeshard/worker-token}
   */
  FailedTaskRestarter(
      ConnectClusterState cluster,
      TaskRestartConfig config,
      String token,
      TaskRestartLog restarts,
      Clock clock) {
    this.cluster = cluster;
    this.config = config;
    this.restarts = restarts;
    this.policy = new RestartPolicy(config.maxPerHour(), config.checkInterval());
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.identity = new WorkerIdentity(token, config.scheme(), http);
  }

  /** Looks at every Timeshard connector once. */
  synchronized void checkOnce() {
    for (String connector : cluster.connectors()) {
      try {
        if (isTimeshard(connector)) {
          check(connector);
        }
      } catch (RuntimeException e) {
        // Deleted or reconfigured while we looked: the next look sees what it became.
        log.debug("Could not look at connector {}", connector, e);
      }
    }
  }

  private boolean isTimeshard(String connector) {
    String connectorClass = cluster.connectorConfig(connector).get("connector.class");
    if (connectorClass == null) {
      return false;
    }
    String name = connectorClass.trim();
    return TIMESHARD_CONNECTORS.stream()
        .anyMatch(known -> known.equals(name) || known.endsWith("." + name));
  }

  private void check(String connector) {
    ConnectorHealth health = cluster.connectorHealth(connector);
    for (TaskState task : health.tasksState().values()) {
      if (!"FAILED".equals(task.state())) {
        givenUp.remove(connector + "-" + task.taskId());
        continue;
      }
      Decision decision =
          policy.decide(connector, task.taskId(), task.traceMessage(), clock.instant());
      switch (decision) {
        case RESTART -> restartIfFailedHere(connector, task);
        case WAIT -> {
          // Restarted a moment ago: the next look, after the back-off, asks again.
        }
        case GIVE_UP -> giveUp(connector, task);
        case LEAVE_TO_TIMESHARD -> {
          // Timeshard failed it on purpose, after its own restarts or for a lasting cause.
        }
      }
    }
  }

  /**
   * Restarts the task if this worker failed it, or if the worker that did gives no token. Asked
   * only for a task to restart: a task Timeshard failed itself costs no request to its worker.
   */
  private void restartIfFailedHere(String connector, TaskState task) {
    WorkerIdentity.Answer failedBy = identity.of(task.workerId());
    if (failedBy == WorkerIdentity.Answer.ANOTHER_WORKER
        || failedBy == WorkerIdentity.Answer.NO_ANSWER) {
      // That worker's extension restarts it, and only that one; or that worker is gone, and
      // Connect gives its tasks to the others.
      return;
    }
    restart(connector, task, failedBy == WorkerIdentity.Answer.THIS_WORKER);
  }

  /**
   * @param here this worker failed the task: asked first, and said so in the log
   */
  private void restart(String connector, TaskState seen, boolean here) {
    // Read again: it may have been restarted, or failed elsewhere, since this look began.
    ConnectorHealth health = cluster.connectorHealth(connector);
    TaskState now = health.tasksState().get(seen.taskId());
    if (now == null
        || !"FAILED".equals(now.state())
        || !String.valueOf(now.workerId()).equals(String.valueOf(seen.workerId()))) {
      return;
    }
    String cause = firstLine(now.traceMessage());
    String path =
        "/connectors/"
            + URLEncoder.encode(connector, StandardCharsets.UTF_8).replace("+", "%20")
            + "/tasks/"
            + seen.taskId()
            + "/restart";
    for (String base : restUrls(health, here ? now.workerId() : null)) {
      String url = base + path;
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(REQUEST_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          policy.restarted(connector, seen.taskId(), clock.instant());
          restarts.add(connector, seen.taskId(), clock.instant(), now.workerId(), here, cause);
          log.warn(
              "Restarted task {} of connector {} (restart {} of at most {} an hour, {}): {}"
                  + " failed it outside Timeshard's code: {}",
              seen.taskId(),
              connector,
              policy.recentRestarts(connector, seen.taskId()),
              config.maxPerHour(),
              TaskRestartConfig.MAX_PER_HOUR_CONFIG,
              here
                  ? "this worker (" + now.workerId() + ")"
                  : "the worker " + now.workerId() + ", which gave no token (no extension there?),",
              cause);
          return;
        }
        // 409: a rebalance is under way; others: the next look asks again.
        log.info(
            "Could not restart task {} of connector {} through {}: HTTP {} {}; asking again at"
                + " the next look",
            seen.taskId(),
            connector,
            url,
            response.statusCode(),
            firstLine(response.body()));
        return;
      } catch (IOException e) {
        log.info(
            "Could not reach {} to restart task {} of {}: {}",
            url,
            seen.taskId(),
            connector,
            e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void giveUp(String connector, TaskState task) {
    if (givenUp.add(connector + "-" + task.taskId())) {
      log.warn(
          "Task {} of connector {} keeps failing outside Timeshard's code: restarted {} times in"
              + " the last hour ({}); leaving it FAILED: {}",
          task.taskId(),
          connector,
          policy.recentRestarts(connector, task.taskId()),
          TaskRestartConfig.MAX_PER_HOUR_CONFIG,
          firstLine(task.traceMessage()));
    }
  }

  /**
   * Where to ask: the configured URL, else this worker, then the workers that run the connector and
   * its other tasks, at their advertised addresses (which are their ids), as the workers forward to
   * each other.
   *
   * @param self this worker's id, or null when it is not known
   */
  private List<String> restUrls(ConnectorHealth health, String self) {
    if (config.restUrl().isPresent()) {
      return List.of(config.restUrl().get());
    }
    Set<String> workers = new LinkedHashSet<>();
    if (self != null) {
      workers.add(self);
    }
    if ("RUNNING".equals(health.connectorState().state())) {
      workers.add(health.connectorState().workerId());
    }
    for (Map.Entry<Integer, TaskState> task : health.tasksState().entrySet()) {
      if ("RUNNING".equals(task.getValue().state())) {
        workers.add(task.getValue().workerId());
      }
    }
    List<String> urls = new ArrayList<>();
    for (String worker : workers) {
      urls.add(config.scheme() + "://" + worker);
    }
    return urls;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).trim();
  }
}
