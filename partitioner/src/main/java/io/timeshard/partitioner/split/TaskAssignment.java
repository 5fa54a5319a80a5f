package io.timeshard.partitioner.split;

import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The partition streams one task restores.
 *
 * @param partitions sorted by topic, then partition
 * @param cost the summed {@link StreamWeight#cost()} of those streams
 */
public record TaskAssignment(List<TopicPartition> partitions, long cost) {

  static final Comparator<TopicPartition> BY_TOPIC_PARTITION =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  public TaskAssignment {
    partitions = partitions.stream().sorted(BY_TOPIC_PARTITION).toList();
  }

  /** The compact form written into the task configuration. */
  public String encode() {
    return AssignmentCodec.encode(partitions);
  }
}
