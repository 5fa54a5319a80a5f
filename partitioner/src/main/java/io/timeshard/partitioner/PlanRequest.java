package io.timeshard.partitioner;

import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/**
 * What to plan.
 *
 * @param topics the topics to restore
 * @param window the restore window; time folders that miss it are never listed
 * @param format the format being restored; objects of other formats are skipped and counted
 * @param partitions which streams to keep (a task keeps its own)
 * @param lastModifiedPruning which value objects to skip by the time of their last change
 */
public record PlanRequest(
    TopicFilter topics,
    TimeInterval window,
    BackupFormat format,
    Predicate<TopicPartition> partitions,
    LastModifiedPruning lastModifiedPruning) {

  public PlanRequest {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(partitions, "partitions");
    Objects.requireNonNull(lastModifiedPruning, "lastModifiedPruning");
  }

  /** A request that prunes nothing by {@code lastModified}. */
  public PlanRequest(
      TopicFilter topics,
      TimeInterval window,
      BackupFormat format,
      Predicate<TopicPartition> partitions) {
    this(topics, window, format, partitions, LastModifiedPruning.NONE);
  }

  /** Every topic, partition and instant of the backup, in {@code format}. */
  public static PlanRequest everything(BackupFormat format) {
    return new PlanRequest(TopicFilter.all(), TimeInterval.ALL, format, tp -> true);
  }

  public PlanRequest withWindow(TimeInterval newWindow) {
    return new PlanRequest(topics, newWindow, format, partitions, lastModifiedPruning);
  }

  public PlanRequest withTopics(TopicFilter newTopics) {
    return new PlanRequest(newTopics, window, format, partitions, lastModifiedPruning);
  }

  public PlanRequest onlyPartitions(Set<TopicPartition> assigned) {
    return new PlanRequest(
        topics, window, format, new AssignedPartitions(assigned), lastModifiedPruning);
  }

  public PlanRequest withLastModifiedPruning(LastModifiedPruning pruning) {
    return new PlanRequest(topics, window, format, partitions, pruning);
  }
}
