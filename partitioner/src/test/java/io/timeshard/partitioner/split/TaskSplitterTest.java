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

    assertThat(partitions(tasks))
        .containsExactly(
            List.of(new TopicPartition("customerst", 0)),
            List.of(new TopicPartition("customerst", 1)),
            List.of(new TopicPartition("customerst", 2)),
            List.of(new TopicPartition("customerst", 3)));
  }

  @Test
  void neverMakesMoreTasksThanStreams() {
    List<TaskAssignment> tasks =
        TaskSplitter.split(List.of(stream("a", 0, 10, 1), stream("a", 1, 10, 1)), 8);

    assertThat(tasks).hasSize(2);
    assertThat(TaskSplitter.split(List.of(), 8)).isEmpty();
  }

  @Test
  void placesTheLargestStreamFirstOntoTheLeastLoadedTask() {
    long mb = 1 << 20;
    List<StreamWeight> streams =
        List.of(
            stream("t", 0, 7 * mb, 0),
            stream("t", 1, 5 * mb, 0),
            stream("t", 2, 4 * mb, 0),
            stream("t", 3, 3 * mb, 0),
            stream("t", 4, 3 * mb, 0),
            stream("t", 5, 2 * mb, 0));

    List<TaskAssignment> tasks = TaskSplitter.split(streams, 3);

    // 7 -> task 0; 5 -> task 1; 4 -> task 2; 3 -> task 2 (at 4); 3 -> task 1 (at 5);
    // 2 -> task 0, which ties with task 2 at 7 and has the lower index.
    assertThat(partitions(tasks))
        .containsExactly(
            List.of(new TopicPartition("t", 0), new TopicPartition("t", 5)),
            List.of(new TopicPartition("t", 1), new TopicPartition("t", 4)),
            List.of(new TopicPartition("t", 2), new TopicPartition("t", 3)));
    assertThat(tasks).extracting(TaskAssignment::cost).containsExactly(9 * mb, 8 * mb, 7 * mb);
  }

  @Test
  void countsObjectsAsWellAsBytes() {
    // Ten thousand tiny objects weigh more than one object of a few megabytes.
    List<StreamWeight> streams =
        List.of(
            stream("t", 0, 10_000 * 200L, 10_000),
            stream("t", 1, 4L << 20, 1),
            stream("t", 2, 4L << 20, 1));

    List<TaskAssignment> tasks = TaskSplitter.split(streams, 2);

    assertThat(partitions(tasks))
        .containsExactly(
            List.of(new TopicPartition("t", 0)),
            List.of(new TopicPartition("t", 1), new TopicPartition("t", 2)));
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
