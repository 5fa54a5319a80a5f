package io.timeshard.connect;

import io.timeshard.partitioner.split.TaskShare;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * A task's configuration: the connector's, plus the task's index and the task count. Nothing in it
 * depends on the backup, so that any start of the connector, in any worker, writes the same task
 * configurations for the same connector configuration; each task finds its own partition streams
 * (see {@link TaskShare}).
 */
public class RestoreSourceTaskConfig extends RestoreSourceConfig {

  public static final String TASK_ID_CONFIG = "task.id";
  private static final String TASK_ID_DOC =
      "The task's index, from 0, written by the connector: the task restores the partition"
          + " streams its index is given among task.count tasks.";

  public static final String TASK_COUNT_CONFIG = "task.count";
  private static final String TASK_COUNT_DOC =
      "How many tasks share the partition streams (the connector's tasks.max), written by the"
          + " connector.";

  public static final ConfigDef TASK_CONFIG_DEF =
      new ConfigDef(CONFIG_DEF)
          .define(
              TASK_ID_CONFIG,
              Type.INT,
              ConfigDef.NO_DEFAULT_VALUE,
              Range.atLeast(0),
              Importance.HIGH,
              TASK_ID_DOC)
          .define(
              TASK_COUNT_CONFIG,
              Type.INT,
              ConfigDef.NO_DEFAULT_VALUE,
              Range.atLeast(1),
              Importance.HIGH,
              TASK_COUNT_DOC);

  public RestoreSourceTaskConfig(Map<?, ?> originals) {
    super(TASK_CONFIG_DEF, originals);
    if (taskId() >= taskCount()) {
      throw new ConfigException(
          TASK_ID_CONFIG,
          taskId(),
          "The task index must be below " + TASK_COUNT_CONFIG + " (" + taskCount() + ")");
    }
  }

  public int taskId() {
    return getInt(TASK_ID_CONFIG);
  }

  public int taskCount() {
    return getInt(TASK_COUNT_CONFIG);
  }

  /** The partition streams this task restores, among those it finds. */
  public TaskShare share() {
    return new TaskShare(taskId(), taskCount());
  }

  /** The connector's configuration this task's was made from: without the task's own keys. */
  public static Map<String, String> connectorConfig(Map<String, String> taskProps) {
    Map<String, String> connector = new java.util.HashMap<>(taskProps);
    connector.remove(TASK_ID_CONFIG);
    connector.remove(TASK_COUNT_CONFIG);
    return connector;
  }
}
