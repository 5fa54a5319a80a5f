package io.timeshard.partitioner.split;

import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/**
 * The partition streams one task restores: a pure function of the topic name, the partition number
 * and the task count, and nothing else.
 *
 * <p>Every task decides its own streams from its own listing of the backup. Because the owner of a
 * stream depends on no listing, no weight and no other stream, two tasks that list at different
 * moments (a live backup growing in between, a new topic or partition appearing) can never both
 * take a stream, nor both leave it: each stream has exactly one owner among {@code tasks}, whatever
 * each task has seen. And a connector answers Connect with task configurations that depend on its
 * configuration alone, the same in every worker and at every start.
 *
 * <p>One topic's consecutive partitions go to consecutive tasks, so {@code n} partitions of a topic
 * spread over {@code tasks} tasks as evenly as whole partitions can: no task has more than {@code
 * ceil(n / tasks)} of them. Each topic starts at a task given by its name's {@link
 * String#hashCode()} (defined by the Java language, the same in every JVM), so that many topics of
 * few partitions do not all start at task 0. Streams of different sizes are not weighed: a task of
 * large partitions and one of small ones each get their count's share.
 *
 * @param task this task's index, from 0
 * @param tasks how many tasks share the streams
 */
public record TaskShare(int task, int tasks) implements Predicate<TopicPartition> {

  public TaskShare {
    if (tasks < 1) {
      throw new IllegalArgumentException("The task count must be at least 1, was " + tasks);
    }
    if (task < 0 || task >= tasks) {
      throw new IllegalArgumentException(
          "The task index must be from 0 to " + (tasks - 1) + ", was " + task);
    }
  }

  /** Every stream: the only task of one. */
  public static TaskShare all() {
    return new TaskShare(0, 1);
  }

  /** The index of the task, among {@code tasks}, that restores a partition stream. */
  public static int taskOf(TopicPartition partition, int tasks) {
    return taskOf(partition.topic(), partition.partition(), tasks);
  }

  /** The index of the task, among {@code tasks}, that restores a topic's partition. */
  public static int taskOf(String topic, int partition, int tasks) {
    if (tasks < 1) {
      throw new IllegalArgumentException("The task count must be at least 1, was " + tasks);
    }
    // In long: an int sum could wrap and break the run of consecutive partitions.
    return (int) Math.floorMod((long) topic.hashCode() + partition, (long) tasks);
  }

  @Override
  public boolean test(TopicPartition partition) {
    return taskOf(partition, tasks) == task;
  }
}
