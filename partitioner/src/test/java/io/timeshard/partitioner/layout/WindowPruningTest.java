package io.timeshard.partitioner.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.InMemoryLister;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.TimeBasedConfigs;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * Time-based discovery lists only what the window needs: the LIST calls grow with the folders at
 * the window's edges, not with the backup.
 */
class WindowPruningTest {

  private static final Instant FIRST_HOUR = Instant.parse("2025-11-01T00:00:00Z");
  private static final DateTimeFormatter HOUR_FOLDER =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
  private static final int PARTITIONS = 4;

  /** Hourly folders over {@code days} days, one object per partition per hour. */
  private static InMemoryLister hourlyBackup(int days) {
    InMemoryLister lister = new InMemoryLister(1000);
    for (int hour = 0; hour < days * 24; hour++) {
      String folder = HOUR_FOLDER.format(FIRST_HOUR.plus(Duration.ofHours(hour)));
      for (int p = 0; p < PARTITIONS; p++) {
        lister.add(String.format("topics/clicks/%s/clicks+%d+%010d.avro", folder, p, hour), 1000);
      }
    }
    return lister;
  }

  private static RestorePlan plan(InMemoryLister lister, TimeInterval window) {
    return RestorePartitioners.create(TimeBasedConfigs.HOURLY_UTC)
        .plan(lister, PlanRequest.everything(BackupFormat.AVRO).withWindow(window));
  }

  private static TimeInterval oneHourAt(String start) {
    Instant from = Instant.parse(start);
    return TimeInterval.between(from, from.plus(Duration.ofHours(1)));
  }

  @Test
  void aOneHourWindowListsAHandfulOfFoldersAndReadsOnlyThatHour() {
    InMemoryLister thirtyDays = hourlyBackup(30);

    RestorePlan plan = plan(thirtyDays, oneHourAt("2025-11-15T13:00:00Z"));

    assertThat(plan.objectCount()).isEqualTo(PARTITIONS);
    assertThat(plan.streams())
        .allSatisfy(
            s ->
                assertThat(s.objects())
                    .extracting(BackupObject::objectKey)
                    .allMatch(key -> key.contains("/2025/11/15/13/")));
    // topics, topic folder, year, month, day: one listing each; the hour: one flat listing.
    assertThat(plan.stats().listCalls()).isEqualTo(6);
    assertThat(thirtyDays.listedPrefixes())
        .containsExactly(
            "topics/",
            "topics/clicks/",
            "topics/clicks/2025/",
            "topics/clicks/2025/11/",
            "topics/clicks/2025/11/15/",
            "topics/clicks/2025/11/15/13/");
    assertThat(plan.stats().foldersPruned()).isEqualTo(29 + 23);
    System.out.printf(
        "LIST calls, 1-hour window over 30 days of hourly folders: %d (%d folders pruned)%n",
        plan.stats().listCalls(), plan.stats().foldersPruned());
  }

  @Test
  void listCallsDoNotGrowWithTheBackup() {
    TimeInterval window = oneHourAt("2025-11-15T13:00:00Z");

    long thirty = plan(hourlyBackup(30), window).stats().listCalls();
    long sixty = plan(hourlyBackup(60), window).stats().listCalls();

    assertThat(sixty).isEqualTo(thirty);
  }

  @Test
  void aFullScanListsFlatInPagesAndReadsEverything() {
    InMemoryLister thirtyDays = hourlyBackup(30);

    RestorePlan plan = plan(thirtyDays, TimeInterval.ALL);

    assertThat(plan.objectCount()).isEqualTo(30 * 24 * PARTITIONS);
    // The topics; the topic's and the year's first page flat (all in one subfolder), so each
    // listed one level down; the month's first page spans days smaller than a page, so the month
    // is listed flat: 2,880 objects in pages of 1,000, no walk down to the hours.
    assertThat(plan.stats().listCalls()).isEqualTo(1 + 2 + 2 + 3);
    assertThat(thirtyDays.listedPrefixes())
        .containsExactly(
            "topics/",
            "topics/clicks/",
            "topics/clicks/",
            "topics/clicks/2025/",
            "topics/clicks/2025/",
            "topics/clicks/2025/11/",
            "topics/clicks/2025/11/",
            "topics/clicks/2025/11/");
    System.out.printf(
        "LIST calls, full scan of 30 days of hourly folders (%d objects, pages of 1000): %d%n",
        plan.objectCount(), plan.stats().listCalls());
  }

  @Test
  void aWindowAcrossFoldersListsWholeFoldersFlatAndCutsOnlyAtItsEdges() {
    InMemoryLister thirtyDays = hourlyBackup(30);
    TimeInterval threeDaysAndAHalf =
        TimeInterval.between(
            Instant.parse("2025-11-10T12:00:00Z"), Instant.parse("2025-11-14T00:00:00Z"));

    RestorePlan plan = plan(thirtyDays, threeDaysAndAHalf);

    assertThat(plan.objectCount()).isEqualTo((12 + 3 * 24) * PARTITIONS);
    // topics, topic, year, month; day 10 is cut (1 listing + 12 hours flat); days 11-13 flat.
    assertThat(plan.stats().listCalls()).isEqualTo(4 + 1 + 12 + 3);
  }

  @Test
  void aWindowBeforeTheBackupListsNothingBelowTheTopicFolder() {
    InMemoryLister thirtyDays = hourlyBackup(30);

    RestorePlan plan = plan(thirtyDays, oneHourAt("2024-01-01T00:00:00Z"));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(thirtyDays.listedPrefixes()).containsExactly("topics/", "topics/clicks/");
  }
}
