package io.timeshard.partitioner.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.InMemoryLister;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioner;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.TimeBasedConfigs;
import io.timeshard.partitioner.WatchWindow;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * What a refresh after the first plan lists, counted in LIST calls: from a key where the store
 * starts there (S3, GCS), level by level where it cannot (Azure), and never a key twice.
 */
class RefreshListingTest {

  private static final Instant FIRST_HOUR = Instant.parse("2025-11-01T00:00:00Z");
  private static final DateTimeFormatter HOUR_FOLDER =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

  /** Thirty days of hourly folders, four partitions, ten objects per partition and hour. */
  private static InMemoryLister thirtyDays(InMemoryLister lister) {
    for (int hour = 0; hour < 30 * 24; hour++) {
      String folder = HOUR_FOLDER.format(FIRST_HOUR.plus(Duration.ofHours(hour)));
      for (int p = 0; p < 4; p++) {
        for (int i = 0; i < 10; i++) {
          lister.add(
              String.format("topics/clicks/%s/clicks+%d+%010d.avro", folder, p, hour * 10 + i),
              1000);
        }
      }
    }
    return lister;
  }

  private static List<String> keys(RestorePlan plan) {
    return plan.streams().stream()
        .flatMap(s -> s.objects().stream())
        .map(BackupObject::objectKey)
        .toList();
  }

  private record Refresh(RestorePlan plan, int calls, int firstCalls) {}

  private static Refresh firstThenRefresh(
      InMemoryLister lister,
      Map<String, String> config,
      PlanRequest request,
      Runnable change,
      List<String> expectedNew) {
    RestorePartitioner partitioner = RestorePartitioners.create(config);
    WatchWindow watch = new WatchWindow(request.window(), Duration.ofHours(1));
    lister.resetCalls();
    watch.saw(partitioner.plan(lister, request));
    int firstCalls = lister.calls();
    change.run();
    lister.resetCalls();
    RestorePlan refresh = partitioner.refresh(lister, request, watch);
    assertThat(keys(refresh)).doesNotHaveDuplicates().containsAll(expectedNew);
    return new Refresh(refresh, lister.calls(), firstCalls);
  }

  @Test
  void aTimeBasedRefreshFromAKeyListsTheTopicFolderAndThenFlatFromTheLookBack() {
    InMemoryLister lister = thirtyDays(new InMemoryLister(1000).listingFromAKey());
    String fresh = "topics/clicks/2025/12/01/00/clicks+0+0000007200.avro";
    String late = "topics/clicks/2025/11/30/22/clicks+1+0000007199.avro";
    String tooLate = "topics/clicks/2025/11/29/00/clicks+2+0000007198.avro";
    Refresh refresh =
        firstThenRefresh(
            lister,
            TimeBasedConfigs.HOURLY_UTC,
            PlanRequest.everything(BackupFormat.AVRO),
            () -> lister.add(fresh, 1000).add(late, 1000).add(tooLate, 1000),
            List.of(fresh, late));

    // The topics folder, the topic folder one level, then one flat page from the look-back.
    assertThat(refresh.calls()).isEqualTo(3);
    assertThat(keys(refresh.plan())).doesNotContain(tooLate);
    // The look-back's hour and the newest, four partitions of ten objects, and the new two.
    assertThat(refresh.plan().objectCount()).isEqualTo(2 * 40 + 2);
    System.out.printf(
        "from a key: first plan %d LIST calls, refresh %d%n",
        refresh.firstCalls(), refresh.calls());
  }

  @Test
  void aTaskRefreshFromAKeyListsTwoPages() {
    InMemoryLister lister = thirtyDays(new InMemoryLister(1000).listingFromAKey());
    String fresh = "topics/clicks/2025/12/01/00/clicks+1+0000007200.avro";
    Refresh refresh =
        firstThenRefresh(
            lister,
            TimeBasedConfigs.HOURLY_UTC,
            PlanRequest.everything(BackupFormat.AVRO)
                .onlyPartitions(Set.of(new TopicPartition("clicks", 1))),
            () -> lister.add(fresh, 1000),
            List.of(fresh));
    assertThat(refresh.calls()).isEqualTo(2);
    assertThat(refresh.plan().streams())
        .extracting(PartitionStream::topicPartition)
        .containsExactly(new TopicPartition("clicks", 1));
  }

  @Test
  void withoutListingFromAKeyATimeBasedRefreshDescendsLevelByLevel() {
    InMemoryLister fromKey = thirtyDays(new InMemoryLister(1000).listingFromAKey());
    InMemoryLister azureLike = thirtyDays(new InMemoryLister(1000));
    String fresh = "topics/clicks/2025/12/01/00/clicks+0+0000007200.avro";
    Refresh flat =
        firstThenRefresh(
            fromKey,
            TimeBasedConfigs.HOURLY_UTC,
            PlanRequest.everything(BackupFormat.AVRO),
            () -> fromKey.add(fresh, 1000),
            List.of(fresh));
    Refresh descent =
        firstThenRefresh(
            azureLike,
            TimeBasedConfigs.HOURLY_UTC,
            PlanRequest.everything(BackupFormat.AVRO),
            () -> azureLike.add(fresh, 1000),
            List.of(fresh));

    // topics, topic, the years, the months, the days, then the look-back's hour folders.
    assertThat(descent.calls()).isGreaterThan(flat.calls());
    assertThat(azureLike.listedPrefixes())
        .noneMatch(prefix -> prefix.startsWith("topics/clicks/2025/11/2"));
    assertThat(keys(descent.plan())).containsExactlyInAnyOrderElementsOf(keys(flat.plan()));
    System.out.printf(
        "level by level: first plan %d LIST calls, refresh %d%n",
        descent.firstCalls(), descent.calls());
  }

