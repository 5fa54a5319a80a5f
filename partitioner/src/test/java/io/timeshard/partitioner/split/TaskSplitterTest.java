package io.timeshard.partitioner.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeshard.partitioner.InMemoryLister;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.key.BackupFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TaskSplitterTest {

  private static StreamWeight stream(String topic, int partition, long bytes, long objects) {
    return new StreamWeight(new TopicPartition(topic, partition), bytes, objects);
  }

  private static List<List<TopicPartition>> partitions(List<TaskAssignment> assignments) {
    return assignments.stream().map(TaskAssignment::partitions).toList();
  }

  @Test
  void aTimeBasedBackupOfFourPartitionsGivesFourTasksOfOnePartitionEach() {
    InMemoryLister lister = new InMemoryLister();
    for (int hour = 0; hour < 5; hour++) {
      for (int p = 0; p < 4; p++) {
        lister.add(
            String.format(
                "topics/customerst/2025/05/16/%02d/customerst+%d+%010d.avro", hour, p, hour),
            500);
      }
    }
    RestorePlan plan =
        RestorePartitioners.create(
                Map.of(
                    "partitioner.class",
                    "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
                    "path.format",
                    "YYYY/MM/dd/HH",
                    "partition.duration.ms",
                    "60000",
                    "locale",
                    "en-US",
                    "timezone",
                    "Europe/Madrid"))
            .plan(lister, PlanRequest.everything(BackupFormat.AVRO));

    List<TaskAssignment> tasks =
        TaskSplitter.split(plan.streams().stream().map(StreamWeight::of).toList(), 4);

    // "customerst" starts at task 3 of 4; its next partitions follow in turn.
    assertThat(partitions(tasks))
        .containsExactly(
            List.of(new TopicPartition("customerst", 1)),
            List.of(new TopicPartition("customerst", 2)),
            List.of(new TopicPartition("customerst", 3)),
            List.of(new TopicPartition("customerst", 0)));
  }

  @Test
  void makesExactlyTasksMaxAssignmentsSomeEmpty() {
    // "a" starts at task 1 of 8.
    List<TaskAssignment> tasks =
        TaskSplitter.split(List.of(stream("a", 0, 10, 1), stream("a", 1, 20, 1)), 8);

    assertThat(partitions(tasks))
        .containsExactly(
            List.of(),
            List.of(new TopicPartition("a", 0)),
            List.of(new TopicPartition("a", 1)),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    long object = StreamWeight.OBJECT_COST_BYTES;
    assertThat(tasks)
        .extracting(TaskAssignment::cost)
        .containsExactly(0L, 10 + object, 20 + object, 0L, 0L, 0L, 0L, 0L);
    assertThat(partitions(TaskSplitter.split(List.of(), 2))).containsExactly(List.of(), List.of());
  }

  @Test
  void followsTheTaskShareNotTheWeights() {
    long mb = 1 << 20;
    // "t" starts at task 2 of 3: partitions 0 and 3 go to task 2 whatever they weigh.
    List<StreamWeight> streams =
        List.of(
            stream("t", 0, 7 * mb, 0),
            stream("t", 1, 5 * mb, 0),
            stream("t", 2, 4 * mb, 0),
            stream("t", 3, 3 * mb, 0),
            stream("t", 4, 3 * mb, 0),
            stream("t", 5, 2 * mb, 0));

    List<TaskAssignment> tasks = TaskSplitter.split(streams, 3);

    assertThat(partitions(tasks))
        .containsExactly(
            List.of(new TopicPartition("t", 1), new TopicPartition("t", 4)),
            List.of(new TopicPartition("t", 2), new TopicPartition("t", 5)),
            List.of(new TopicPartition("t", 0), new TopicPartition("t", 3)));
    assertThat(tasks).extracting(TaskAssignment::cost).containsExactly(8 * mb, 6 * mb, 10 * mb);
    for (int task = 0; task < 3; task++) {
      TaskShare share = new TaskShare(task, 3);
      assertThat(tasks.get(task).partitions()).allMatch(share);
    }
  }

  @Test
  void isDeterministicWhateverTheInputOrder() {
    List<StreamWeight> streams = new ArrayList<>();
    for (int p = 0; p < 50; p++) {
      streams.add(stream("orders", p, 1000 * (p % 7), p % 3));
      streams.add(stream("payments", p, 1000 * (p % 5), 1));
    }
    List<TaskAssignment> expected = TaskSplitter.split(streams, 6);

    for (int seed = 0; seed < 5; seed++) {
      List<StreamWeight> shuffled = new ArrayList<>(streams);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(TaskSplitter.split(shuffled, 6)).isEqualTo(expected);
    }
    assertThat(expected).hasSize(6);
    assertThat(expected.stream().mapToInt(a -> a.partitions().size()).sum()).isEqualTo(100);
  }

  @Test
  void rejectsFewerThanOneTask() {
    assertThatThrownBy(() -> TaskSplitter.split(List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tasks.max");
  }
}
