package io.timeshard.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Why the workers' task restart extension restarted tasks: a task the worker failed outside
 * Timeshard's code (an exactly-once task whose fencing the stopping leader could not answer, a
 * producer that could not write) leaves no trace in the offsets, so each worker that now runs the
 * connector or one of its tasks is asked what its extension restarted since it started.
 */
final class ExtensionRestartNotes {

  /** Asks one worker, by its id, for its extension's restarts of the connector's tasks. */
  @FunctionalInterface
  interface Workers {
    Optional<JsonNode> restarts(String workerId) throws InterruptedException;
  }

  private ExtensionRestartNotes() {}

  /**
   * One line per restart, oldest first.
   *
   * @param status {@code GET /connectors/NAME/status}
   */
  static List<String> from(JsonNode status, Workers workers) throws InterruptedException {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(status.path("connector").path("worker_id").asText(""));
    for (JsonNode task : status.path("tasks")) {
      ids.add(task.path("worker_id").asText(""));
    }
    ids.remove("");
    List<JsonNode> restarts = new ArrayList<>();
    for (String id : ids) {
      workers.restarts(id).ifPresent(answer -> answer.forEach(restarts::add));
    }
    // ISO-8601 instants in UTC sort as text.
    restarts.sort(Comparator.comparing(restart -> restart.path("time").asText()));
    List<String> notes = new ArrayList<>();
    for (JsonNode restart : restarts) {
      notes.add(
          String.format(
              Locale.ROOT,
              restart.path("by_that_worker").asBoolean()
                  ? "task %d at %s, by worker %s, which had failed it outside Timeshard's code: %s"
                  : "task %d at %s, after worker %s (which gave no token: no extension there?)"
                      + " failed it outside Timeshard's code: %s",
              restart.path("task").asInt(),
              restart.path("time").asText(),
              restart.path("failed_on").asText(),
              restart.path("cause").asText("(no cause recorded)")));
    }
    return notes;
  }
}
