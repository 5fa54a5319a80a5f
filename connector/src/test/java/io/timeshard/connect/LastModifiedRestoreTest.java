package io.timeshard.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeshard.connect.format.json.JsonRecordFormat;
import io.timeshard.connect.restore.TaskServices;
import io.timeshard.connect.testing.InMemoryStore;
import io.timeshard.connect.testing.TaskHarness;
import io.timeshard.partitioner.LastModifiedPruning;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.listing.ListedObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code restore.start} set, the objects last modified before it (less the tolerance) are
 * never opened, and the window's records are restored exactly, whatever the layout.
 */
class LastModifiedRestoreTest {

  private static final String SINK = "io.confluent.connect.storage.partitioner.";
  private static final Instant FIRST = Instant.parse("2025-11-14T00:00:00Z");
  private static final Instant START = Instant.parse("2025-11-15T10:30:00Z");
  private static final Instant END = START.plus(Duration.ofHours(1));
  private static final Duration EVERY = Duration.ofMinutes(15);
  private static final Duration UPLOAD = Duration.ofSeconds(20);
  private static final int OBJECTS = 2 * 24 * 4;
  private static final DateTimeFormatter HOUR_FOLDER =
      DateTimeFormatter.ofPattern("'year='yyyy/'month='MM/'day='dd/'hour='HH")
          .withZone(ZoneOffset.UTC);

