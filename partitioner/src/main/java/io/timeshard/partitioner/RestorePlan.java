package io.timeshard.partitioner;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/** The result of planning: one ordered stream per (topic, Kafka partition), and what it cost. */
public record RestorePlan(List<PartitionStream> streams, PlanStats stats) {

  private static final Comparator<PartitionStream> BY_TOPIC_PARTITION =
      Comparator.comparing((PartitionStream s) -> s.topicPartition().topic())
          .thenComparingInt(s -> s.topicPartition().partition());

  public RestorePlan {
    streams = streams.stream().sorted(BY_TOPIC_PARTITION).toList();
  }

  /** The value objects of every stream. */
  public long objectCount() {
    return streams.stream().mapToLong(PartitionStream::objectCount).sum();
  }

  /** The bytes of the value objects of every stream. */
  public long bytes() {
    return streams.stream().mapToLong(PartitionStream::bytes).sum();
  }

  /** The streams of the partitions kept (a task's share), with the same statistics. */
  public RestorePlan only(Predicate<TopicPartition> partitions) {
    return new RestorePlan(
        streams.stream().filter(s -> partitions.test(s.topicPartition())).toList(), stats);
  }

  /** True when the backup holds nothing to restore for the request. */
  public boolean isEmpty() {
    return streams.isEmpty();
  }
}
