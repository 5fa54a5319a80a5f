package io.timeshard.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.timeshard.connect.restore.TaskRestarts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why tasks restarted by themselves, as the committed offsets tell: a task that restarted after its
 * store was unavailable carries its count of restarts and the last reason in the source offset of
 * every record it produces afterwards ({@link TaskRestarts}).
 */
final class TaskRestartNotes {

  private TaskRestartNotes() {}

  /**
   * One line per partition whose committed offset names restarts.
   *
   * @param offsets {@code GET /connectors/NAME/offsets}
   */
  static List<String> from(JsonNode offsets) {
    List<String> notes = new ArrayList<>();
    for (JsonNode entry : offsets.path("offsets")) {
      JsonNode offset = entry.path("offset");
      JsonNode count = offset.path(TaskRestarts.COUNT_KEY);
      if (!count.isNumber()) {
        continue;
      }
      JsonNode partition = entry.path("partition");
      notes.add(
          String.format(
              Locale.ROOT,
              "%s-%d: its task restarted by itself %d time%s; the last after: %s",
              partition.path("topic").asText(),
              partition.path("partition").asInt(),
              count.asInt(),
              count.asInt() == 1 ? "" : "s",
              offset.path(TaskRestarts.REASON_KEY).asText("(no reason recorded)")));
    }
    return notes;
  }
}
