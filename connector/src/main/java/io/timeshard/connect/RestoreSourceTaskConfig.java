package io.timeshard.connect;

import io.timeshard.partitioner.AssignedPartitions;
import io.timeshard.partitioner.split.AssignmentCodec;
import io.timeshard.partitioner.split.TaskShare;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
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

  /**
   * The assignment earlier versions wrote instead of {@link #TASK_COUNT_CONFIG}. A task started
   * from such a stored configuration (in a rolling upgrade, before the connector writes new ones)
   * restores exactly those partitions, as then, instead of failing.
   */
  public static final String LEGACY_TASK_PARTITIONS_CONFIG = "task.assigned.partitions";

  private static final String LEGACY_TASK_PARTITIONS_DOC =
      "The partition streams of the task, as earlier versions wrote them; read only without"
          + " task.count.";

  public static final ConfigDef TASK_CONFIG_DEF =
      new ConfigDef(CONFIG_DEF)
          .define(
              TASK_ID_CONFIG,
              Type.INT,
              ConfigDef.NO_DEFAULT_VALUE,
              Range.atLeast(0),
              Importance.HIGH,
              TASK_ID_DOC)
          // No validator: absent in an earlier version's configuration (see below); checked in the
          // constructor.
          .define(TASK_COUNT_CONFIG, Type.INT, null, Importance.HIGH, TASK_COUNT_DOC)
          .define(
              LEGACY_TASK_PARTITIONS_CONFIG,
              Type.STRING,
              null,
              Importance.LOW,
              LEGACY_TASK_PARTITIONS_DOC);

  public RestoreSourceTaskConfig(Map<?, ?> originals) {
    super(TASK_CONFIG_DEF, originals);
    if (getInt(TASK_COUNT_CONFIG) == null) {
      if (getString(LEGACY_TASK_PARTITIONS_CONFIG) == null) {
        throw new ConfigException(
            TASK_COUNT_CONFIG, null, "Missing: the connector writes it into every task's config");
      }
      legacyPartitions();
    } else if (taskCount() < 1) {
      throw new ConfigException(TASK_COUNT_CONFIG, taskCount(), "Must be at least 1");
    } else if (taskId() >= taskCount()) {
      throw new ConfigException(
          TASK_ID_CONFIG,
          taskId(),
          "The task index must be below " + TASK_COUNT_CONFIG + " (" + taskCount() + ")");
    }
  }

  public int taskId() {
    return getInt(TASK_ID_CONFIG);
  }

  /** The task count; 1 for a configuration of an earlier version, which named its partitions. */
  public int taskCount() {
    Integer count = getInt(TASK_COUNT_CONFIG);
    return count == null ? 1 : count;
  }

  /** The partition streams this task restores, among those it finds. */
  public Predicate<TopicPartition> share() {
    if (getInt(TASK_COUNT_CONFIG) == null) {
      return new AssignedPartitions(Set.copyOf(legacyPartitions()));
    }
    return new TaskShare(taskId(), taskCount());
  }

  private List<TopicPartition> legacyPartitions() {
    String value = getString(LEGACY_TASK_PARTITIONS_CONFIG);
    try {
      return AssignmentCodec.decode(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(LEGACY_TASK_PARTITIONS_CONFIG, value, e.getMessage());
    }
  }

  /** The key Connect adds to every task's configuration: the task's class. */
  static final String CONNECT_TASK_CLASS_CONFIG = "task.class";

  /**
   * The connector's configuration this task's was made from: without the task's own keys and the
   * one Connect adds.
   */
  public static Map<String, String> connectorConfig(Map<String, String> taskProps) {
    Map<String, String> connector = new java.util.HashMap<>(taskProps);
    connector.remove(TASK_ID_CONFIG);
    connector.remove(TASK_COUNT_CONFIG);
    connector.remove(CONNECT_TASK_CLASS_CONFIG);
    return connector;
  }
}
