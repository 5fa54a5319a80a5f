package io.timeshard.partitioner.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.InMemoryLister;
import io.timeshard.partitioner.LastModifiedPruning;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Value objects last changed before the window's start less the tolerance are never planned, in
 * every layout; nothing else is lost.
 */
class LastModifiedPruningTest {

  private static final String SINK = "io.confluent.connect.storage.partitioner.";
  private static final Instant START = Instant.parse("2025-11-15T13:30:00Z");
  private static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static final Instant CUTOFF = START.minus(TOLERANCE);
  private static final TimeInterval WINDOW =
      TimeInterval.between(START, START.plus(Duration.ofHours(1)));
  private static final Duration MS = Duration.ofMillis(1);

  private static final Map<String, String> DEFAULT =
      Map.of("partitioner.class", SINK + "DefaultPartitioner");
  private static final Map<String, String> FIELD =
      Map.of("partitioner.class", SINK + "FieldPartitioner", "partition.field.name", "region");
  private static final Map<String, String> HOURLY =
      Map.of(
          "partitioner.class", SINK + "HourlyPartitioner",
          "locale", "en-US",
          "timezone", "UTC");

  private static RestorePlan plan(Map<String, String> config, InMemoryLister lister) {
    PlanRequest request =
        PlanRequest.everything(BackupFormat.AVRO)
            .withWindow(WINDOW)
            .withLastModifiedPruning(LastModifiedPruning.forWindow(WINDOW, TOLERANCE));
    return RestorePartitioners.create(config).plan(lister, request);
  }

  /** The planned objects by start offset. */
  private static Map<Long, String> planned(RestorePlan plan) {
    Map<Long, String> planned = new TreeMap<>();
    plan.streams().stream()
        .flatMap(s -> s.objects().stream())
        .forEach(o -> planned.put(o.startOffset(), o.objectKey()));
    return planned;
  }

  @Test
  void theToleranceEdgesOneMillisecondEitherSide() {
    String folder = "topics/t/partition=0/";
    InMemoryLister lister =
        new InMemoryLister(2)
            .add(folder + "t+0+0000000000.avro", 10, CUTOFF.minus(Duration.ofDays(3)))
            .add(folder + "t+0+0000000001.avro", 10, CUTOFF.minus(MS))
            .add(folder + "t+0+0000000002.avro", 10, CUTOFF)
            .add(folder + "t+0+0000000003.avro", 10, CUTOFF.plus(MS))
            .add(folder + "t+0+0000000004.avro", 10, START.plus(Duration.ofMinutes(10)));

    RestorePlan plan = plan(DEFAULT, lister);

    assertThat(planned(plan).keySet()).containsExactly(2L, 3L, 4L);
    assertThat(plan.stats().prunedByLastModified()).isEqualTo(2);
    assertThat(plan.stats().objectsListed()).isEqualTo(5);
    assertThat(plan.stats().valueObjects()).isEqualTo(3);
  }

  @Test
  void aFieldLayoutIsPrunedAcrossItsFieldFolders() {
    InMemoryLister lister =
        new InMemoryLister()
            .add("topics/t/region=eu/t+0+0000000000.avro", 10, CUTOFF.minus(MS))
            .add("topics/t/region=us/t+0+0000000001.avro", 10, CUTOFF.minus(MS))
            .add("topics/t/region=eu/t+0+0000000002.avro", 10, START)
            .add("topics/t/region=us/t+1+0000000000.avro", 10, START.plus(MS));

    RestorePlan plan = plan(FIELD, lister);

    assertThat(plan.streams()).hasSize(2);
    assertThat(plan.streams().get(0).objects())
        .extracting(BackupObject::objectKey)
        .containsExactly("topics/t/region=eu/t+0+0000000002.avro");
    assertThat(plan.stats().prunedByLastModified()).isEqualTo(2);
  }

