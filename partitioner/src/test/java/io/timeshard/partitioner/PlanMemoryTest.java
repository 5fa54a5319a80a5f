package io.timeshard.partitioner;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.partitioner.listing.ListingPage;
import io.timeshard.partitioner.listing.ObjectLister;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plan holds a few primitive values per object, not an object per object. */
class PlanMemoryTest {

  private static final int OBJECTS = 1_000_000;
  private static final int PARTITIONS = 12;
  private static final int PAGE = 5000;
  private static final long START = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

  /**
   * A time-based backup generated as it is listed: one object per partition per minute, in hour
   * folders, in key order within each hour.
   */
  static final class GeneratedBackup implements ObjectLister {
    final int objects;

    GeneratedBackup(int objects) {
      this.objects = objects;
    }

    /** The i-th key in listing order: hour by hour, partition by partition, minute by minute. */
    String key(int i) {
      int perHour = PARTITIONS * 60;
      int hour = i / perHour;
      int partition = (i % perHour) / 60;
      int minute = i % 60;
      long offset = hour * 60L + minute;
      String folder = HOUR.format(Instant.ofEpochMilli(START + hour * 3_600_000L));
      return "topics/clicks/"
          + folder
          + "/clicks+"
          + partition
          + "+"
          + String.format("%010d", offset)
          + ".avro";
    }

    @Override
    public ListingPage list(String prefix, String delimiter, String pageToken) {
      if (delimiter != null) {
        return ListingPage.last(List.of("topics/clicks/"), List.of());
      }
      int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
      int to = Math.min(objects, from + PAGE);
      List<ListedObject> page = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        page.add(new ListedObject(key(i), 200, Instant.EPOCH));
      }
      return new ListingPage(List.of(), page, to < objects ? String.valueOf(to) : null);
    }
  }

  private static RestorePlan plan(int objects) {
    Map<String, String> config =
        Map.of(
            "partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
            "path.format", "YYYY/MM/dd/HH",
            "partition.duration.ms", "60000",
            "locale", "en-US",
            "timezone", "UTC",
            // The generated lister answers flat listings only: one chain of pages.
            "restore.list.concurrency", "1");
    return RestorePartitioners.create(config)
        .plan(new GeneratedBackup(objects), PlanRequest.everything(BackupFormat.AVRO));
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  @Test
  void aMillionObjectPlanHoldsAtMost64BytesPerObject() throws Exception {
    long before = usedHeapAfterGc();
    RestorePlan plan = plan(OBJECTS);
    long after = usedHeapAfterGc();

    assertThat(plan.objectCount()).isEqualTo(OBJECTS);
    assertThat(plan.streams()).hasSize(PARTITIONS);
    long arrays = plan.streams().stream().mapToLong(PartitionStream::arrayBytes).sum();
    double measured = (double) (after - before) / OBJECTS;
    System.out.printf(
        "Plan of %d objects: %.1f bytes per object in its arrays, %.1f bytes per object retained"
            + " (heap after GC)%n",
        OBJECTS, (double) arrays / OBJECTS, measured);
    assertThat(arrays / OBJECTS).isLessThanOrEqualTo(64);
    assertThat(measured).isLessThanOrEqualTo(64);
    // The compact objects read back exactly.
    PartitionStream first = plan.streams().get(0);
    assertThat(first.objects().get(61).objectKey())
        .isEqualTo("topics/clicks/2025/01/01/01/clicks+0+0000000061.avro");
    assertThat(first.objects().get(61).bucket().orElseThrow().startMillis())
        .isEqualTo(START + 3_600_000L);
  }
}
