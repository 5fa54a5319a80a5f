package io.timeshard.connect.testing;

import io.timeshard.connect.RestoreSourceTaskConfig;
import io.timeshard.partitioner.split.TaskShare;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;

/** Which streams each task of a connector restores, from the task configurations Connect shows. */
public final class TaskShares {

  private TaskShares() {}

  /** Per task, in task order: the streams among {@code streams} its index and count give it. */
  public static List<List<TopicPartition>> of(List<TaskInfo> tasks, List<TopicPartition> streams) {
    List<List<TopicPartition>> shares = new ArrayList<>();
    for (TaskInfo task : tasks) {
      TaskShare share =
          new TaskShare(
              Integer.parseInt(task.config().get(RestoreSourceTaskConfig.TASK_ID_CONFIG)),
              Integer.parseInt(task.config().get(RestoreSourceTaskConfig.TASK_COUNT_CONFIG)));
      shares.add(streams.stream().filter(share).toList());
    }
    return shares;
  }
}
