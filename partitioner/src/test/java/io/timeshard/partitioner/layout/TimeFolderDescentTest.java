package io.timeshard.partitioner.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.InMemoryLister;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.TopicFilter;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.listing.ObjectLister;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A first plan of a time-based tree lists folders at once: while a level has fewer folders than
 * restore.list.concurrency, a folder of more than one page is listed one level down, so that its
 * subfolders' listings run at once instead of one chain of pages.
 */
class TimeFolderDescentTest {

  private static Map<String, String> timeBased(int concurrency) {
    Map<String, String> config = new HashMap<>();
    config.put(
        "partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner");
    config.put("path.format", "YYYY/MM/dd/HH");
    config.put("partition.duration.ms", "60000");
    config.put("locale", "en-US");
    config.put("timezone", "UTC");
    config.put("restore.list.concurrency", String.valueOf(concurrency));
    return config;
  }

  /**
   * Three days of hour folders, two partitions, five minutes an hour (720 objects), a folder that
   * does not fit path.format and the tombstone folder.
   */
  private static InMemoryLister backup(int pageSize) {
    InMemoryLister store = new InMemoryLister(pageSize);
    for (int day = 14; day <= 16; day++) {
      for (int hour = 0; hour < 24; hour++) {
        for (int p = 0; p < 2; p++) {
          for (int minute = 0; minute < 5; minute++) {
            long offset = ((day - 14) * 24L + hour) * 5 + minute;
            store.add(
                String.format("topics/t/2025/05/%02d/%02d/t+%d+%010d.avro", day, hour, p, offset),
                10);
          }
        }
      }
    }
    store.add("topics/t/restored-by-hand/t+0+0000000360.avro", 10);
    store.add("topics/t/tombstone/t+1+0000000720.keys.avro", 10);
    return store;
  }

  private static RestorePlan plan(ObjectLister lister, int concurrency, TimeInterval window) {
    return RestorePartitioners.create(timeBased(concurrency))
        .plan(
            lister,
            PlanRequest.everything(BackupFormat.AVRO)
                .withTopics(TopicFilter.of(List.of("t")))
                .withWindow(window));
  }

  @Test
  void aFullPlanDescendsToEnoughFoldersAndListsThemFlatAtOnce() {
    RecordingLister sequential = new RecordingLister(backup(5), 5);
    RestorePlan flat = plan(sequential, 1, TimeInterval.ALL);
    RecordingLister concurrent = new RecordingLister(backup(5), 5);
    RestorePlan plan = plan(concurrent, 8, TimeInterval.ALL);

    // The same plan as one flat listing: every object, the stray folder and the tombstone.
    assertThat(plan.streams()).isEqualTo(flat.streams());
    assertThat(plan.objectCount()).isEqualTo(720 + 1 + 1);
    assertThat(plan.stats().tombstoneObjects()).isEqualTo(1);
    // Sequentially: the topic folder flat, 722 keys in 145 pages of 5.
    assertThat(sequential.calls).hasSize(145);
    assertThat(sequential.flat()).containsOnly("topics/t/");

    // Each level has fewer folders than 8, and each first page falls into one subfolder: one
    // level down, to the 72 hour folders.
    // (A day's 24 hour folders take 5 pages of 5 entries.)
    assertThat(concurrent.byFolder())
        .containsOnly(
            "topics/t/",
            "topics/t/2025/",
            "topics/t/2025/05/",
            "topics/t/2025/05/14/",
            "topics/t/2025/05/15/",
            "topics/t/2025/05/16/")
        .hasSize(3 + 3 * 5);
    List<String> expectedFlat = new ArrayList<>();
    for (int day = 14; day <= 16; day++) {
      for (int hour = 0; hour < 24; hour++) {
        String folder = String.format("topics/t/2025/05/%02d/%02d/", day, hour);
        expectedFlat.addAll(List.of(folder, folder));
      }
    }
    // The first pages of the folders listed one level down, and the folders that do not fit
    // path.format, listed whole.
    expectedFlat.addAll(
        List.of(
            "topics/t/",
            "topics/t/2025/",
            "topics/t/2025/05/",
            "topics/t/2025/05/14/",
            "topics/t/2025/05/15/",
            "topics/t/2025/05/16/",
            "topics/t/restored-by-hand/",
            "topics/t/tombstone/"));
    assertThat(concurrent.flat()).containsExactlyInAnyOrderElementsOf(expectedFlat);
    assertThat(concurrent.most.get()).isGreaterThan(1).isLessThanOrEqualTo(8);
    // 72 hour folders of two pages, 6 first pages, 18 pages of folders, 2 folders listed whole.
    assertThat(plan.stats().listCalls())
        .isEqualTo(144 + 6 + 18 + 2)
        .isEqualTo(concurrent.calls.size());
    System.out.printf(
        "LIST calls of a full plan, 722 keys in pages of 5: %d flat, %d descending%n",
        sequential.calls.size(), concurrent.calls.size());
  }

