package io.timeshard.benchmarks;

import io.timeshard.benchmarks.Benchmarks.Bench;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioner;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.WatchWindow;
import io.timeshard.partitioner.key.BackupFormat;
import io.timeshard.partitioner.split.StreamWeight;
import io.timeshard.partitioner.split.TaskAssignment;
import io.timeshard.partitioner.split.TaskSplitter;
import io.timeshard.partitioner.time.TimeInterval;
import io.timeshard.quickstart.RestoreRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario D, a production-sized time-based backup: 12 partitions, one Avro object per record,
 * 60000 ms buckets under {@code YYYY/MM/dd/HH}, served by a {@link GeneratedBackup} (pages of 5,000
 * keys, 20 ms per request, nothing on disk). Planning, assignment, watching and memory at 1,000,000
 * objects with tasks.max 4 and 12; 10,000,000 objects planned in a JVM of its own with {@code
 * -Xmx1g}; a restore through the worker when each LIST answers 6 s late; connector PUT to the first
 * record through the worker at full size, with tasks.max 4 and 12 (stopped there: two full restores
 * do not fit the benchmark's time); and a smaller restore through the worker with the 20 ms store,
 * to its last record.
 */
final class ScenarioD {

  static final int PARTITIONS = 12;
  private static final long LATENCY_MS = 20;

  private final Bench bench;

  ScenarioD(Bench bench) {
    this.bench = bench;
  }

  static Map<String, String> partitionerConfig() {
    Map<String, String> config = new HashMap<>();
    config.put(
        "partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner");
    config.put("path.format", "YYYY/MM/dd/HH");
    config.put("partition.duration.ms", "60000");
    config.put("locale", "en-US");
    config.put("timezone", "UTC");
    return config;
  }

  void run() throws Exception {
    long objects = bench.options().dObjects();
    int hours = GeneratedBackup.hoursFor(objects, PARTITIONS);
    for (int tasks : new int[] {4, 12}) {
      planAndWatch(hours, tasks);
    }
    if (bench.options().dPlanOnlyObjects() > 0) {
      planOnlyInOwnJvm(bench.options().dPlanOnlyObjects());
    }
    if (bench.options().dRestoreObjects() > 0) {
      slowListing();
    }
    if (bench.options().dRestoreObjects() > 0) {
      for (int tasks : new int[] {4, 12}) {
        firstRecord(hours, tasks);
      }
      for (int tasks : new int[] {4, 12}) {
        restore(GeneratedBackup.hoursFor(bench.options().dRestoreObjects(), PARTITIONS), tasks);
      }
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** The connector's plan and every task's, as a worker runs them, with their LIST calls. */
  private void planAndWatch(int hours, int tasks) throws Exception {
    String scenario =
        String.format(
            Locale.ROOT,
            "D: %s objects, time-based, 12 partitions, tasks.max=%d",
            Results.count(hours * 60L * PARTITIONS),
            tasks);
    String store = "generated, 5,000-key pages, +20 ms per request";
    RestorePartitioner partitioner = RestorePartitioners.create(partitionerConfig());
    PlanRequest everything = PlanRequest.everything(BackupFormat.AVRO);
    long heapBefore = usedAfterGc();

    AtomicLong connectorLists = new AtomicLong();
    GeneratedBackup connectorStore =
        new GeneratedBackup(PARTITIONS, hours, LATENCY_MS, 0, connectorLists);
    long started = System.nanoTime();
    RestorePlan plan = partitioner.plan(connectorStore, everything);
    double connectorSeconds = (System.nanoTime() - started) / 1e9;
    List<StreamWeight> weights = plan.streams().stream().map(StreamWeight::of).toList();
    long planned = plan.objectCount();
    plan = null;
    List<TaskAssignment> assignments = TaskSplitter.split(weights, tasks);

    // The tasks plan at once, each its own partitions, as they do on a worker.
    List<AtomicLong> taskLists = new ArrayList<>();
    List<Future<RestorePlan>> taskPlans = new ArrayList<>();
    List<Double> taskSeconds = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(assignments.size());
    try {
      long tasksStarted = System.nanoTime();
      for (TaskAssignment assignment : assignments) {
        AtomicLong lists = new AtomicLong();
        taskLists.add(lists);
        PlanRequest own = everything.onlyPartitions(new HashSet<>(assignment.partitions()));
        GeneratedBackup taskStore = new GeneratedBackup(PARTITIONS, hours, LATENCY_MS, 0, lists);
        taskPlans.add(
            pool.submit(
                () -> {
                  RestorePlan taskPlan = partitioner.plan(taskStore, own);
                  synchronized (taskSeconds) {
                    taskSeconds.add((System.nanoTime() - tasksStarted) / 1e9);
                  }
                  return taskPlan;
                }));
      }
      List<RestorePlan> held = new ArrayList<>();
      for (Future<RestorePlan> f : taskPlans) {
        held.add(f.get());
      }
      long heapAfter = usedAfterGc();
      long taskObjects = held.stream().mapToLong(RestorePlan::objectCount).sum();
      long arrays =
          held.stream()
              .flatMap(p -> p.streams().stream())
              .mapToLong(PartitionStream::arrayBytes)
              .sum();
      double perObject = (double) (heapAfter - heapBefore) / Math.max(1, taskObjects);
      double slowestTask = taskSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
      long fullListing = connectorLists.get();
      long tasksTotal = taskLists.stream().mapToLong(AtomicLong::get).sum();
      long mostByATask = taskLists.stream().mapToLong(AtomicLong::get).max().orElse(0);
      bench.log(
          "D: tasks.max=%d: connector planned %,d objects in %.1f s (%d LIST); tasks %.1f s",
          tasks, planned, connectorSeconds, fullListing, slowestTask);
      bench
          .results()
          .add(
              scenario,
              store,
              "planning: connector, then the tasks at once",
              String.format(
                  Locale.ROOT,
                  "connector %s, slowest task %s: first record possible after about %s (the"
                      + " target is the measured first record, below)",
                  Results.seconds(connectorSeconds),
                  Results.seconds(slowestTask),
                  Results.seconds(connectorSeconds + slowestTask)));
      bench
          .results()
          .add(
              scenario,
              store,
              "LIST calls",
              String.format(
                  Locale.ROOT,
                  "connector %d; tasks %s; total %d",
                  fullListing,
                  taskLists.stream().map(l -> Long.toString(l.get())).toList(),
                  fullListing + tasksTotal),
              "no task lists more than the whole backup once",
              mostByATask <= fullListing);
      bench
          .results()
          .add(
              scenario,
              store,
              "heap of the plans (all tasks' plans held, after GC)",
              String.format(
                  Locale.ROOT,
                  "%.1f bytes per object measured, %.1f in the streams' arrays (%s held)",
                  perObject,
                  (double) arrays / Math.max(1, taskObjects),
                  Results.mib(heapAfter - heapBefore)),
              "<= 64 bytes per object",
              perObject <= 64);

      // One poll interval while idle: the connector and every task refresh once.
      idleRefresh(scenario, hours, partitioner, held, assignments, fullListing + tasksTotal);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The LIST calls of one poll interval while idle after completion: one refresh of the connector
   * and of every task, each after the first plan it made, against the first listing; for a store
   * that lists from a key (as S3 and GCS) and for one that cannot (as Azure).
   */
  private void idleRefresh(
      String scenario,
      int hours,
      RestorePartitioner partitioner,
      List<RestorePlan> taskPlans,
      List<TaskAssignment> assignments,
      long firstListing) {
    PlanRequest everything = PlanRequest.everything(BackupFormat.AVRO);
    for (boolean fromAKey : new boolean[] {true, false}) {
      AtomicLong idleLists = new AtomicLong();
      GeneratedBackup idleStore = new GeneratedBackup(PARTITIONS, hours, 0, 0, idleLists);
      if (fromAKey) {
        idleStore.listingFromAKey();
      }
      // The connector saw the whole backup: every task's plan together.
      WatchWindow connectorWatch = new WatchWindow(TimeInterval.ALL, Duration.ofHours(1));
      taskPlans.forEach(connectorWatch::saw);
      partitioner.refresh(idleStore, everything, connectorWatch);
      long connector = idleLists.get();
      for (int t = 0; t < assignments.size(); t++) {
        WatchWindow taskWatch = new WatchWindow(TimeInterval.ALL, Duration.ofHours(1));
        taskWatch.saw(taskPlans.get(t));
        partitioner.refresh(
            idleStore,
            everything.onlyPartitions(new HashSet<>(assignments.get(t).partitions())),
            taskWatch);
      }
      long idle = idleLists.get();
      double share = (double) idle / firstListing;
      bench.log(
          "D: idle refresh, %s: %d LIST calls (connector %d), %.2f%% of %d",
          fromAKey ? "from a key" : "markers only", idle, connector, share * 100, firstListing);
      bench
          .results()
          .add(
              scenario,
              fromAKey
                  ? "generated, 5,000-key pages, lists from a key (as S3, GCS)"
                  : "generated, 5,000-key pages, markers only (as Azure)",
              "LIST calls per poll interval, idle after completion",
              String.format(
                  Locale.ROOT,
                  "%d: connector %d, each task %d (%.2f%% of the first listing, look-back 1 h);"
                      + " 0 with restore.watch=false",
                  idle,
                  connector,
                  (idle - connector) / Math.max(1, assignments.size()),
                  share * 100),
              "<= 2% of a full listing; 0 when one-shot",
              share <= 0.02);
    }
  }

  /** Plans {@code objects} objects in a JVM of its own with {@code -Xmx1g}. */
  private void planOnlyInOwnJvm(long objects) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                PlanOnly.class.getName(),
                Long.toString(objects))
            .redirectErrorStream(true)
            .start();
    String result = null;
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          result = line.substring("RESULT ".length());
        } else if (line.contains("OutOfMemoryError")) {
          result = "OutOfMemoryError";
        }
      }
    }
    int exit = process.waitFor();
    boolean ok = exit == 0 && result != null && !result.contains("OutOfMemoryError");
    bench.log("D: plan only, %,d objects, -Xmx1g: %s (exit %d)", objects, result, exit);
    bench
        .results()
        .add(
            String.format(Locale.ROOT, "D: %s objects, plan only, -Xmx1g", Results.count(objects)),
            "generated, 5,000-key pages, no latency",
            "the connector's plan",
            result == null ? "no result (exit " + exit + ")" : result,
            "no OutOfMemoryError",
            ok);
  }

  /** The connector's plan of a large backup, alone in a JVM with -Xmx1g. */
  static final class PlanOnly {
    public static void main(String[] args) {
      long objects = Long.parseLong(args[0]);
      int hours = GeneratedBackup.hoursFor(objects, PARTITIONS);
      AtomicLong lists = new AtomicLong();
      long started = System.nanoTime();
      RestorePlan plan =
          RestorePartitioners.create(partitionerConfig())
              .plan(
                  new GeneratedBackup(PARTITIONS, hours, 0, 0, lists),
                  PlanRequest.everything(BackupFormat.AVRO));
      double seconds = (System.nanoTime() - started) / 1e9;
      System.gc();
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.out.printf(
          Locale.ROOT,
          "RESULT %,d objects planned in %.1f s, %d LIST calls; %.0f MiB of heap held with the"
              + " plan (%.1f bytes per object)%n",
          plan.objectCount(),
          seconds,
          lists.get(),
          used / 1048576.0,
          (double) used / plan.objectCount());
    }
  }

  private static Map<String, String> connectorConfig(
      int hours, int tasks, long listLatencyMs, String destination) {
    Map<String, String> config = new HashMap<>(partitionerConfig());
    config.put("connector.class", "io.timeshard.connect.RestoreSourceConnector");
    config.put("tasks.max", Integer.toString(tasks));
    config.put("format.class", "io.confluent.connect.azure.blob.storage.format.avro.AvroFormat");
    config.put("store.type", GeneratedStoreProvider.NAME);
    config.put(GeneratedStoreProvider.HOURS_CONFIG, Integer.toString(hours));
    config.put(GeneratedStoreProvider.PARTITIONS_CONFIG, Integer.toString(PARTITIONS));
    config.put(GeneratedStoreProvider.LIST_LATENCY_MS_CONFIG, Long.toString(listLatencyMs));
    config.put(GeneratedStoreProvider.GET_LATENCY_MS_CONFIG, Long.toString(LATENCY_MS));
    config.put("restore.fetch.concurrency", "32");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    config.put("transforms", "rename");
    config.put("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter");
    config.put("transforms.rename.regex", GeneratedBackup.TOPIC);
    config.put("transforms.rename.replacement", destination);
    return config;
  }

  private RestoreRun.Result restoreThroughWorker(
      String connector, int hours, int tasks, long listLatencyMs) throws Exception {
    return restoreThroughWorker(connector, hours, tasks, listLatencyMs, (elapsed, restored) -> {});
  }

  /** Thrown by a progress report to end a restore at its first record. */
  private static final class FirstRecordSeen extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FirstRecordSeen() {
      super("the first record is in the destination topic", null, false, false);
    }
  }

  /**
   * The seconds from the connector's PUT to the first record in the destination topic, through the
   * worker, at the full size of D; the restore is stopped there (a full restore of 1,000,000
   * objects twice does not fit the benchmark's time).
   */
  private void firstRecord(int hours, int tasks) throws Exception {
    long objects = hours * 60L * PARTITIONS;
    double[] first = {-1};
    String connector = "bench-d-first-" + tasks;
    try {
      restoreThroughWorker(
          connector,
          hours,
          tasks,
          LATENCY_MS,
          (elapsed, restored) -> {
            if (restored.values().stream().mapToLong(Long::longValue).sum() > 0) {
              first[0] = elapsed;
              throw new FirstRecordSeen();
            }
          });
    } catch (FirstRecordSeen seen) {
      // Measured; the connector is deleted.
    }
    bench.log("D: first record, tasks.max=%d, %,d objects: %.1f s", tasks, objects, first[0]);
    bench
        .results()
        .add(
            String.format(
                Locale.ROOT,
                "D: %s objects, time-based, 12 partitions, tasks.max=%d",
                Results.count(objects),
                tasks),
            "generated, 5,000-key pages, +20 ms per request",
            "connector PUT -> first record produced, through the worker",
            String.format(
                Locale.ROOT,
                "%s; LIST calls %s",
                first[0] < 0 ? "no record" : Results.seconds(first[0]),
                listsByComponent()),
            "<= 10 s",
            first[0] >= 0 && first[0] <= 10);
  }

  private RestoreRun.Result restoreThroughWorker(
      String connector, int hours, int tasks, long listLatencyMs, RestoreRun.Progress progress)
      throws Exception {
    GeneratedStoreProvider.LISTS.clear();
    Map<Integer, Long> expected = new TreeMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      expected.put(p, hours * 60L);
    }
    return new RestoreRun(bench.cluster())
        .timeout(Duration.ofMinutes(4))
        .progress(Duration.ofMillis(100), progress)
        .run(
            connector,
            connectorConfig(hours, tasks, listLatencyMs, connector),
            connector,
            expected,
            partition -> index -> index);
  }

  private static String listsByComponent() {
    return new TreeMap<>(GeneratedStoreProvider.LISTS).toString();
  }

  /** The failing case: every LIST answers 6 s late; the restore must still complete. */
  private void slowListing() throws Exception {
    int hours = 2;
    RestoreRun.Result result = restoreThroughWorker("bench-d-slow", hours, 4, 6000);
    bench.log("D: slow listing: %,d records in %.1f s", result.total(), result.seconds());
    bench
        .results()
        .add(
            String.format(
                Locale.ROOT,
                "D: %s objects, every LIST +6 s, tasks.max=4",
                Results.count(hours * 60L * PARTITIONS)),
            "generated, +6 s per LIST, +20 ms per GET",
            "restore through the worker",
            String.format(
                Locale.ROOT,
                "%s records in %s, order %s; LIST calls %s",
                Results.count(result.total()),
                Results.seconds(result.seconds()),
                result.allInOrder() ? "kept" : "WRONG",
                listsByComponent()),
            "completes",
            result.total() == hours * 60L * PARTITIONS && result.allInOrder());
  }

  /** A restore through the worker, at a size the benchmark's time allows. */
  private void restore(int hours, int tasks) throws Exception {
    long objects = hours * 60L * PARTITIONS;
    double[] first = {-1};
    RestoreRun.Result result =
        restoreThroughWorker(
            "bench-d-" + tasks,
            hours,
            tasks,
            LATENCY_MS,
            (elapsed, restored) -> {
              if (first[0] < 0 && restored.values().stream().mapToLong(Long::longValue).sum() > 0) {
                first[0] = elapsed;
              }
            });
    double perTask = objects / result.seconds() / tasks;
    bench.log("D: restore tasks.max=%d: %,d records in %.1f s", tasks, objects, result.seconds());
    bench
        .results()
        .add(
            String.format(
                Locale.ROOT,
                "D: %s objects restored through the worker, tasks.max=%d",
                Results.count(objects),
                tasks),
            "generated, 5,000-key pages, +20 ms per request",
            "connector PUT -> last record produced, through the worker",
            String.format(
                Locale.ROOT,
                "%s (%.0f objects/s per task; first record after %s), order %s; LIST calls %s",
                Results.seconds(result.seconds()),
                perTask,
                first[0] < 0 ? "?" : Results.seconds(first[0]),
                result.allInOrder() ? "kept" : "WRONG",
                listsByComponent()));
  }
}
