package io.timeshard.connect;

import io.timeshard.partitioner.split.AssignmentCodec;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** A task's configuration: the connector's, plus the partition streams assigned to the task. */
public class RestoreSourceTaskConfig extends RestoreSourceConfig {

  public static final String TASK_PARTITIONS_CONFIG = "task.assigned.partitions";
  private static final String TASK_PARTITIONS_DOC =
      "The partition streams this task restores, written by the connector.";

  public static final String TASK_ID_CONFIG = "task.id";
  private static final String TASK_ID_DOC = "The task's index, for logs and metrics.";

  public static final String TASK_CONNECTOR_START_CONFIG = "task.connector.start";
  private static final String TASK_CONNECTOR_START_DOC =
      "Which start of the connector first wrote this assignment, written by the connector. A"
          + " connector that had to assign no task while it planned writes a new value, so that"
          + " its task configurations always differ from those stored before; one restarted in a"
          + " worker where it ran with the same configuration keeps the value, so that its tasks"
          + " keep running. A task started in the connector's worker finds the connector's plan"
          + " by it.";

  public static final ConfigDef TASK_CONFIG_DEF =
      new ConfigDef(CONFIG_DEF)
          .define(TASK_PARTITIONS_CONFIG, Type.STRING, "", Importance.HIGH, TASK_PARTITIONS_DOC)
          .define(TASK_ID_CONFIG, Type.INT, 0, Importance.LOW, TASK_ID_DOC)
          .define(
              TASK_CONNECTOR_START_CONFIG,
              Type.STRING,
              "",
              Importance.LOW,
              TASK_CONNECTOR_START_DOC);

  public RestoreSourceTaskConfig(Map<?, ?> originals) {
    super(TASK_CONFIG_DEF, originals);
  }

  public List<TopicPartition> assignedPartitions() {
    try {
      return AssignmentCodec.decode(getString(TASK_PARTITIONS_CONFIG));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          TASK_PARTITIONS_CONFIG, getString(TASK_PARTITIONS_CONFIG), e.getMessage());
    }
  }

  public int taskId() {
    return getInt(TASK_ID_CONFIG);
  }

  /**
   * The start of the connector that assigned this task; empty in a configuration written by hand.
   */
  public String connectorStart() {
    return getString(TASK_CONNECTOR_START_CONFIG);
  }
}
