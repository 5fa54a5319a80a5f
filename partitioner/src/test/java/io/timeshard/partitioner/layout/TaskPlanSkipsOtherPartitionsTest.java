package io.timeshard.partitioner.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.InMemoryLister;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.TimeBasedConfigs;
import io.timeshard.partitioner.key.BackupFormat;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A task of a time-based layout lists every partition's keys and skips the others' before parsing
 * them: it keeps what it kept, and reports odd keys as it did.
 */
class TaskPlanSkipsOtherPartitionsTest {

  private static RestorePlan plan(InMemoryLister lister, Set<TopicPartition> partitions) {
    PlanRequest everything = PlanRequest.everything(BackupFormat.AVRO);
    return RestorePartitioners.create(TimeBasedConfigs.HOURLY_UTC)
        .plan(lister, partitions == null ? everything : everything.onlyPartitions(partitions));
  }

  private static InMemoryLister backup() {
    return new InMemoryLister()
        .add(
            "topics/t/2025/05/16/13/t+0+0000000000.avro",
            "topics/t/2025/05/16/13/t+0+0000000000.keys.avro",
            "topics/t/2025/05/16/13/t+1+0000000000.avro",
            "topics/t/2025/05/16/13/t+1+0000000000.keys.avro",
            "topics/t/2025/05/16/13/t+1+0000000000.headers.avro",
            "topics/t/2025/05/16/14/t+1+0000000001.avro",
            "topics/t/2025/05/16/14/t+2+0000000001.avro",
            "topics/t/tombstone/t+1+0000000002.keys.avro",
            "topics/t/tombstone/t+2+0000000002.keys.avro",
            // Odd keys: not a number, a misplaced file, another format, an unknown extension.
            "topics/t/2025/05/16/14/t+x+0000000001.avro",
            "topics/t/2025/05/16/14/u+0+0000000001.avro",
            "topics/t/2025/05/16/14/t+0+0000000001.json",
            "topics/t/2025/05/16/14/t+2+0000000001.txt");
  }

  @Test
  void aTaskKeepsItsOwnObjectsCompanionsAndTombstonesAndReportsOddKeysAsBefore() {
    RestorePlan whole = plan(backup(), null);
    RestorePlan task = plan(backup(), Set.of(new TopicPartition("t", 1)));

    PartitionStream own =
        whole.streams().stream()
            .filter(s -> s.topicPartition().equals(new TopicPartition("t", 1)))
            .findFirst()
            .orElseThrow();
    assertThat(task.streams()).containsExactly(own);
    assertThat(task.streams().get(0).objects())
        .extracting(BackupObject::objectKey)
        .containsExactly(
            "topics/t/2025/05/16/13/t+1+0000000000.avro",
            "topics/t/2025/05/16/14/t+1+0000000001.avro",
            "topics/t/tombstone/t+1+0000000002.keys.avro");
    assertThat(task.stats().companions()).isEqualTo(2);
    assertThat(task.stats().tombstoneObjects()).isEqualTo(1);
    // Every key counts as listed; the odd ones are reported exactly as by a plan of everything.
    assertThat(task.stats().objectsListed()).isEqualTo(13).isEqualTo(whole.stats().objectsListed());
    assertThat(task.stats().unrecognised()).isEqualTo(2).isEqualTo(whole.stats().unrecognised());
    assertThat(task.stats().misplaced()).isEqualTo(1).isEqualTo(whole.stats().misplaced());
    assertThat(task.stats().otherFormat()).isEqualTo(1).isEqualTo(whole.stats().otherFormat());
    assertThat(task.stats().orphanCompanions()).isZero();
  }
}
