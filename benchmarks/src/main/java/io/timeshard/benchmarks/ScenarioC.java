package io.timeshard.benchmarks;

import io.timeshard.benchmarks.Benchmarks.Bench;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStores;
import io.timeshard.fixtures.BackupRecord;
import io.timeshard.fixtures.BackupWriter;
import io.timeshard.fixtures.Layout;
import io.timeshard.fixtures.SinkFormat;
import io.timeshard.fixtures.TimestampExtractor;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.quickstart.LicensedStrategyBaseline;
import io.timeshard.quickstart.LocalFolderBackup;
import io.timeshard.quickstart.MeasuredObjectStore;
import io.timeshard.quickstart.MeasuredStoreProvider;
import io.timeshard.quickstart.RestoreRun;
import io.timeshard.quickstart.ShoeCustomers;
import io.timeshard.quickstart.StoreCalls;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.joda.time.DateTimeZone;

/**
 * Scenario C, a time window: 30 days of hourly folders ({@code HourlyPartitioner}, UTC), 4
 * partitions, one object per partition and hour; one hour restored. The LIST calls and objects
 * read, counted by a {@link MeasuredObjectStore}, against a full scan by the licensed connectors'
 * strategy, which must read every object to drop what lies outside the window.
 */
final class ScenarioC {

  private static final int PARTITIONS = 4;
  private static final int RECORDS_PER_HOUR = 12;
  private static final Instant FIRST = Instant.parse("2025-10-01T00:00:00Z");
  private static final String TOPIC = "shoe-customers-hourly";

  private final Bench bench;

  ScenarioC(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    int days = bench.options().cDays();
    int hours = days * 24;
    int windowHour = Math.min(hours - 1, 14 * 24 + 10);
    Instant windowStart = FIRST.plus(windowHour, ChronoUnit.HOURS);
    Instant windowEnd = windowStart.plus(1, ChronoUnit.HOURS);
    String scenario =
        String.format(Locale.ROOT, "C: %d days of hourly folders, 1 hour restored", days);
    try (LocalFolderBackup local = LocalFolderBackup.create("timeshard-bench-c-")) {
      long started = System.nanoTime();
      int objects = write(local, hours);
      bench.log(
          "C: wrote %,d objects in %,d hourly folders in %.1f s",
          objects, hours, (System.nanoTime() - started) / 1e9);
      String folder =
          String.format(
              Locale.ROOT,
              "year=%tY/month=%<tm/day=%<td/hour=%<tH/",
              java.util.Date.from(windowStart));
      // The restore of the window, through the connector on the worker, every call counted.
      Map<String, String> store =
          MeasuredStoreProvider.around(local.connectorConfig(), "file", 0, "c-window");
      RestoreRun.Result result = restoreWindow(store, windowStart, windowEnd, windowHour);
      StoreCalls window = StoreCalls.named("c-window");
      long outside = window.keysRead().stream().filter(key -> !key.contains("/" + folder)).count();
      // The licensed strategy's full scan: every folder listed, every object listed and read.
      StoreCalls full = StoreCalls.named("c-full");
      try (ObjectStore counted =
          ObjectStores.open(
              MeasuredStoreProvider.around(local.connectorConfig(), "file", 0, "c-full"))) {
        new LicensedStrategyBaseline(counted, null, null)
            .run("topics/" + TOPIC + "/", Long.MAX_VALUE);
      }
      // One plan of Timeshard without a window, for scale.
      long unwindowedLists;
      try (ObjectStore plain = ObjectStores.open(local.connectorConfig())) {
        RestorePlan plan =
            RestorePartitioners.create(partitionerConfig())
                .plan(plain, PlanRequest.everything(BackupFormat.AVRO));
        unwindowedLists = plan.stats().listCalls();
      }
      double share = (double) window.lists() / full.lists();
      bench
          .results()
          .add(
              scenario,
              "local folder",
              "full scan: licensed strategy",
              String.format(
                  Locale.ROOT,
                  "%s LIST calls, %s objects read",
                  Results.count(full.lists()),
                  Results.count(full.gets())));
      bench
          .results()
          .add(
              scenario,
              "local folder",
              "Timeshard, no window: one plan",
              Results.count(unwindowedLists)
                  + " LIST calls (a local folder lists in one page; objects read: all)");
      bench
          .results()
          .add(
              scenario,
              "local folder",
              "Timeshard, 1-hour window, tasks.max=4",
              String.format(
                  Locale.ROOT,
                  "%s LIST calls (connector and tasks), %s objects read, %d outside the window;"
                      + " %s records in %s, order %s",
                  Results.count(window.lists()),
                  Results.count(window.keysRead().size()),
                  outside,
                  Results.count(result.total()),
                  Results.seconds(result.seconds()),
                  result.allInOrder() ? "kept" : "WRONG"),
              String.format(
                  Locale.ROOT,
                  "<= 2%% of the full scan's LIST calls (%.2f%%), none read outside",
                  share * 100),
              share <= 0.02 && outside == 0 && result.allInOrder());
    }
  }

  private int write(LocalFolderBackup local, int hours) throws Exception {
    long perPartition = (long) hours * RECORDS_PER_HOUR;
    long step = 3_600_000L / RECORDS_PER_HOUR;
    try (BackupWriter writer =
        BackupWriter.to(local.sink())
            .layout(Layout.hourly(Locale.US, DateTimeZone.UTC, TimestampExtractor.record()))
            .format(SinkFormat.AVRO)
            .flushSize(RECORDS_PER_HOUR)
            .build()) {
      for (long i = 0; i < perPartition; i++) {
        for (int p = 0; p < PARTITIONS; p++) {
          writer.write(
              BackupRecord.of(TOPIC, p, i)
                  .timestamp(FIRST.toEpochMilli() + i * step)
                  .value(ShoeCustomers.VALUE_SCHEMA, ShoeCustomers.value(p, i))
                  .build());
        }
      }
      writer.flush();
      return writer.keys().size();
    }
  }

  private static Map<String, String> partitionerConfig() {
    Map<String, String> config = new HashMap<>();
    config.put("partitioner.class", "io.confluent.connect.storage.partitioner.HourlyPartitioner");
    config.put("locale", "en-US");
    config.put("timezone", "UTC");
    config.put("timestamp.extractor", "Record");
    return config;
  }

  private RestoreRun.Result restoreWindow(
      Map<String, String> store, Instant start, Instant end, int windowHour) throws Exception {
    String destination = "bench-c-window";
    Map<String, String> config = new HashMap<>(partitionerConfig());
    config.put("connector.class", "io.timeshard.connect.RestoreSourceConnector");
    config.put("tasks.max", Integer.toString(PARTITIONS));
    config.put("format.class", "io.confluent.connect.gcs.format.avro.AvroFormat");
    config.put("restore.topics", TOPIC);
    config.put("restore.start", start.toString());
    config.put("restore.end", end.toString());
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("transforms", "rename");
    config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.rename.regex", TOPIC);
    config.put("transforms.rename.replacement", destination);
    config.putAll(store);
    Map<Integer, Long> expected = new TreeMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      expected.put(p, (long) RECORDS_PER_HOUR);
    }
    long first = (long) windowHour * RECORDS_PER_HOUR;
    RestoreRun.Result result =
        new RestoreRun(bench.cluster())
            .timeout(Duration.ofMinutes(5))
            .run(
                destination,
                config,
                destination,
                expected,
                partition -> index -> ShoeCustomers.id(partition, first + index));
    bench.log("C: restored %,d records of the window in %.1f s", result.total(), result.seconds());
    return result;
  }
}
