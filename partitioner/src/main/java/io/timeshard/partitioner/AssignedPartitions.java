package io.timeshard.partitioner;

import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * The partition streams a task restores, as a {@link PlanRequest#partitions()} filter that layouts
 * can look into: a layout with one folder per Kafka partition lists only these partitions' folders.
 */
public record AssignedPartitions(Set<TopicPartition> partitions)
    implements Predicate<TopicPartition> {

  public AssignedPartitions {
    partitions = Set.copyOf(partitions);
  }

  @Override
  public boolean test(TopicPartition tp) {
    return partitions.contains(tp);
  }

  /** The topics of the assigned partitions. */
  public Set<String> topics() {
    return partitions.stream().map(TopicPartition::topic).collect(Collectors.toSet());
  }

  /** The assigned partitions of one topic. */
  public Set<Integer> partitionsOf(String topic) {
    return partitions.stream()
        .filter(tp -> tp.topic().equals(topic))
        .map(TopicPartition::partition)
        .collect(Collectors.toSet());
  }
}
