package io.timeshard.partitioner;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** After the first plan, a refresh lists the newest time folders and a look-back, nothing older. */
class WatchWindowTest {

  private static final Instant FIRST_HOUR = Instant.parse("2025-11-01T00:00:00Z");
  private static final DateTimeFormatter HOUR_FOLDER =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

  private static InMemoryLister thirtyDays() {
    InMemoryLister lister = new InMemoryLister(1000);
    for (int hour = 0; hour < 30 * 24; hour++) {
      String folder = HOUR_FOLDER.format(FIRST_HOUR.plus(Duration.ofHours(hour)));
      for (int p = 0; p < 4; p++) {
        lister.add(String.format("topics/clicks/%s/clicks+%d+%010d.avro", folder, p, hour), 1000);
      }
    }
    return lister;
  }

  private static RestorePlan plan(InMemoryLister lister, TimeInterval window) {
    return RestorePartitioners.create(TimeBasedConfigs.HOURLY_UTC)
        .plan(lister, PlanRequest.everything(BackupFormat.AVRO).withWindow(window));
  }

  @Test
  void aRefreshListsOnlyTheNewestFoldersAndFindsNewAndLateFiles() {
    InMemoryLister lister = thirtyDays();
    WatchWindow watch = new WatchWindow(TimeInterval.ALL, Duration.ofHours(1));
    RestorePlan first = plan(lister, TimeInterval.ALL);
    watch.saw(first);
    long fullListing = first.stats().listCalls();

    // A new hour after the newest, and a late file in the hour before the newest.
    lister.add("topics/clicks/2025/12/01/00/clicks+0+0000000720.avro", 1000);
    lister.add("topics/clicks/2025/11/30/22/clicks+1+0000000717.avro", 1000);
    lister.resetCalls();
    RestorePlan refresh = plan(lister, watch.next());

    assertThat(refresh.streams())
        .flatExtracting(PartitionStream::objects)
        .extracting(BackupObject::objectKey)
        .contains(
            "topics/clicks/2025/12/01/00/clicks+0+0000000720.avro",
            "topics/clicks/2025/11/30/22/clicks+1+0000000717.avro");
    // The last two hours of the backup and the new one, not 30 days.
    assertThat(refresh.objectCount()).isEqualTo(2 * 4 + 2);
    assertThat(lister.listedPrefixes())
        .noneMatch(prefix -> prefix.startsWith("topics/clicks/2025/11/2"))
        .noneMatch(prefix -> prefix.startsWith("topics/clicks/2025/11/0"));
    System.out.printf(
        "LIST calls: first plan %d, refresh %d (%d objects)%n",
        fullListing, refresh.stats().listCalls(), refresh.objectCount());
  }

  @Test
  void withoutTimeFoldersARefreshListsTheWholeWindow() {
    WatchWindow watch = new WatchWindow(TimeInterval.ALL, Duration.ofHours(1));
    InMemoryLister lister = new InMemoryLister().add("topics/t/partition=0/t+0+0000000000.avro");
    watch.saw(
        RestorePartitioners.create(Map.of())
            .plan(lister, PlanRequest.everything(BackupFormat.AVRO)));

    assertThat(watch.next()).isEqualTo(TimeInterval.ALL);
  }
}
