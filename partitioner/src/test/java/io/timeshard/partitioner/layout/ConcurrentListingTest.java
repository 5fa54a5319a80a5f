package io.timeshard.partitioner.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.InMemoryLister;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Independent folders are listed at once, within restore.list.concurrency; tasks list less. */
class ConcurrentListingTest {

  private static final String SINK = "io.confluent.connect.storage.partitioner.";

  private static Map<String, String> timeBased(int concurrency) {
    Map<String, String> config = new HashMap<>();
    config.put("partitioner.class", SINK + "TimeBasedPartitioner");
    config.put("path.format", "YYYY/MM/dd/HH");
    config.put("partition.duration.ms", "60000");
    config.put("locale", "en-US");
    config.put("timezone", "UTC");
    config.put("restore.list.concurrency", String.valueOf(concurrency));
    return config;
  }

  /** Twelve hour folders of one day, two partitions, a few minutes each. */
  private static InMemoryLister oneDay() {
    InMemoryLister lister = new InMemoryLister(5);
    for (int hour = 0; hour < 12; hour++) {
      for (int p = 0; p < 2; p++) {
        for (int minute = 0; minute < 3; minute++) {
          long offset = hour * 3L + minute;
          lister.add(
              String.format("topics/t/2025/05/16/%02d/t+%d+%010d.avro", hour, p, offset), 10);
        }
      }
    }
    return lister;
  }

  /** A window that cuts the day folder, so that its hour folders are listed one by one. */
  private static final TimeInterval MOST_OF_THE_DAY =
      TimeInterval.between(
          Instant.parse("2025-05-16T00:30:00Z"), Instant.parse("2025-05-16T12:00:00Z"));

  @Test
  void hourFoldersAreListedAtOnceWithinTheConcurrencyAndCountedTheSame() {
    InMemoryLister sequentialStore = oneDay();
    RestorePlan sequential =
        RestorePartitioners.create(timeBased(1))
            .plan(
                sequentialStore,
                PlanRequest.everything(BackupFormat.AVRO).withWindow(MOST_OF_THE_DAY));
    RecordingLister concurrentStore = new RecordingLister(oneDay(), 30);
    RestorePlan concurrent =
        RestorePartitioners.create(timeBased(4))
            .plan(
                concurrentStore,
                PlanRequest.everything(BackupFormat.AVRO).withWindow(MOST_OF_THE_DAY));

    assertThat(concurrentStore.most.get()).isBetween(2, 4);
    assertThat(concurrent.stats().listCalls())
        .isEqualTo(sequential.stats().listCalls())
        .isEqualTo(sequentialStore.calls());
    assertThat(concurrent.streams()).isEqualTo(sequential.streams());
    assertThat(concurrent.objectCount()).isEqualTo(2 * 12 * 3);
  }

  @Test
  void aTaskOfTheDefaultLayoutListsOnlyItsOwnPartitionFoldersAndTheTombstones() {
    InMemoryLister lister = new InMemoryLister(2);
    for (int p = 0; p < 6; p++) {
      for (int o = 0; o < 3; o++) {
        lister.add(String.format("topics/t/partition=%d/t+%d+%010d.avro", p, p, o), 10);
      }
    }
    lister.add("topics/t/tombstone/t+1+0000000003.keys.avro", 10);
    lister.add("topics/t/tombstone/t+2+0000000003.keys.avro", 10);
    Map<String, String> config = Map.of("partitioner.class", SINK + "DefaultPartitioner");

    RestorePlan plan =
        RestorePartitioners.create(config)
            .plan(
                lister,
                PlanRequest.everything(BackupFormat.AVRO)
                    .onlyPartitions(
                        Set.of(new TopicPartition("t", 1), new TopicPartition("t", 4))));

    // Its partitions' objects and the tombstone of partition 1, not that of partition 2.
    assertThat(plan.objectCount()).isEqualTo(7);
    assertThat(plan.stats().tombstoneObjects()).isEqualTo(1);
    assertThat(Set.copyOf(lister.listedPrefixes()))
        .containsExactlyInAnyOrder(
            "topics/t/partition=1/", "topics/t/partition=4/", "topics/t/tombstone/");
    // Two pages per folder of three objects, one for the tombstones, and no listing of the topics
    // folder.
    assertThat(plan.stats().listCalls()).isEqualTo(5).isEqualTo(lister.calls());
  }

  @Test
  void aTaskOfAFieldLayoutListsTheWholeTopic() {
    InMemoryLister lister = new InMemoryLister();
    lister.add(
        "topics/t/partition=a/t+0+0000000000.avro", "topics/t/partition=b/t+1+0000000000.avro");
    Map<String, String> config = Map.of("partitioner.class", SINK + "FieldPartitioner");

    RestorePlan plan =
        RestorePartitioners.create(config)
            .plan(
                lister,
                PlanRequest.everything(BackupFormat.AVRO)
                    .onlyPartitions(Set.of(new TopicPartition("t", 1))));

    assertThat(plan.objectCount()).isEqualTo(1);
    assertThat(lister.listedPrefixes()).containsExactly("topics/t/");
  }
}
