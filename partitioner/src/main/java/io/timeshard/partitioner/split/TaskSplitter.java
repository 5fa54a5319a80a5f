package io.timeshard.partitioner.split;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Shows how a plan's partition streams fall to the tasks: each stream to the task {@link TaskShare}
 * names, which is the task that restores it. A pure function of the streams and {@code tasks.max}.
 */
public final class TaskSplitter {

  private TaskSplitter() {}

  /**
   * @return exactly {@code maxTasks} assignments, in task order, each listing its partitions by
   *     topic and partition; a task with no stream has an empty one (it runs and watches for new
   *     streams of its own)
   */
  public static List<TaskAssignment> split(List<StreamWeight> streams, int maxTasks) {
    if (maxTasks < 1) {
      throw new IllegalArgumentException("tasks.max must be at least 1, was " + maxTasks);
    }
    List<List<TopicPartition>> assigned = new ArrayList<>(maxTasks);
    long[] load = new long[maxTasks];
    for (int task = 0; task < maxTasks; task++) {
      assigned.add(new ArrayList<>());
    }
    for (StreamWeight stream : streams) {
      int task = TaskShare.taskOf(stream.topicPartition(), maxTasks);
      assigned.get(task).add(stream.topicPartition());
      load[task] += stream.cost();
    }
    List<TaskAssignment> result = new ArrayList<>(maxTasks);
    for (int task = 0; task < maxTasks; task++) {
      result.add(new TaskAssignment(assigned.get(task), load[task]));
    }
    return result;
  }
}