  @Test
  void insideATimeFolderTheWindowCutsOnlyObjectsChangedBeforeItsStart() {
    // Folder 13 holds 13:00-14:00; the window starts at 13:30, so the folder is listed, and the
    // objects of 13:00-13:20 are set aside. Folder 14 lies wholly inside the window: the rule still
    // holds there, and drops nothing because every object in it was written after the start.
    String h13 = "topics/t/year=2025/month=11/day=15/hour=13/";
    String h14 = "topics/t/year=2025/month=11/day=15/hour=14/";
    String h12 = "topics/t/year=2025/month=11/day=15/hour=12/";
    InMemoryLister lister = new InMemoryLister(3);
    for (int minute = 0; minute < 60; minute += 10) {
      Instant written = Instant.parse("2025-11-15T13:00:00Z").plus(Duration.ofMinutes(minute + 1));
      lister.add(String.format("%st+0+%010d.avro", h13, 100 + minute), 10, written);
    }
    lister.add(h14 + "t+0+0000000200.avro", 10, Instant.parse("2025-11-15T14:01:00Z"));
    lister.add(h12 + "t+0+0000000050.avro", 10, Instant.parse("2025-11-15T12:01:00Z"));

    RestorePlan plan = plan(HOURLY, lister);

    // 13:01, 13:11 and 13:21 are before 13:25; 13:31, 13:41, 13:51 and 14:01 are kept.
    assertThat(planned(plan).keySet()).containsExactly(130L, 140L, 150L, 200L);
    assertThat(plan.stats().prunedByLastModified()).isEqualTo(3);
    assertThat(plan.stats().foldersPruned()).isPositive();
  }

  @Test
  void companionsGoWithTheirValueObjectAndNeverDecideAlone() {
    String folder = "topics/t/partition=0/";
    InMemoryLister lister =
        new InMemoryLister()
            // Old values, companions uploaded later: all three set aside, none an orphan.
            .add(folder + "t+0+0000000000.avro", 10, CUTOFF.minus(MS))
            .add(folder + "t+0+0000000000.keys.avro", 10, START)
            .add(folder + "t+0+0000000000.headers.avro", 10, START)
            // Companions uploaded first, values after the cutoff: kept with both companions.
            .add(folder + "t+0+0000000001.keys.avro", 10, CUTOFF.minus(Duration.ofHours(1)))
            .add(folder + "t+0+0000000001.headers.avro", 10, CUTOFF.minus(Duration.ofHours(1)))
            .add(folder + "t+0+0000000001.avro", 10, CUTOFF);

    RestorePlan plan = plan(DEFAULT, lister);

    PartitionStream stream = plan.streams().get(0);
    assertThat(stream.objects()).hasSize(1);
    BackupObject kept = stream.objects().get(0);
    assertThat(kept.startOffset()).isEqualTo(1);
    assertThat(kept.keys()).isPresent();
    assertThat(kept.headers()).isPresent();
    assertThat(plan.stats().prunedByLastModified()).isEqualTo(1);
    assertThat(plan.stats().orphanCompanions()).isZero();
    assertThat(plan.stats().companions()).isEqualTo(2);
  }

  @Test
  void anObjectWithoutALastModifiedIsKept() {
    InMemoryLister lister =
        new InMemoryLister()
            .add("topics/t/partition=0/t+0+0000000000.avro", 10, null)
            .add("topics/t/partition=0/t+0+0000000001.avro", 10, CUTOFF.minus(MS));

    RestorePlan plan = plan(DEFAULT, lister);

    assertThat(planned(plan).keySet()).containsExactly(0L);
    assertThat(plan.stats().prunedByLastModified()).isEqualTo(1);
  }

  @Test
  void withoutAWindowStartOrWithPruningOffNothingIsPruned() {
    InMemoryLister lister =
        new InMemoryLister().add("topics/t/partition=0/t+0+0000000000.avro", 10, Instant.EPOCH);
    TimeInterval endOnly = TimeInterval.between(null, START);

    assertThat(LastModifiedPruning.forWindow(endOnly, TOLERANCE))
        .isSameAs(LastModifiedPruning.NONE);
    RestorePlan plan =
        RestorePartitioners.create(DEFAULT)
            .plan(lister, PlanRequest.everything(BackupFormat.AVRO).withWindow(WINDOW));
    assertThat(plan.objectCount()).isEqualTo(1);
    assertThat(plan.stats().prunedByLastModified()).isZero();
  }

  @Test
  void whatTheStoreDatesOtherwiseIsKept() {
    LastModifiedPruning pruning =
        LastModifiedPruning.forWindow(WINDOW, TOLERANCE).keeping(object -> object.size() >= 100);

    assertThat(pruning.prunes(new ListedObject("a", 99, CUTOFF.minus(MS)))).isTrue();
    assertThat(pruning.prunes(new ListedObject("b", 100, CUTOFF.minus(MS)))).isFalse();
    assertThat(pruning.cutoff()).isEqualTo(Optional.of(CUTOFF));
    assertThat(LastModifiedPruning.NONE.prunes(new ListedObject("c", 1, Instant.EPOCH))).isFalse();
  }
}
