package io.timeshard.connect.supervise;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The restarts this worker's extension made, the latest {@value #KEPT} of them, kept for {@code
 * timeshard status} ({@code GET /timeshard/task-restarts/NAME}) until the worker stops.
 */
public final class TaskRestartLog {

  static final int KEPT = 100;

  private record Restart(
      String connector, int task, Instant at, String failedOn, boolean here, String cause) {}

  private final Deque<Restart> restarts = new ArrayDeque<>();

  /**
   * @param failedOn the worker the task's status named
   * @param here that worker is this one; else it answered without a token
   */
  synchronized void add(
      String connector, int task, Instant at, String failedOn, boolean here, String cause) {
    if (restarts.size() == KEPT) {
      restarts.removeFirst();
    }
    restarts.addLast(new Restart(connector, task, at, failedOn, here, cause));
  }

  /**
   * The connector's restarts, oldest first, as JSON objects: {@code task}, {@code time}, {@code
   * failed_on} (the worker that failed it), {@code by_that_worker} (whether that worker restarted
   * it, as when every worker runs the extension) and {@code cause}.
   */
  public synchronized List<Map<String, Object>> of(String connector) {
    return restarts.stream()
        .filter(restart -> restart.connector().equals(connector))
        .map(
            restart -> {
              Map<String, Object> json = new LinkedHashMap<>();
              json.put("task", restart.task());
              json.put("time", restart.at().toString());
              json.put("failed_on", restart.failedOn());
              json.put("by_that_worker", restart.here());
              json.put("cause", restart.cause());
              return json;
            })
        .toList();
  }
}
