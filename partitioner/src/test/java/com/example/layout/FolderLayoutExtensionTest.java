package com.example.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.InMemoryLister;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioner;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A partitioner from another package, built on the public extension point only, gets pruning,
 * companions and order from the planner.
 */
class FolderLayoutExtensionTest {

  private static final String PREFIX = "topics/orders/";

  /** Two partitions, two days of 24 hourly folders, one object per hour with its keys. */
  private static InMemoryLister backup() {
    InMemoryLister lister = new InMemoryLister(50);
    for (int p = 0; p < 2; p++) {
      for (int day = 16; day <= 17; day++) {
        for (int hour = 0; hour < 24; hour++) {
          long offset = ((day - 16) * 24L + hour) * 10;
          String folder =
              String.format("%spartition=%d/day=2025-05-%d/hour=%02d/", PREFIX, p, day, hour);
          lister.add(String.format("%sorders+%d+%010d.avro", folder, p, offset), 100);
          lister.add(String.format("%sorders+%d+%010d.keys.avro", folder, p, offset), 10);
        }
      }
    }
    // A folder the layout cannot place in time: listed whole, never pruned.
    lister.add(PREFIX + "partition=0/tombstones/orders+0+0000009999.avro", 5);
    return lister;
  }

  private static RestorePlan plan(InMemoryLister lister, TimeInterval window) {
    RestorePartitioner partitioner =
        RestorePartitioners.create(
            Map.of("partitioner.class", PartitionThenHourPartitioner.class.getName()));
    return partitioner.plan(lister, PlanRequest.everything(BackupFormat.AVRO).withWindow(window));
  }

  @Test
  void aTwoHourWindowListsOnlyItsHoursAndKeepsCompanionsAndOrder() {
    InMemoryLister lister = backup();
    RestorePlan plan =
        plan(
            lister,
            TimeInterval.between(
                Instant.parse("2025-05-17T13:00:00Z"), Instant.parse("2025-05-17T15:00:00Z")));

    assertThat(plan.streams()).hasSize(2);
    PartitionStream zero = plan.streams().get(0);
    assertThat(zero.objects())
        .extracting(BackupObject::startOffset)
        .containsExactly(370L, 380L, 9999L);
    assertThat(zero.objects().get(0).keys()).isPresent();
    assertThat(zero.objects().get(0).bucket())
        .contains(
            TimeInterval.between(
                Instant.parse("2025-05-17T13:00:00Z"), Instant.parse("2025-05-17T14:00:00Z")));
    assertThat(plan.streams().get(1).objects())
        .extracting(BackupObject::startOffset)
        .containsExactly(370L, 380L);
    assertThat(plan.stats().companions()).isEqualTo(4);
    assertThat(plan.stats().foldersPruned())
        .as("per partition: day 16, and 22 hours of day 17")
        .isEqualTo(2 * (1 + 22));
    assertThat(lister.listedPrefixes())
        .noneMatch(prefix -> prefix.contains("day=2025-05-16"))
        .noneMatch(prefix -> prefix.contains("hour=12"));
  }

  @Test
  void withoutAWindowEveryObjectIsPlannedInFewListings() {
    InMemoryLister lister = backup();
    RestorePlan plan = plan(lister, TimeInterval.ALL);

    assertThat(plan.objectCount()).isEqualTo(2 * 48 + 1);
    assertThat(plan.stats().foldersPruned()).isZero();
    assertThat(lister.calls()).as("the topic listed flat, 193 keys in pages of 50").isEqualTo(5);
  }

  @Test
  void itsBucketsComeFromTheLayoutSoTheTombstoneFolderHasNone() {
    RestorePlan plan = plan(backup(), TimeInterval.ALL);
    List<BackupObject> zero = plan.streams().get(0).objects();
    assertThat(zero.get(zero.size() - 1).bucket()).isEmpty();
  }
}