  private TaskHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.stop();
    }
  }

  private static Instant recordTime(int index) {
    return FIRST.plus(EVERY.multipliedBy(index));
  }

  private static String record(int partition, int index) {
    return String.format(
        "{\"id\":\"p%d-%d\",\"ts\":%d}%n", partition, index, recordTime(index).toEpochMilli());
  }

  /**
   * Two days, one record per object every 15 minutes in each of two partitions, each object
   * uploaded 20 seconds after its record was produced; {@code folder} names the sink's folder.
   */
  private static Map<String, Instant> backup(
      InMemoryStore store, boolean withDates, FolderOf folder) {
    Map<String, Instant> uploaded = new HashMap<>();
    for (int p = 0; p < 2; p++) {
      for (int i = 0; i < OBJECTS; i++) {
        String key =
            String.format("topics/t/%s/t+%d+%010d.json", folder.of(p, recordTime(i)), p, i);
        Instant modified = recordTime(i).plus(UPLOAD);
        if (withDates) {
          store.put(key, record(p, i), modified);
        } else {
          store.put(key, record(p, i));
        }
        uploaded.put(key, modified);
      }
    }
    return uploaded;
  }

  private interface FolderOf {
    String of(int partition, Instant time);
  }

  private static final FolderOf DEFAULT_FOLDERS = (p, time) -> "partition=" + p;
  private static final FolderOf HOUR_FOLDERS = (p, time) -> HOUR_FOLDER.format(time);

  private static Map<String, String> props(String partitionerClass) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "unit");
    props.put("store.url", "memory://test");
    props.put("partitioner.class", SINK + partitionerClass);
    props.put("locale", "en-US");
    props.put("timezone", "UTC");
    props.put("timestamp.extractor", "Record");
    // The only task: every stream of the backup.
    props.put(RestoreSourceTaskConfig.TASK_ID_CONFIG, "0");
    props.put(RestoreSourceTaskConfig.TASK_COUNT_CONFIG, "1");
    props.put("restore.start", START.toString());
    props.put("restore.end", END.toString());
    props.put("restore.timestamp.field", "ts");
    return props;
  }

  private static TaskServices jsonServices(InMemoryStore store) {
    JsonRecordFormat json = new JsonRecordFormat(false);
    return new TaskServices(
        store, format -> json, BackupFormat.JSON, key -> key, headers -> new ConnectHeaders());
  }

  private List<String> restore(InMemoryStore store, Map<String, String> props) throws Exception {
    harness = new TaskHarness(store);
    RestoreSourceTask task = harness.start(props, jsonServices(store));
    List<SourceRecord> records = harness.pollRecords(8, 10_000);
    // The objects after the window are read too (and their records dropped): poll until every
    // object is done, so that the objects opened are counted at the end, however slow the machine.
    long deadline = System.currentTimeMillis() + 30_000;
    while (!task.prefetcher().partitions().stream().allMatch(task.prefetcher()::isIdle)
        && System.currentTimeMillis() < deadline) {
      records.addAll(harness.pollRecords(1, 100));
    }
    // Nothing more comes: the window holds four records of each partition.
    records.addAll(harness.pollRecords(1, 300));
    List<String> ids = new ArrayList<>();
    for (SourceRecord record : records) {
      ids.add((String) ((Map<?, ?>) record.value()).get("id"));
    }
    return ids;
  }

  /** The records of 10:30, 10:45, 11:00 and 11:15 on the second day, of both partitions. */
  private static List<String> windowIds() {
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      for (int i = 0; i < OBJECTS; i++) {
        Instant time = recordTime(i);
        if (!time.isBefore(START) && time.isBefore(END)) {
          ids.add("p" + p + "-" + i);
        }
      }
    }
    return ids;
  }

  private static void assertNothingOpenedBeforeTheCutoff(
      InMemoryStore store, Map<String, Instant> uploaded) {
    Instant cutoff = START.minus(Duration.ofMinutes(5));
    assertThat(store.openedKeys).isNotEmpty();
    assertThat(store.openedKeys)
        .allSatisfy(key -> assertThat(uploaded.get(key)).as(key).isAfterOrEqualTo(cutoff));
  }

  @Test
  void aDefaultLayoutBackupOpensNoObjectFromBeforeTheWindow() throws Exception {
    InMemoryStore store = new InMemoryStore(50);
    Map<String, Instant> uploaded = backup(store, true, DEFAULT_FOLDERS);

    List<String> ids = restore(store, props("DefaultPartitioner"));

    assertThat(ids).containsExactlyInAnyOrderElementsOf(windowIds());
    assertNothingOpenedBeforeTheCutoff(store, uploaded);
    // From 10:30 on: the rest of the second day is read (no pruning against the end), the day
    // and a half before it is not.
    assertThat(store.openedKeys).hasSize(2 * (OBJECTS - (24 + 10) * 4 - 2));
  }

  @Test
  void insideATimeBasedEdgeFolderOnlyTheObjectsFromTheWindowAreOpened() throws Exception {
    InMemoryStore store = new InMemoryStore(50);
    Map<String, Instant> uploaded = backup(store, true, HOUR_FOLDERS);

    List<String> ids = restore(store, props("HourlyPartitioner"));

    assertThat(ids).containsExactlyInAnyOrderElementsOf(windowIds());
    assertNothingOpenedBeforeTheCutoff(store, uploaded);
    // Folder 10 is cut by the window's start: its objects of 10:00 and 10:15 are set aside, those
    // of 10:30 and 10:45 read; folder 11 is cut by the end and read whole.
    TreeSet<String> opened = new TreeSet<>(store.openedKeys);
    assertThat(opened)
        .hasSize(2 * 6)
        .allMatch(key -> key.contains("/day=15/hour=10/") || key.contains("/day=15/hour=11/"));
    assertThat(opened).noneMatch(key -> key.endsWith("+0000000136.json"));
    assertThat(opened).noneMatch(key -> key.endsWith("+0000000137.json"));
  }

  @Test
  void withPruningOffEveryObjectFromTheStartOfTheBackupIsOpened() throws Exception {
    InMemoryStore store = new InMemoryStore(50);
    backup(store, true, DEFAULT_FOLDERS);
    Map<String, String> props = props("DefaultPartitioner");
    props.put(RestoreSourceConfig.LAST_MODIFIED_PRUNING_CONFIG, "false");

    List<String> ids = restore(store, props);

    assertThat(ids).containsExactlyInAnyOrderElementsOf(windowIds());
    assertThat(store.openedKeys).hasSize(2 * OBJECTS);
  }

  @Test
  void aStoreThatListsNoLastModifiedPrunesNothingAndFailsNothing() throws Exception {
    InMemoryStore store = new InMemoryStore(50);
    backup(store, false, DEFAULT_FOLDERS);

    List<String> ids = restore(store, props("DefaultPartitioner"));

    assertThat(ids).containsExactlyInAnyOrderElementsOf(windowIds());
    assertThat(store.openedKeys).hasSize(2 * OBJECTS);
  }

  @Test
  void theToleranceIsAKey() throws Exception {
    InMemoryStore store = new InMemoryStore(50);
    Map<String, Instant> uploaded = backup(store, true, DEFAULT_FOLDERS);
    Map<String, String> props = props("DefaultPartitioner");
    // 10:30 less 35 minutes: the objects of 10:00 and 10:15 (uploaded 20 s later) are read too.
    props.put(
        RestoreSourceConfig.LAST_MODIFIED_TOLERANCE_MS_CONFIG,
        Long.toString(Duration.ofMinutes(35).toMillis()));

    List<String> ids = restore(store, props);

    assertThat(ids).containsExactlyInAnyOrderElementsOf(windowIds());
    assertThat(store.openedKeys).hasSize(2 * (OBJECTS - (24 + 10) * 4));
    assertThat(store.openedKeys)
        .allSatisfy(
            key ->
                assertThat(uploaded.get(key))
                    .isAfterOrEqualTo(START.minus(Duration.ofMinutes(35))));
  }

  @Test
  void theCutoffIsTheStartLessTheToleranceToTheMillisecond() {
    InMemoryStore store = new InMemoryStore();
    Map<String, String> props = props("DefaultPartitioner");
    props.put(RestoreSourceConfig.LAST_MODIFIED_TOLERANCE_MS_CONFIG, "1000");
    LastModifiedPruning pruning = new RestoreSourceConfig(props).lastModifiedPruning(store);
    Instant cutoff = START.minusMillis(1000);

    assertThat(pruning.prunes(listed(cutoff.minusMillis(1)))).isTrue();
    assertThat(pruning.prunes(listed(cutoff))).isFalse();
    assertThat(pruning.prunes(listed(cutoff.plusMillis(1)))).isFalse();

    props.remove("restore.start");
    assertThat(new RestoreSourceConfig(props).lastModifiedPruning(store))
        .isSameAs(LastModifiedPruning.NONE);
    props.put("restore.start", START.toString());
    props.put(RestoreSourceConfig.LAST_MODIFIED_PRUNING_CONFIG, "false");
    assertThat(new RestoreSourceConfig(props).lastModifiedPruning(store))
        .isSameAs(LastModifiedPruning.NONE);
  }

  @Test
  void theDefaultToleranceIsFiveMinutes() {
    LastModifiedPruning pruning =
        new RestoreSourceConfig(props("DefaultPartitioner"))
            .lastModifiedPruning(new InMemoryStore());

    assertThat(pruning.cutoff()).contains(START.minus(Duration.ofMinutes(5)));
  }

  private static ListedObject listed(Instant lastModified) {
    return new ListedObject("topics/t/partition=0/t+0+0000000000.json", 10, lastModified);
  }
}
