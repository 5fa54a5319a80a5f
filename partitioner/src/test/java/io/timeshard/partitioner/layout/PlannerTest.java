package io.timeshard.partitioner.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.InMemoryLister;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.TopicFilter;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.time.TimeInterval;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final String SINK = "io.confluent.connect.storage.partitioner.";

  private static Map<String, String> timeBased(String zone) {
    Map<String, String> config = new HashMap<>();
    config.put("partitioner.class", SINK + "TimeBasedPartitioner");
    config.put("path.format", "YYYY/MM/dd/HH");
    config.put("partition.duration.ms", "60000");
    config.put("locale", "en-US");
    config.put("timezone", zone);
    return config;
  }

  private static RestorePlan plan(
      Map<String, String> config, InMemoryLister lister, PlanRequest request) {
    return RestorePartitioners.create(config).plan(lister, request);
  }

  private static List<Long> offsets(PartitionStream stream) {
    return stream.objects().stream().map(BackupObject::startOffset).toList();
  }

  @Test
  void aTimeBasedBackupOfOneTopicGivesOneOrderedStreamPerKafkaPartition() {
    InMemoryLister lister = new InMemoryLister(3);
    // Four partitions side by side in each hour folder; partition 3 has a late record: offset 7
    // was written to an earlier hour than offset 5.
    for (int hour = 10; hour < 13; hour++) {
      for (int p = 0; p < 4; p++) {
        lister.add(
            String.format(
                "topics/customerst/2025/05/16/%02d/customerst+%d+%010d.avro", hour, p, hour * 2));
      }
    }
    lister.add("topics/customerst/2025/05/16/09/customerst+3+0000000031.avro");

    RestorePlan plan =
        plan(timeBased("Europe/Madrid"), lister, PlanRequest.everything(BackupFormat.AVRO));

    assertThat(plan.streams())
        .extracting(PartitionStream::topicPartition)
        .containsExactly(
            new TopicPartition("customerst", 0),
            new TopicPartition("customerst", 1),
            new TopicPartition("customerst", 2),
            new TopicPartition("customerst", 3));
    assertThat(offsets(plan.streams().get(0))).containsExactly(20L, 22L, 24L);
    assertThat(offsets(plan.streams().get(3))).containsExactly(20L, 22L, 24L, 31L);
    BackupObject late = plan.streams().get(3).objects().get(3);
    assertThat(late.bucket())
        .contains(
            TimeInterval.between(
                Instant.parse("2025-05-16T07:00:00Z"), Instant.parse("2025-05-16T08:00:00Z")));
  }

  @Test
  void ordersPartitionsAndOffsetsAsNumbers() {
    InMemoryLister lister = new InMemoryLister();
    lister.add(
        "topics/t/partition=10/t+10+0000000000.avro",
        "topics/t/partition=9/t+9+0000000000.avro",
        "topics/t/partition=2/t+2+9999999999.avro",
        "topics/t/partition=2/t+2+10000000000.avro",
        "topics/t/partition=2/t+2+0000000100.avro");

    RestorePlan plan = plan(Map.of(), lister, PlanRequest.everything(BackupFormat.AVRO));

    assertThat(plan.streams())
        .extracting(s -> s.topicPartition().partition())
        .containsExactly(2, 9, 10);
    assertThat(offsets(plan.streams().get(0))).containsExactly(100L, 9999999999L, 10000000000L);
  }

  @Test
  void attachesCompanionsAndSetsAsideWhatDoesNotBelong() {
    InMemoryLister lister = new InMemoryLister();
    lister.add(
        "topics/orders/partition=0/orders+0+0000000000.avro",
        "topics/orders/partition=0/orders+0+0000000000.keys.avro",
        "topics/orders/partition=0/orders+0+0000000000.headers.avro",
        "topics/orders/partition=0/orders+0+0000000010.avro",
        "topics/orders/partition=0/orders+0+0000000010.keys.json",
        "topics/orders/partition=0/orders+0+0000000020.json",
        "topics/orders/partition=0/orders+0+0000000030.snappy.parquet",
        "topics/orders/partition=0/orders+0+0000000040.headers.avro",
        "topics/orders/partition=0/payments+0+0000000000.avro",
        "topics/orders/partition=0/_SUCCESS",
        "topics/orders/partition=0/notes.txt");

    RestorePlan plan = plan(Map.of(), lister, PlanRequest.everything(BackupFormat.AVRO));

    assertThat(plan.streams()).hasSize(1);
    List<BackupObject> objects = plan.streams().get(0).objects();
    assertThat(objects).extracting(BackupObject::startOffset).containsExactly(0L, 10L);
    assertThat(objects.get(0).keys().orElseThrow().key())
        .isEqualTo("topics/orders/partition=0/orders+0+0000000000.keys.avro");
    assertThat(objects.get(0).headers().orElseThrow().key())
        .isEqualTo("topics/orders/partition=0/orders+0+0000000000.headers.avro");
    assertThat(objects.get(1).keys().orElseThrow().format()).isEqualTo(BackupFormat.JSON);
    assertThat(objects.get(1).headers()).isEmpty();
    assertThat(plan.stats().objectsListed()).isEqualTo(11);
    assertThat(plan.stats().valueObjects()).isEqualTo(2);
    assertThat(plan.stats().companions()).isEqualTo(3);
    assertThat(plan.stats().otherFormat()).isEqualTo(2);
    assertThat(plan.stats().orphanCompanions()).isEqualTo(1);
    assertThat(plan.stats().misplaced()).isEqualTo(1);
    assertThat(plan.stats().unrecognised()).isEqualTo(2);
  }

  @Test
  void readsEmptyAndMultiLevelTopicsDirs() {
    InMemoryLister flat = new InMemoryLister();
    flat.add(
        "orders/partition=0/orders+0+0000000000.avro",
        "my.topic_v2-x/partition=1/my.topic_v2-x+1+0000000000.avro");
    RestorePlan atTop =
        plan(Map.of("topics.dir", ""), flat, PlanRequest.everything(BackupFormat.AVRO));
    assertThat(atTop.streams())
        .extracting(PartitionStream::topicPartition)
        .containsExactly(new TopicPartition("my.topic_v2-x", 1), new TopicPartition("orders", 0));

    InMemoryLister deep = new InMemoryLister();
    deep.add(
        "backups/prod/orders/partition=0/orders+0+0000000000.avro",
        "backups/staging/orders/partition=0/orders+0+0000000000.avro");
    RestorePlan underTwoLevels =
        plan(Map.of("topics.dir", "backups/prod"), deep, PlanRequest.everything(BackupFormat.AVRO));
    assertThat(underTwoLevels.objectCount()).isEqualTo(1);
    assertThat(underTwoLevels.streams().get(0).objects().get(0).objectKey())
        .startsWith("backups/prod/");
  }

  @Test
  void fieldLayoutsGroupEveryFieldFolderByKafkaPartition() {
    InMemoryLister lister = new InMemoryLister();
    lister.add(
        "topics/orders/country=ES/city=null/orders+1+0000000004.avro",
        "topics/orders/country=FR/city=Paris/orders+1+0000000002.avro",
        "topics/orders/country=ES/city=Madrid/orders+0+0000000000.avro");

    RestorePlan plan =
        plan(
            Map.of(
                "partitioner.class",
                SINK + "FieldPartitioner",
                "partition.field.name",
                "country,city"),
            lister,
            PlanRequest.everything(BackupFormat.AVRO));

    assertThat(plan.streams()).hasSize(2);
    assertThat(offsets(plan.streams().get(1))).containsExactly(2L, 4L);
  }

  @Test
  void filtersTopicsByListOrRegexAndStreamsByPartition() {
    InMemoryLister lister = new InMemoryLister();
    lister.add(
        "topics/orders/partition=0/orders+0+0000000000.avro",
        "topics/orders/partition=1/orders+1+0000000000.avro",
        "topics/orders-dlq/partition=0/orders-dlq+0+0000000000.avro",
        "topics/payments/partition=0/payments+0+0000000000.avro");
    PlanRequest all = PlanRequest.everything(BackupFormat.AVRO);

    assertThat(
            plan(
                    Map.of(),
                    lister,
                    all.withTopics(TopicFilter.matching(Pattern.compile("orders.*"))))
                .streams())
        .hasSize(3);
    lister.resetCalls();
    RestorePlan listed =
        plan(Map.of(), lister, all.withTopics(TopicFilter.of(List.of("payments"))));
    assertThat(listed.streams()).hasSize(1);
    assertThat(lister.listedPrefixes()).containsExactly("topics/payments/");
    assertThat(
            plan(Map.of(), lister, all.onlyPartitions(Set.of(new TopicPartition("orders", 1))))
                .streams())
        .extracting(PartitionStream::topicPartition)
        .containsExactly(new TopicPartition("orders", 1));
  }

  @Test
  void hourlyAndDailyLayoutsPruneByTheirPresetFolders() {
    InMemoryLister lister = new InMemoryLister();
    lister.add(
        "topics/t/year=2025/month=05/day=16/hour=13/t+0+0000000000.avro",
        "topics/t/year=2025/month=05/day=16/hour=14/t+0+0000000001.avro",
        "topics/t/year=2025/month=05/day=17/hour=00/t+0+0000000002.avro");
    TimeInterval window =
        TimeInterval.between(
            Instant.parse("2025-05-16T14:10:00Z"), Instant.parse("2025-05-16T14:20:00Z"));

    RestorePlan hourly =
        plan(
            Map.of("partitioner.class", SINK + "HourlyPartitioner", "timezone", "UTC"),
            lister,
            PlanRequest.everything(BackupFormat.AVRO).withWindow(window));
    assertThat(offsets(hourly.streams().get(0))).containsExactly(1L);

    InMemoryLister days = new InMemoryLister();
    days.add(
        "topics/t/year=2025/month=05/day=16/t+0+0000000000.avro",
        "topics/t/year=2025/month=05/day=17/t+0+0000000001.avro");
    RestorePlan daily =
        plan(
            Map.of("partitioner.class", SINK + "DailyPartitioner", "timezone", "UTC"),
            days,
            PlanRequest.everything(BackupFormat.AVRO).withWindow(window));
    assertThat(offsets(daily.streams().get(0))).containsExactly(0L);
  }

  @Test
  void foldersThatDoNotFitThePathFormatAreReadWholeWhateverTheWindow() {
    InMemoryLister lister = new InMemoryLister();
    lister.add(
        "topics/t/2025/05/16/13/t+0+0000000000.avro",
        "topics/t/tombstone/t+0+0000000001.avro",
        "topics/t/2025/05/17/13/t+0+0000000002.avro");
    TimeInterval window =
        TimeInterval.between(
            Instant.parse("2025-05-16T13:00:00Z"), Instant.parse("2025-05-16T14:00:00Z"));

    RestorePlan plan =
        plan(
            timeBased("UTC"), lister, PlanRequest.everything(BackupFormat.AVRO).withWindow(window));

    assertThat(offsets(plan.streams().get(0))).containsExactly(0L, 1L);
  }

  @Test
  void keysOnlyObjectsOfTheTombstoneFolderAreTombstonesMergedByStartOffset() {
    InMemoryLister lister = new InMemoryLister(2);
    lister.add(
        "topics/t/partition=0/t+0+0000000000.avro",
        "topics/t/partition=0/t+0+0000000000.keys.avro",
        "topics/t/tombstone/t+0+0000000001.keys.avro",
        "topics/t/tombstone/t+0+0000000001.headers.avro",
        "topics/t/partition=0/t+0+0000000002.avro",
        "topics/t/partition=0/t+0+0000000002.keys.avro",
        "topics/t/tombstone/t+1+0000000000.keys.avro",
        // A keys object without a value object outside the tombstone folder is an orphan.
        "topics/t/partition=0/t+0+0000000005.keys.avro",
        // So is a headers object in the tombstone folder without its keys object.
        "topics/t/tombstone/t+0+0000000007.headers.avro");

    RestorePlan plan = plan(Map.of(), lister, PlanRequest.everything(BackupFormat.AVRO));

    assertThat(plan.streams()).hasSize(2);
    List<BackupObject> objects = plan.streams().get(0).objects();
    assertThat(objects).extracting(BackupObject::startOffset).containsExactly(0L, 1L, 2L);
    assertThat(objects).extracting(BackupObject::isTombstone).containsExactly(false, true, false);
    BackupObject tombstone = objects.get(1);
    assertThat(tombstone.objectKey()).isEqualTo("topics/t/tombstone/t+0+0000000001.keys.avro");
    assertThat(tombstone.keys()).isEmpty();
    assertThat(tombstone.headers().orElseThrow().key())
        .isEqualTo("topics/t/tombstone/t+0+0000000001.headers.avro");
    assertThat(plan.streams().get(1).objects()).allMatch(BackupObject::isTombstone);
    assertThat(plan.stats().tombstoneObjects()).isEqualTo(2);
    assertThat(plan.stats().valueObjects()).isEqualTo(2);
    assertThat(plan.stats().companions()).isEqualTo(3);
    assertThat(plan.stats().orphanCompanions()).isEqualTo(2);
  }

  @Test
  void theTombstoneFolderIsTheOneTombstoneEncodedPartitionNames() {
    InMemoryLister lister = new InMemoryLister();
    lister.add(
        "topics/t/partition=0/t+0+0000000000.avro",
        "topics/t/deleted/t+0+0000000001.keys.avro",
        "topics/t/tombstone/t+0+0000000002.keys.avro");

    RestorePlan plan =
        plan(
            Map.of("tombstone.encoded.partition", "deleted"),
            lister,
            PlanRequest.everything(BackupFormat.AVRO));

    assertThat(offsets(plan.streams().get(0))).containsExactly(0L, 1L);
    assertThat(plan.stats().tombstoneObjects()).isEqualTo(1);
    assertThat(plan.stats().orphanCompanions()).isEqualTo(1);
  }

  @Test
  void aTimeBasedLayoutReadsItsTombstoneFolderWholeWhateverTheWindow() {
    InMemoryLister lister = new InMemoryLister();
    lister.add(
        "topics/t/2025/05/16/13/t+0+0000000000.avro",
        "topics/t/2025/05/16/13/t+0+0000000000.keys.avro",
        "topics/t/tombstone/t+0+0000000001.keys.avro",
        "topics/t/2025/05/16/13/t+0+0000000002.avro",
        "topics/t/2025/05/16/13/t+0+0000000002.keys.avro",
        "topics/t/2025/05/17/13/t+0+0000000003.avro",
        "topics/t/2025/05/17/13/t+0+0000000003.keys.avro");
    TimeInterval window =
        TimeInterval.between(
            Instant.parse("2025-05-16T13:00:00Z"), Instant.parse("2025-05-16T14:00:00Z"));

    RestorePlan plan =
        plan(
            timeBased("UTC"), lister, PlanRequest.everything(BackupFormat.AVRO).withWindow(window));

    List<BackupObject> objects = plan.streams().get(0).objects();
    assertThat(objects).extracting(BackupObject::startOffset).containsExactly(0L, 1L, 2L);
    assertThat(objects.get(1).isTombstone()).isTrue();
    assertThat(objects.get(1).bucket()).isEmpty();
    assertThat(plan.stats().foldersPruned()).isPositive();
  }
}