  @Test
  void foldersThatDoNotFitThePathFormatAreListedWholeWhereverTheySort() {
    InMemoryLister lister = thirtyDays(new InMemoryLister(1000).listingFromAKey());
    // "0-archive" sorts before every year folder, "tombstone" after them.
    String before = "topics/clicks/0-archive/clicks+3+0000000001.avro";
    String after = "topics/clicks/tombstone/clicks+2+0000007300.keys.avro";
    String inTopicFolder = "topics/clicks/clicks+3+0000000002.avro";
    Refresh refresh =
        firstThenRefresh(
            lister,
            TimeBasedConfigs.HOURLY_UTC,
            PlanRequest.everything(BackupFormat.AVRO),
            () -> lister.add(before, 10).add(after, 10).add(inTopicFolder, 10),
            List.of(before, after, inTopicFolder));
    // The flat listing from the key, and the early folder whole: still a few calls.
    assertThat(refresh.calls()).isEqualTo(4);
  }

  @Test
  void theWindowsEndStillBoundsWhatIsPlanned() {
    InMemoryLister lister = thirtyDays(new InMemoryLister(1000).listingFromAKey());
    TimeInterval window =
        new TimeInterval(
            Instant.parse("2025-11-20T00:00:00Z").toEpochMilli(),
            Instant.parse("2025-11-30T12:00:00Z").toEpochMilli());
    String outside = "topics/clicks/2025/11/30/12/clicks+0+0000009999.avro";
    Refresh refresh =
        firstThenRefresh(
            lister,
            TimeBasedConfigs.HOURLY_UTC,
            PlanRequest.everything(BackupFormat.AVRO).withWindow(window),
            () -> lister.add(outside, 1000),
            List.of());
    assertThat(keys(refresh.plan())).doesNotContain(outside).isNotEmpty();
  }

  private static final Map<String, String> DEFAULT = Map.of();

  /** Twelve partition folders of 3,000 objects each. */
  private static InMemoryLister partitionFolders(InMemoryLister lister) {
    for (int p = 0; p < 12; p++) {
      for (int offset = 0; offset < 3000; offset++) {
        lister.add(
            String.format("topics/orders/partition=%d/orders+%d+%010d.avro", p, p, offset), 100);
      }
    }
    return lister;
  }

  @Test
  void aDefaultLayoutRefreshListsEachOwnFolderAfterItsLastKey() {
    InMemoryLister lister = partitionFolders(new InMemoryLister(1000).listingFromAKey());
    String fresh = "topics/orders/partition=1/orders+1+0000003000.avro";
    Set<TopicPartition> own =
        Set.of(
            new TopicPartition("orders", 0),
            new TopicPartition("orders", 1),
            new TopicPartition("orders", 2));
    Refresh refresh =
        firstThenRefresh(
            lister,
            DEFAULT,
            PlanRequest.everything(BackupFormat.AVRO).onlyPartitions(own),
            () -> lister.add(fresh, 100),
            List.of(fresh));
    // One page per own folder after its last key, and the tombstone folder.
    assertThat(refresh.calls()).isEqualTo(4);
    assertThat(keys(refresh.plan())).containsExactly(fresh);
    assertThat(refresh.firstCalls()).isEqualTo(3 * 3 + 1);
  }

  @Test
  void theConnectorFindsNewPartitionFoldersAndListsKnownOnesAfterTheirLastKey() {
    InMemoryLister lister = partitionFolders(new InMemoryLister(1000).listingFromAKey());
    String newPartition = "topics/orders/partition=12/orders+12+0000000000.avro";
    Refresh refresh =
        firstThenRefresh(
            lister,
            DEFAULT,
            PlanRequest.everything(BackupFormat.AVRO),
            () -> lister.add(newPartition, 100),
            List.of(newPartition));
    // topics, the topic one level, then each of the 13 folders: against 37 for the first plan.
    assertThat(refresh.calls()).isEqualTo(1 + 1 + 13);
    assertThat(refresh.firstCalls()).isEqualTo(1 + 36);
    assertThat(keys(refresh.plan())).containsExactly(newPartition);
  }

  @Test
  void aFolderWhoseLastOffsetUsedUpThePadWidthIsListedWhole() {
    // Offsets padded to 5 digits, the last one 99999: offset 100000 sorts before it as text.
    InMemoryLister lister = new InMemoryLister(1000).listingFromAKey();
    IntStream.range(97_000, 100_000)
        .forEach(o -> lister.add(String.format("topics/w/partition=0/w+0+%05d.avro", o), 10));
    String wider = "topics/w/partition=0/w+0+100000.avro";
    Refresh refresh =
        firstThenRefresh(
            lister,
            DEFAULT,
            PlanRequest.everything(BackupFormat.AVRO)
                .onlyPartitions(Set.of(new TopicPartition("w", 0))),
            () -> lister.add(wider, 10),
            List.of(wider));
    // The whole folder again: 3,001 objects in four pages, and the tombstone folder.
    assertThat(refresh.plan().objectCount()).isEqualTo(3001);
    assertThat(refresh.calls()).isEqualTo(4 + 1);
  }

  @Test
  void withoutListingFromAKeyADefaultLayoutRefreshListsWholeFolders() {
    InMemoryLister lister = partitionFolders(new InMemoryLister(1000));
    String fresh = "topics/orders/partition=1/orders+1+0000003000.avro";
    Refresh refresh =
        firstThenRefresh(
            lister,
            DEFAULT,
            PlanRequest.everything(BackupFormat.AVRO)
                .onlyPartitions(Set.of(new TopicPartition("orders", 1))),
            () -> lister.add(fresh, 100),
            List.of(fresh));
    assertThat(refresh.calls()).isEqualTo(refresh.firstCalls() + 1);
  }
}