  @Test
  void subfoldersSmallerThanAPageAreNotDescendedInto() {
    RecordingLister sequential = new RecordingLister(backup(50), 5);
    RestorePlan flat = plan(sequential, 1, TimeInterval.ALL);
    RecordingLister concurrent = new RecordingLister(backup(50), 5);

    RestorePlan plan = plan(concurrent, 8, TimeInterval.ALL);

    assertThat(plan.streams()).isEqualTo(flat.streams());
    assertThat(sequential.calls).hasSize(15);
    // A day's first page of 50 keys spans five hour folders: the day is listed flat on from it.
    assertThat(concurrent.byFolder())
        .containsExactlyInAnyOrder("topics/t/", "topics/t/2025/", "topics/t/2025/05/");
    // The topic, year and month: a first page and a folder listing each; the stray folder and
    // the tombstones; three days of 240 keys in 5 pages each.
    assertThat(plan.stats().listCalls()).isEqualTo(6 + 2 + 15);
  }

  @Test
  void aFolderOfOnePageCostsWhatListingItFlatCosts() {
    RecordingLister small = new RecordingLister(backup(1000), 5);

    RestorePlan plan = plan(small, 8, TimeInterval.ALL);

    assertThat(plan.objectCount()).isEqualTo(722);
    assertThat(small.calls).containsExactly(new RecordingLister.Call("topics/t/", null, null));
  }

  @Test
  void aWindowStillPrunesFoldersAndKeepsTheStrayAndTombstoneFolders() {
    TimeInterval window =
        TimeInterval.between(
            Instant.parse("2025-05-15T00:00:00Z"), Instant.parse("2025-05-15T12:30:00Z"));
    RecordingLister sequential = new RecordingLister(backup(50), 5);
    RestorePlan flat = plan(sequential, 1, window);
    RecordingLister concurrent = new RecordingLister(backup(50), 5);

    RestorePlan plan = plan(concurrent, 8, window);

    assertThat(plan.streams()).isEqualTo(flat.streams());
    // Hours 00-12 of the 15th, two partitions, five minutes; the stray object and the tombstone.
    assertThat(plan.objectCount()).isEqualTo(13 * 2 * 5 + 2);
    assertThat(plan.stats().foldersPruned()).isEqualTo(flat.stats().foldersPruned());
    assertThat(concurrent.calls)
        .noneMatch(c -> c.prefix().startsWith("topics/t/2025/05/14/"))
        .noneMatch(c -> c.prefix().startsWith("topics/t/2025/05/16/"))
        .noneMatch(c -> c.prefix().startsWith("topics/t/2025/05/15/13/"));
    assertThat(concurrent.flat()).contains("topics/t/restored-by-hand/", "topics/t/tombstone/");
  }

  @Test
  void aFolderOfAnHourThatDoesNotExistIsListedAsAFlatListingWouldList() {
    // Paris skips 02:00-03:00 on 2025-03-30: that folder covers no instant, yet holds a file.
    InMemoryLister store = new InMemoryLister(5);
    for (int hour = 0; hour < 6; hour++) {
      for (int minute = 0; minute < 12; minute++) {
        long offset = hour * 12L + minute;
        store.add(String.format("topics/t/2025/03/30/%02d/t+0+%010d.avro", hour, offset), 10);
      }
    }
    Map<String, String> config = timeBased(8);
    config.put("timezone", "Europe/Paris");
    PlanRequest all =
        PlanRequest.everything(BackupFormat.AVRO).withTopics(TopicFilter.of(List.of("t")));
    Map<String, String> sequentialConfig = new HashMap<>(config);
    sequentialConfig.put("restore.list.concurrency", "1");

    RestorePlan flat = RestorePartitioners.create(sequentialConfig).plan(store, all);
    RestorePlan plan = RestorePartitioners.create(config).plan(store, all);

    assertThat(plan.objectCount()).isEqualTo(6 * 12).isEqualTo(flat.objectCount());
    assertThat(plan.streams()).isEqualTo(flat.streams());
    assertThat(plan.stats().foldersPruned()).isZero();
  }

  @Test
  void oneListingAtATimeListsFlatAsBefore() {
    RecordingLister sequential = new RecordingLister(backup(50), 5);

    plan(sequential, 1, TimeInterval.ALL);

    assertThat(sequential.byFolder()).isEmpty();
    assertThat(sequential.most.get()).isEqualTo(1);
  }
}
