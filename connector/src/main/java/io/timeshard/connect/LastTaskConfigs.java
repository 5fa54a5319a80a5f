package io.timeshard.connect;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The task configurations each connector last answered with in this worker, so that a connector
 * restarted with the same configuration answers with them while it plans again, instead of with no
 * task.
 *
 * <p>Connect stores every answer and restarts the tasks whose configuration changed. An empty
 * answer stops every task, and the plan's answer then starts them again with a new set of
 * configurations. In a worker with exactly-once source support that is worse than a pause: a
 * restart of the connector and its tasks has just started the tasks with the stored configurations,
 * and such a task cannot start once a new set is written ("the connector has already generated a
 * new set of task configs"); it fails its graceful stop, and now and then stays {@code FAILED}. The
 * last answer is the stored one, so the running tasks keep running, and the plan's answer changes
 * them only if the assignment changed.
 *
 * <p>This is what this worker answered last: after the connector ran on another worker it may not
 * be what Connect stores, and then it costs the tasks one restart, as the empty answer did.
 */
final class LastTaskConfigs {

  /** A connector's answer, with the configuration and the start id it was made from. */
  record Answer(
      Map<String, String> connectorConfig, String startId, List<Map<String, String>> taskConfigs) {

    Answer {
      connectorConfig = Map.copyOf(connectorConfig);
      taskConfigs = taskConfigs.stream().map(Map::copyOf).toList();
    }
  }

  private static final ConcurrentMap<String, Answer> ANSWERS = new ConcurrentHashMap<>();

  private LastTaskConfigs() {}

  /** The last answer of the connector of this name, if it was made from this configuration. */
  static Optional<Answer> of(String connector, Map<String, String> connectorConfig) {
    return Optional.ofNullable(ANSWERS.get(connector))
        .filter(answer -> answer.connectorConfig().equals(connectorConfig));
  }

  static void remember(String connector, Answer answer) {
    ANSWERS.put(connector, answer);
  }

  /** Forgets every answer, as a worker that never ran the connectors: for tests. */
  static void clear() {
    ANSWERS.clear();
  }
}
