package io.timeshard.partitioner.split;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.kafka.common.TopicPartition;

/**
 * Spreads partition streams over tasks. A pure function: the same streams and {@code tasks.max}
 * always give the same assignments.
 *
 * <p>A stream is never split, so that one task restores each Kafka partition in order. Streams go
 * largest first onto the least-loaded task (the classic longest-processing-time rule, within 4/3 of
 * the best balance), ties broken by topic and partition, then by task index.
 */
public final class TaskSplitter {

  private static final Comparator<StreamWeight> LARGEST_FIRST =
      Comparator.comparingLong(StreamWeight::cost)
          .reversed()
          .thenComparing(w -> w.topicPartition().topic())
          .thenComparingInt(w -> w.topicPartition().partition());

  private TaskSplitter() {}

  /**
   * @return at most {@code min(maxTasks, streams)} assignments, none empty, each listing its
   *     partitions by topic and partition
   */
  public static List<TaskAssignment> split(List<StreamWeight> streams, int maxTasks) {
    if (maxTasks < 1) {
      throw new IllegalArgumentException("tasks.max must be at least 1, was " + maxTasks);
    }
    int tasks = Math.min(maxTasks, streams.size());
    List<List<TopicPartition>> assigned = new ArrayList<>();
    long[] load = new long[tasks];
    PriorityQueue<Integer> leastLoaded =
        new PriorityQueue<>(
            Comparator.comparingLong((Integer task) -> load[task]).thenComparingInt(task -> task));
    for (int task = 0; task < tasks; task++) {
      assigned.add(new ArrayList<>());
      leastLoaded.add(task);
    }
    List<StreamWeight> ordered = new ArrayList<>(streams);
    ordered.sort(LARGEST_FIRST);
    for (StreamWeight stream : ordered) {
      int task = leastLoaded.poll();
      assigned.get(task).add(stream.topicPartition());
      load[task] += stream.cost();
      leastLoaded.add(task);
    }
    List<TaskAssignment> result = new ArrayList<>(tasks);
    for (int task = 0; task < tasks; task++) {
      result.add(new TaskAssignment(assigned.get(task), load[task]));
    }
    return result;
  }
}
