package io.timeshard.partitioner.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskShareTest {

  /** The topic's hash picks the task of its partition 0; its next partitions follow in turn. */
  @ParameterizedTest(name = "{0}-{1} of {2} tasks: task {3}")
  @CsvSource({
    // "customerst".hashCode() = -1581183297, which is 3 modulo 4 (a floor modulo: never negative)
    "customerst, 0, 4, 3",
    "customerst, 1, 4, 0",
    "customerst, 2, 4, 1",
    "customerst, 3, 4, 2",
    "customerst, 4, 4, 3",
    // "orders".hashCode() = -1008770331: 0 modulo 3
    "orders, 0, 3, 0",
    "orders, 1, 3, 1",
    "orders, 2, 3, 2",
    // partition 10 comes after 9, not after 1
    "orders, 9, 3, 0",
    "orders, 10, 3, 1",
    // a dot in the topic name is part of the name: "orders.v2".hashCode() is 2 modulo 3
    "orders.v2, 0, 3, 2",
    // "t".hashCode() = 116
    "t, 0, 5, 1",
    "t, 4, 5, 0",
    // one task takes everything
    "customerst, 7, 1, 0",
    // a partition number near the top of int must not wrap around
    "customerst, 2147483647, 4, 2",
  })
  void givesAPartitionToOneTask(String topic, int partition, int tasks, int expected) {
    assertThat(TaskShare.taskOf(topic, partition, tasks)).isEqualTo(expected);
    assertThat(TaskShare.taskOf(new TopicPartition(topic, partition), tasks)).isEqualTo(expected);
    for (int task = 0; task < tasks; task++) {
      assertThat(new TaskShare(task, tasks).test(new TopicPartition(topic, partition)))
          .as("task %d of %d", task, tasks)
          .isEqualTo(task == expected);
    }
  }

  @Test
  void everyStreamHasExactlyOneOwnerWhateverTheTasksSaw() {
    List<TopicPartition> streams = new ArrayList<>();
    for (String topic : List.of("orders", "payments", "a", "clicks", "customers.v2", "x-y_z")) {
      for (int p = 0; p < 37; p++) {
        streams.add(new TopicPartition(topic, p));
      }
    }
    for (int tasks = 1; tasks <= 9; tasks++) {
      int count = tasks;
      List<TaskShare> shares =
          IntStream.range(0, tasks).mapToObj(t -> new TaskShare(t, count)).toList();
      for (TopicPartition tp : streams) {
        assertThat(shares.stream().filter(share -> share.test(tp)).count())
            .as("owners of %s among %d tasks", tp, tasks)
            .isEqualTo(1);
      }
    }
  }

  @Test
  void spreadsOneTopicsPartitionsEvenly() {
    for (int tasks = 1; tasks <= 8; tasks++) {
      for (int partitions = 0; partitions <= 20; partitions++) {
        int[] counts = new int[tasks];
        for (int p = 0; p < partitions; p++) {
          counts[TaskShare.taskOf("clicks", p, tasks)]++;
        }
        int most = IntStream.of(counts).max().orElse(0);
        int fewest = IntStream.of(counts).min().orElse(0);
        assertThat(most - fewest)
            .as("%d partitions over %d tasks", partitions, tasks)
            .isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void allIsTheOnlyTaskOfOne() {
    assertThat(TaskShare.all()).isEqualTo(new TaskShare(0, 1));
    assertThat(TaskShare.all().test(new TopicPartition("anything", 12))).isTrue();
  }

  @Test
  void refusesATaskOutsideTheCount() {
    assertThatThrownBy(() -> new TaskShare(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new TaskShare(3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from 0 to 2, was 3");
    assertThatThrownBy(() -> new TaskShare(-1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -1");
    assertThatThrownBy(() -> TaskShare.taskOf("t", 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
