package io.timeshard.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.timeshard.connect.RestoreSourceTaskConfig;
import io.timeshard.connect.restore.RestorePosition;
import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.split.TaskShare;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a restore stands, from Connect's REST API alone: the connector's and tasks' states, each
 * task's assignment (its configuration), and each partition's committed offset, read against the
 * plan with the connector's own {@link RestorePosition}.
 */
public record RestoreSnapshot(
    long nanos, String connectorState, String connectorTrace, List<TaskProgress> tasks) {

  /** Tasks that Connect does not show yet hold the plan's partitions that no task has. */
  public static final int UNASSIGNED = -1;

  /**
   * One partition stream.
   *
   * @param position the committed offset, if any
   */
  public record PartitionProgress(
      TopicPartition topicPartition,
      long objects,
      long bytes,
      long objectsDone,
      long bytesDone,
      Optional<RestorePosition> position) {

    /** True when the stream's last planned object is restored (or it has none). */
    public boolean complete() {
      return objectsDone == objects;
    }
  }

  /** One task (or, with id {@link #UNASSIGNED}, the partitions no task has). */
  public record TaskProgress(
      int id, String state, String workerId, String trace, List<PartitionProgress> partitions) {

    public long objects() {
      return partitions.stream().mapToLong(PartitionProgress::objects).sum();
    }

    public long objectsDone() {
      return partitions.stream().mapToLong(PartitionProgress::objectsDone).sum();
    }

    public long bytes() {
      return partitions.stream().mapToLong(PartitionProgress::bytes).sum();
    }

    public long bytesDone() {
      return partitions.stream().mapToLong(PartitionProgress::bytesDone).sum();
    }

    public boolean failed() {
      return "FAILED".equals(state);
    }
  }

  /**
   * @param status {@code GET /connectors/NAME/status}
   * @param taskConfigs {@code GET /connectors/NAME/tasks}
   * @param offsets {@code GET /connectors/NAME/offsets}
   * @param streams the plan's partition streams
   */
  public static RestoreSnapshot of(
      JsonNode status, JsonNode taskConfigs, JsonNode offsets, List<PartitionStream> streams) {
    Map<TopicPartition, Optional<RestorePosition>> positions = new HashMap<>();
    for (JsonNode entry : offsets.path("offsets")) {
      Map<String, Object> partition = toMap(entry.path("partition"));
      JsonNode offset = entry.path("offset");
      TopicPartition tp = RestorePosition.topicPartition(partition);
      positions.put(
          tp,
          offset.isNull() || offset.isMissingNode()
              ? Optional.empty()
              : RestorePosition.fromSourceOffset(toMap(offset)));
    }

    // Each task restores the streams its index is given among the task count (TaskShare).
    int taskCount = taskConfigs.size();
    for (JsonNode task : taskConfigs) {
      taskCount =
          task.path("config").path(RestoreSourceTaskConfig.TASK_COUNT_CONFIG).asInt(taskCount);
    }
    Map<TopicPartition, Integer> owner = new HashMap<>();
    if (taskCount > 0) {
      for (PartitionStream stream : streams) {
        owner.put(stream.topicPartition(), TaskShare.taskOf(stream.topicPartition(), taskCount));
      }
    }

    Map<Integer, List<PartitionProgress>> byTask = new TreeMap<>();
    Map<Integer, JsonNode> taskStatus = new LinkedHashMap<>();
    for (JsonNode task : status.path("tasks")) {
      taskStatus.put(task.path("id").asInt(), task);
      byTask.put(task.path("id").asInt(), new ArrayList<>());
    }
    for (PartitionStream stream : streams) {
      TopicPartition tp = stream.topicPartition();
      Optional<RestorePosition> position = positions.getOrDefault(tp, Optional.empty());
      long objects = 0;
      long bytes = 0;
      long done = 0;
      long bytesDone = 0;
      for (BackupObject object : stream.objects()) {
        objects++;
        bytes += object.size();
        if (position.isPresent() && position.get().isPast(object)) {
          done++;
          bytesDone += object.size();
        }
      }
      int task = owner.getOrDefault(tp, UNASSIGNED);
      byTask
          .computeIfAbsent(task, t -> new ArrayList<>())
          .add(new PartitionProgress(tp, objects, bytes, done, bytesDone, position));
    }
    List<TaskProgress> tasks = new ArrayList<>();
    byTask.forEach(
        (id, partitions) -> {
          JsonNode task = taskStatus.get(id);
          tasks.add(
              new TaskProgress(
                  id,
                  task == null
                      ? (id == UNASSIGNED ? "UNASSIGNED" : "UNKNOWN")
                      : task.path("state").asText(),
                  task == null ? "" : task.path("worker_id").asText(""),
                  task == null ? null : textOrNull(task.path("trace")),
                  partitions));
        });
    JsonNode connector = status.path("connector");
    return new RestoreSnapshot(
        System.nanoTime(),
        connector.path("state").asText("UNKNOWN"),
        textOrNull(connector.path("trace")),
        tasks);
  }

  private static String textOrNull(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  private static Map<String, Object> toMap(JsonNode node) {
    Map<String, Object> map = new HashMap<>();
    node.properties()
        .forEach(
            field -> {
              JsonNode value = field.getValue();
              Object plain;
              if (value.isIntegralNumber()) {
                plain = value.asLong();
              } else if (value.isBoolean()) {
                plain = value.asBoolean();
              } else if (value.isNull()) {
                plain = null;
              } else {
                plain = value.asText();
              }
              map.put(field.getKey(), plain);
            });
    return map;
  }

  public long objects() {
    return tasks.stream().mapToLong(TaskProgress::objects).sum();
  }

  public long objectsDone() {
    return tasks.stream().mapToLong(TaskProgress::objectsDone).sum();
  }

  public long bytes() {
    return tasks.stream().mapToLong(TaskProgress::bytes).sum();
  }

  public long bytesDone() {
    return tasks.stream().mapToLong(TaskProgress::bytesDone).sum();
  }

  /** The connector or a task failed. */
  public boolean failed() {
    return "FAILED".equals(connectorState) || tasks.stream().anyMatch(TaskProgress::failed);
  }

  /** Every partition's last planned object is restored. */
  public boolean complete() {
    return tasks.stream()
        .flatMap(t -> t.partitions().stream())
        .allMatch(PartitionProgress::complete);
  }
}
