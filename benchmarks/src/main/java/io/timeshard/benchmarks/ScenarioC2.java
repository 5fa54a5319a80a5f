package io.timeshard.benchmarks;

import io.timeshard.benchmarks.Benchmarks.Bench;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStores;
import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.Layout;
import io.timeshard.fixtures.SinkFormat;
import io.timeshard.partitioner.listing.ListedObject;
import io.timeshard.quickstart.LocalFolderBackup;
import io.timeshard.quickstart.MeasuredStoreProvider;
import io.timeshard.quickstart.RestoreRun;
import io.timeshard.quickstart.ShoeCustomers;
import io.timeshard.quickstart.StoreCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Struct;

/**
 * Scenario C2, a time window in a layout without time folders: 30 days of a {@code
 * DefaultPartitioner} backup, one record per object ({@code flush.size=1}), one object every 15
 * minutes in each of 4 partitions, each object's {@code lastModified} (the file's modification
 * time) set to its record's time; the last hour restored with {@code restore.start}, {@code
 * restore.end} and {@code restore.timestamp.field}. The objects read and GET calls, counted by a
 * {@link MeasuredObjectStore}, against the same restore reading every object, as it must with
 * {@code restore.last.modified.pruning=false}.
 */
final class ScenarioC2 {

  private static final int PARTITIONS = 4;
  private static final Duration EVERY = Duration.ofMinutes(15);
  private static final int PER_HOUR = 4;
  private static final Instant FIRST = Instant.parse("2025-10-01T00:00:00Z");
  private static final String TOPIC = "shoe-customers-default";

  private final Bench bench;

  ScenarioC2(Bench bench) {
    this.bench = bench;
  }

  private static Instant time(long index) {
    return FIRST.plus(EVERY.multipliedBy(index));
  }

  void run() throws Exception {
    int days = bench.options().cDays();
    int perPartition = days * 24 * PER_HOUR;
    Instant windowStart = time(perPartition - PER_HOUR);
    Instant windowEnd = time(perPartition);
    String scenario =
        String.format(
            Locale.ROOT,
            "C2: %d days, default layout, an object per 15 min and partition, last hour restored",
            days);
    try (LocalFolderBackup local = LocalFolderBackup.create("timeshard-bench-c2-")) {
      long started = System.nanoTime();
      int objects = write(local, perPartition);
      bench.log(
          "C2: wrote %,d objects, each dated by its record, in %.1f s",
          objects, (System.nanoTime() - started) / 1e9);
      checkTheStoreListsTheDates(local);

      RestoreRun.Result pruned =
          restoreWindow(local, "c2-window", windowStart, windowEnd, perPartition, true);
      RestoreRun.Result full =
          restoreWindow(local, "c2-full", windowStart, windowEnd, perPartition, false);
      StoreCalls window = StoreCalls.named("c2-window");
      StoreCalls everything = StoreCalls.named("c2-full");
      long before =
          window.keysRead().stream()
              .filter(key -> time(offsetOf(key)).isBefore(windowStart.minusSeconds(300)))
              .count();
      double share = (double) window.keysRead().size() / objects;
      boolean exact =
          pruned.total() == PARTITIONS * (long) PER_HOUR
              && pruned.allInOrder()
              && full.total() == pruned.total()
              && full.allInOrder();
      bench
          .results()
          .add(
              scenario,
              "local folder",
              "full read: restore.last.modified.pruning=false, tasks.max=4",
              String.format(
                  Locale.ROOT,
                  "%s objects read, %s GET calls, %s LIST calls; %s records in %s, order %s",
                  Results.count(everything.keysRead().size()),
                  Results.count(everything.gets()),
                  Results.count(everything.lists()),
                  Results.count(full.total()),
                  Results.seconds(full.seconds()),
                  full.allInOrder() ? "kept" : "WRONG"));
      bench
          .results()
          .add(
              scenario,
              "local folder",
              "Timeshard, last hour, pruning by lastModified, tasks.max=4",
              String.format(
                  Locale.ROOT,
                  "%s of %s objects read (%.2f%%), %s GET calls, %s LIST calls, %d from before the"
                      + " window; %s records in %s, order %s",
                  Results.count(window.keysRead().size()),
                  Results.count(objects),
                  share * 100,
                  Results.count(window.gets()),
                  Results.count(window.lists()),
                  before,
                  Results.count(pruned.total()),
                  Results.seconds(pruned.seconds()),
                  pruned.allInOrder() ? "kept" : "WRONG"),
              "<= 2% of the objects read, the window's records exact",
              share <= 0.02 && before == 0 && exact);
    }
  }

