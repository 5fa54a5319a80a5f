package io.timeshard.partitioner;

import java.util.Comparator;
import java.util.List;

/** The result of planning: one ordered stream per (topic, Kafka partition), and what it cost. */
public record RestorePlan(List<PartitionStream> streams, PlanStats stats) {

  private static final Comparator<PartitionStream> BY_TOPIC_PARTITION =
      Comparator.comparing((PartitionStream s) -> s.topicPartition().topic())
          .thenComparingInt(s -> s.topicPartition().partition());

  public RestorePlan {
    streams = streams.stream().sorted(BY_TOPIC_PARTITION).toList();
  }

  public long objectCount() {
    return streams.stream().mapToLong(PartitionStream::objectCount).sum();
  }

  public long bytes() {
    return streams.stream().mapToLong(PartitionStream::bytes).sum();
  }

  public boolean isEmpty() {
    return streams.isEmpty();
  }
}
