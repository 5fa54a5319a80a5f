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

  private record Restart(String connector, int task, Instant at, String worker, String cause) {}

  private final Deque<Restart> restarts = new ArrayDeque<>();

  synchronized void add(String connector, int task, Instant at, String worker, String cause) {
    if (restarts.size() == KEPT) {
      restarts.removeFirst();
    }
    restarts.addLast(new Restart(connector, task, at, worker, cause));
  }

  /** The connector's restarts, oldest first, as JSON objects: task, time, worker and cause. */
  public synchronized List<Map<String, Object>> of(String connector) {
    return restarts.stream()
        .filter(restart -> restart.connector().equals(connector))
        .map(
            restart -> {
              Map<String, Object> json = new LinkedHashMap<>();
              json.put("task", restart.task());
              json.put("time", restart.at().toString());
              json.put("worker", restart.worker());
              json.put("cause", restart.cause());
              return json;
            })
        .toList();
  }
}