  /** The start offset of a key: one record per object, so the record's index. */
  private static long offsetOf(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    String[] parts = name.split("[+.]");
    return Long.parseLong(parts[2]);
  }

  private int write(LocalFolderBackup local, int perPartition) throws Exception {
    List<String> keys;
    try (BackupWriter writer =
        BackupWriter.to(local.sink())
            .layout(Layout.defaultLayout())
            .format(SinkFormat.AVRO)
            .flushSize(1)
            .build()) {
      for (long i = 0; i < perPartition; i++) {
        long millis = time(i).toEpochMilli();
        for (int p = 0; p < PARTITIONS; p++) {
          Struct value = ShoeCustomers.value(p, i).put("event_timestamp", new Date(millis));
          writer.write(
              BackupRecord.of(TOPIC, p, i)
                  .timestamp(millis)
                  .value(ShoeCustomers.VALUE_SCHEMA, value)
                  .build());
        }
      }
      writer.flush();
      keys = writer.keys();
    }
    // The sink uploads each object right after its one record: date the file by the record.
    for (String key : keys) {
      Files.setLastModifiedTime(
          local.sink().pathOf(key), FileTime.from(time(offsetOf(key)).plusSeconds(1)));
    }
    return keys.size();
  }

  /** Fails unless the local store lists each file's modification time as its lastModified. */
  private static void checkTheStoreListsTheDates(LocalFolderBackup local) throws IOException {
    try (ObjectStore store = ObjectStores.open(local.connectorConfig())) {
      List<ListedObject> listed =
          store.list("topics/" + TOPIC + "/partition=0/", "/", null).objects();
      for (ListedObject object : listed) {
        Instant expected = time(offsetOf(object.key())).plusSeconds(1);
        if (!expected.equals(object.lastModified())) {
          throw new IllegalStateException(
              "The local store lists '"
                  + object.key()
                  + "' as last modified at "
                  + object.lastModified()
                  + ", not at "
                  + expected);
        }
      }
    }
  }

  private RestoreRun.Result restoreWindow(
      LocalFolderBackup local,
      String calls,
      Instant start,
      Instant end,
      int perPartition,
      boolean pruning)
      throws Exception {
    String destination = "bench-" + calls;
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.timeshard.connect.RestoreSourceConnector");
    config.put("tasks.max", Integer.toString(PARTITIONS));
    config.put("format.class", "io.confluent.connect.gcs.format.avro.AvroFormat");
    config.put("partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner");
    config.put("restore.topics", TOPIC);
    config.put("restore.start", start.toString());
    config.put("restore.end", end.toString());
    config.put("restore.timestamp.field", "event_timestamp");
    config.put("restore.last.modified.pruning", Boolean.toString(pruning));
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("transforms", "rename");
    config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.rename.regex", TOPIC);
    config.put("transforms.rename.replacement", destination);
    config.putAll(MeasuredStoreProvider.around(local.connectorConfig(), "file", 0, calls));
    Map<Integer, Long> expected = new TreeMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      expected.put(p, (long) PER_HOUR);
    }
    long first = perPartition - PER_HOUR;
    RestoreRun.Result result =
        new RestoreRun(bench.cluster())
            .timeout(Duration.ofMinutes(5))
            .run(
                destination,
                config,
                destination,
                expected,
                partition -> index -> ShoeCustomers.id(partition, first + index));
    bench.log(
        "C2: %s: %,d records of the window in %.1f s",
        pruning ? "pruned by lastModified" : "full read", result.total(), result.seconds());
    return result;
  }
}
