package io.timeshard.quickstart;

import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStores;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Restores a sample time-based backup on a Kafka broker and a Connect worker started in this
 * process: with one task, with four, and one hour of it, next to the licensed restore connectors'
 * strategy on the same backup, and shows that the partitions restore in parallel while each keeps
 * its order.
 *
 * <pre>
 * ./mvnw -q -pl quickstart -am verify -Pquickstart
 * </pre>
 *
 * The backup goes to a temporary folder, or to Azurite when {@code AZURITE_BLOB_ENDPOINT} names one
 * ({@code http://127.0.0.1:10000/devstoreaccount1}); either is deleted at the end. By default every
 * LIST and GET waits 20 ms first, as a cloud store's round trip would ({@code --latency-ms=0} turns
 * it off). Exits with 0 when every record was restored in order, 1 otherwise.
 */
public final class Quickstart {

  /** What to restore and from where. */
  public record Options(
      int partitions,
      int recordsPerPartition,
      String azuriteEndpoint,
      long latencyMs,
      int licensedSample) {

    public static final Options DEFAULT = new Options(4, 1_500, null, 20, 100);

    static Options parse(String[] args, Map<String, String> env) {
      int partitions = DEFAULT.partitions();
      int records = DEFAULT.recordsPerPartition();
      long latency = DEFAULT.latencyMs();
      int sample = DEFAULT.licensedSample();
      String azurite = env.get("AZURITE_BLOB_ENDPOINT");
      List<String> flags = new ArrayList<>();
      for (String arg : args) {
        // One argument may hold several flags (-Dquickstart.args="--a=1 --b=2"), or none.
        for (String flag : arg.trim().split("\\s+")) {
          if (!flag.isEmpty()) {
            flags.add(flag);
          }
        }
      }
      for (String arg : flags) {
        String[] kv = arg.split("=", 2);
        String value = kv.length > 1 ? kv[1] : "";
        switch (kv[0]) {
          case "--partitions" -> partitions = Integer.parseInt(value);
          case "--records-per-partition" -> records = Integer.parseInt(value);
          case "--azurite" -> azurite = value;
          case "--latency-ms" -> latency = Long.parseLong(value);
          case "--licensed-sample" -> sample = Integer.parseInt(value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + arg
                      + "; use --partitions=N, --records-per-partition=N, --azurite=ENDPOINT,"
                      + " --latency-ms=N (0: none), --licensed-sample=N");
        }
      }
      return new Options(
          partitions,
          records,
          azurite == null || azurite.isBlank() ? null : azurite,
          latency,
          sample);
    }
  }

  /**
   * The licensed strategy's time, estimated from its first objects.
   *
   * @param sample what reading the first objects took
   * @param objects the objects of the whole backup
   * @param fullScanListCalls the LIST calls of its full restore, counted by walking the folders
   */
  public record LicensedEstimate(
      LicensedStrategyBaseline.Result sample, long objects, long fullScanListCalls) {
    public double seconds() {
      return sample.seconds() * objects / Math.max(1, sample.objects());
    }
  }

  /** One restore and the store calls it sent. */
  public record Run(String label, RestoreRun.Result result, long listCalls, long getCalls) {}

  /** The restores, what they should have restored and whether every check passed. */
  public record Report(
      LicensedEstimate licensed,
      List<Run> runs,
      Run window,
      Map<Integer, Long> backup,
      Map<Integer, Long> inWindow,
      String table,
      boolean groupResumed) {

    public boolean passed() {
      return runs.stream().allMatch(r -> complete(r, backup))
          && complete(window, inWindow)
          && groupResumed;
    }

    private static boolean complete(Run run, Map<Integer, Long> expected) {
      RestoreRun.Result r = run.result();
      return r.allInOrder() && r.restored().equals(expected) && r.total() > 0;
    }

    /** The speed-up of the fastest full restore over the licensed strategy's estimate. */
    public double speedUp() {
      double best = runs.stream().mapToDouble(r -> r.result().seconds()).min().orElseThrow();
      return licensed.seconds() / best;
    }
  }

  private static final List<Integer> TASKS = List.of(1, 4);

  private final Options options;
  private final PrintStream out;
  private final String runId = Long.toHexString(System.nanoTime());

  public Quickstart(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    int status;
    try {
      Report report = new Quickstart(Options.parse(args, System.getenv()), System.out).run();
      status = report.passed() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("The quickstart failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    // Kafka's and Connect's threads that outlive stop() must not keep the program alive.
    System.exit(status);
  }

  public Report run() throws Exception {
    out.println("Timeshard quickstart");
    try (BackupStore backup = openStore()) {
      long objects = writeBackup(backup);
      Map<Integer, Long> expected = new TreeMap<>();
      for (int p = 0; p < options.partitions(); p++) {
        expected.put(p, (long) options.recordsPerPartition());
      }
      if (options.latencyMs() > 0) {
        out.printf(
            Locale.ROOT,
            "Serving it as a cloud store answers: %s with %d ms added to every LIST and GET"
                + "%n  (--latency-ms=0 turns this off)%n",
            backup.describe(),
            options.latencyMs());
      } else {
        out.printf("Serving it as it is: %s, no latency added%n", backup.describe());
      }
      out.println(
          "Starting a Kafka broker and a Connect worker in this process (KRaft, 127.0.0.1)");
      long started = System.nanoTime();
      try (LocalKafkaConnect cluster = LocalKafkaConnect.start("timeshard-quickstart")) {
        out.printf(Locale.ROOT, "Broker and worker up in %.1f s%n", seconds(started));
        LicensedEstimate licensed = licensed(cluster, backup, objects);
        List<Run> runs = new ArrayList<>();
        for (int tasks : TASKS) {
          runs.add(restore(cluster, backup, tasks, expected));
        }
        Window window = window();
        Run windowRun = restoreWindow(cluster, backup, window);
        int last = TASKS.get(TASKS.size() - 1);
        Map<String, String> lastConfig =
            ShoeCustomers.restoreConfig(last, ShoeCustomers.TOPIC + "-restored-" + last);
        lastConfig.putAll(backup.connectorConfig());
        new TimeshardVerify(out)
            .run("restore-" + last + "-tasks", lastConfig, cluster.bootstrapServers());
        boolean groupResumed =
            new ConsumerGroupStep(out)
                .run(
                    "restore-" + last + "-tasks",
                    lastConfig,
                    cluster.bootstrapServers(),
                    ShoeCustomers.TOPIC + "-restored-" + last,
                    options.partitions(),
                    options.recordsPerPartition());
        out.println();
        out.println("Stopping the worker and the broker, deleting the backup");
        Map<Integer, Long> inWindow = window.expected();
        String table = table(licensed, runs, windowRun, expected, inWindow, objects, note(runs));
        Report report =
            new Report(licensed, runs, windowRun, expected, inWindow, table, groupResumed);
        out.println();
        out.print(table);
        out.println();
        out.println(
            report.passed()
                ? "Every partition was restored whole and in backup order, and the consumer group"
                    + " resumed right after the records it had processed."
                : groupResumed
                    ? "FAILED: a partition is incomplete or out of order (see the table)."
                    : "FAILED: the consumer group did not resume after its last processed record.");
        return report;
      }
    }
  }

  private BackupStore openStore() throws Exception {
    if (options.azuriteEndpoint() != null) {
      String container = "timeshard-quickstart-" + runId;
      return AzureContainerBackup.createInAzurite(options.azuriteEndpoint(), container);
    }
    return LocalFolderBackup.create("timeshard-quickstart-");
  }

  private long writeBackup(BackupStore backup) throws Exception {
    out.printf(
        Locale.ROOT,
        "Writing a backup of '%s' as a time-based sink writes it: %d partitions x %,d records, one"
            + " Avro object per record,%n  YYYY/MM/dd/HH folders of 60000 ms buckets in"
            + " Europe/Madrid, to %s%n",
        ShoeCustomers.TOPIC,
        options.partitions(),
        options.recordsPerPartition(),
        backup.describe());
    long started = System.nanoTime();
    int objects =
        ShoeCustomers.write(backup.sink(), options.partitions(), options.recordsPerPartition());
    ShoeCustomers.writeGroupSnapshot(
        backup.sink(), options.partitions(), options.recordsPerPartition());
    backup.awaitWritten();
    out.printf(
        Locale.ROOT,
        "Wrote %,d objects in %.1f s, and a snapshot of the consumer group '%s' that had read"
            + " part of it%n",
        objects,
        seconds(started),
        ShoeCustomers.GROUP);
    return objects;
  }

  /**
   * The store as the restores see it: with the latency and a counter of calls named {@code run}.
   */
  private Map<String, String> storeConfig(BackupStore backup, String run) {
    return MeasuredStoreProvider.around(
        backup.connectorConfig(), backup.storeType(), options.latencyMs(), calls(run));
  }

  private String calls(String run) {
    return "quickstart-" + runId + "-" + run;
  }

  /**
   * The licensed connectors' strategy on the same store and latency: one task, every object listed
   * and read one at a time. Linear in the objects, so timed on the first ones only.
   */
  private LicensedEstimate licensed(LocalKafkaConnect cluster, BackupStore backup, long objects)
      throws Exception {
    long sample = Math.min(objects, Math.max(1, options.licensedSample()));
    out.println();
    out.printf(
        Locale.ROOT,
        "The licensed connectors' strategy (one task, one object at a time, each listed then read),"
            + "%n  timed on its first %,d objects%n",
        sample);
    String destination = ShoeCustomers.TOPIC + "-licensed";
    cluster.createTopic(destination, options.partitions());
    Map<String, Object> producerConfig = new HashMap<>();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    String topicPrefix = "topics/" + ShoeCustomers.TOPIC + "/";
    LicensedStrategyBaseline.Result result;
    try (ObjectStore store = ObjectStores.open(storeConfig(backup, "licensed"));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
      result = new LicensedStrategyBaseline(store, producer, destination).run(topicPrefix, sample);
    }
    long listCalls;
    Map<String, String> plain = new HashMap<>(backup.connectorConfig());
    try (ObjectStore store = ObjectStores.open(plain)) {
      listCalls =
          new LicensedStrategyBaseline(store, null, destination).fullScanListCalls(topicPrefix);
    }
    LicensedEstimate estimate = new LicensedEstimate(result, objects, listCalls);
    out.printf(
        Locale.ROOT,
        "  %,d objects in %.1f s, %.1f ms an object: all %,d would take about %.0f s%n",
        result.objects(),
        result.seconds(),
        result.seconds() * 1000 / Math.max(1, result.objects()),
        objects,
        estimate.seconds());
    return estimate;
  }

  private Run restore(
      LocalKafkaConnect cluster, BackupStore backup, int tasks, Map<Integer, Long> expected)
      throws InterruptedException {
    String destination = ShoeCustomers.TOPIC + "-restored-" + tasks;
    String run = "tasks-" + tasks;
    Map<String, String> config = ShoeCustomers.restoreConfig(tasks, destination);
    config.putAll(storeConfig(backup, run));
    out.println();
    out.printf("Restoring with tasks.max=%d into '%s'%n", tasks, destination);
    return run(cluster, "tasks.max=" + tasks, run, config, destination, expected, null);
  }

  /** One hour of the backup: the hour of the middle record, its folder in Madrid time. */
  record Window(Instant start, Instant end, Map<Integer, long[]> ids) {
    Map<Integer, Long> expected() {
      Map<Integer, Long> counts = new TreeMap<>();
      ids.forEach((p, list) -> counts.put(p, (long) list.length));
      return counts;
    }
  }

  Window window() {
    long middle = ShoeCustomers.timestamp(options.recordsPerPartition() / 2);
    Instant start = Instant.ofEpochMilli(middle).truncatedTo(ChronoUnit.HOURS);
    Instant end = start.plus(1, ChronoUnit.HOURS);
    Map<Integer, long[]> ids = new TreeMap<>();
    for (int p = 0; p < options.partitions(); p++) {
      int partition = p;
      ids.put(
          p,
          LongStream.range(0, options.recordsPerPartition())
              .filter(
                  i -> {
                    long t = ShoeCustomers.timestamp(i);
                    return t >= start.toEpochMilli() && t < end.toEpochMilli();
                  })
              .map(i -> ShoeCustomers.id(partition, i))
              .toArray());
    }
    return new Window(start, end, ids);
  }

  private Run restoreWindow(LocalKafkaConnect cluster, BackupStore backup, Window window)
      throws InterruptedException {
    int tasks = TASKS.get(TASKS.size() - 1);
    String destination = ShoeCustomers.TOPIC + "-one-hour";
    Map<String, String> config = ShoeCustomers.restoreConfig(tasks, destination);
    config.putAll(storeConfig(backup, "window"));
    config.put("restore.start", window.start().toString());
    config.put("restore.end", window.end().toString());
    out.println();
    out.printf(
        "Restoring one hour, %s to %s, with tasks.max=%d into '%s'%n",
        window.start(), window.end(), tasks, destination);
    return run(
        cluster,
        "tasks.max=" + tasks + ", one hour",
        "window",
        config,
        destination,
        window.expected(),
        partition -> index -> window.ids().get(partition)[(int) index]);
  }

  private Run run(
      LocalKafkaConnect cluster,
      String label,
      String run,
      Map<String, String> config,
      String destination,
      Map<Integer, Long> expected,
      IntFunction<LongUnaryOperator> ids)
      throws InterruptedException {
    long total = expected.values().stream().mapToLong(Long::longValue).sum();
    RestoreRun.Result result =
        new RestoreRun(cluster)
            .timeout(Duration.ofMinutes(3))
            .progress(
                Duration.ofSeconds(1),
                (elapsed, restored) ->
                    out.println(progressLine(elapsed, restored, expected, total)))
            .run(
                "restore-" + run,
                config,
                destination,
                expected,
                ids != null ? ids : partition -> index -> ShoeCustomers.id(partition, index));
    StoreCalls calls = StoreCalls.named(calls(run));
    out.printf(
        Locale.ROOT,
        "  restored %,d records in %.1f s (%,d LIST, %,d GET); order %s%n",
        result.total(),
        result.seconds(),
        calls.lists(),
        calls.gets(),
        result.allInOrder() ? "matches the backup in every partition" : "DOES NOT match");
    return new Run(label, result, calls.lists(), calls.gets());
  }

  static String progressLine(
      double elapsed, Map<Integer, Long> restored, Map<Integer, Long> expected, long total) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "  %5.1f s %,9d / %,d records ",
                elapsed,
                restored.values().stream().mapToLong(Long::longValue).sum(),
                total));
    expected.forEach(
        (p, count) ->
            line.append(
                String.format(
                    Locale.ROOT, "  p%d %,d/%,d", p, restored.getOrDefault(p, 0L), count)));
    return line.toString();
  }

  /** Why tasks.max=4 is as much faster than tasks.max=1 as it is, on this machine and store. */
  private String note(List<Run> runs) {
    int cores = Runtime.getRuntime().availableProcessors();
    RestoreRun.Result last = runs.get(runs.size() - 1).result();
    String busy =
        last.coresBusy() < 0
            ? ""
            : String.format(
                Locale.ROOT,
                "%n (this process kept %.1f of the %d cores busy during tasks.max=%d)",
                last.coresBusy(),
                cores,
                last.tasks());
    if (options.azuriteEndpoint() != null) {
      return String.format(
          "(Azurite serves every request from one Node.js process, which here limits the restore"
              + "%n whatever the number of tasks. Against a cloud store more tasks overlap more"
              + " of the waits:%n see docs/performance.md.)%n");
    }
    if (options.latencyMs() > 0) {
      return String.format(
          Locale.ROOT,
          "(Each task keeps as many reads in flight as it takes to hide the store's %d ms, so one"
              + " task%n already waits on the store little. What limits tasks.max=4 here is not the"
              + " store but this%n machine's %d cores, which the broker, the worker, every task and"
              + " anything else running share%s.%n With more cores, or a store farther away, more"
              + " tasks restore faster. See docs/performance.md.)%n",
          options.latencyMs(),
          cores,
          busy);
    }
    return String.format(
        Locale.ROOT,
        "(A local folder answers at once, so here the restore is bound by the CPU, which the"
            + " broker,%n the worker and every task share%s. Against a cloud store each read"
            + " waits on the network,%n and reads in flight and more tasks hide those waits: see"
            + " docs/performance.md.)%n",
        busy);
  }

  static String table(
      LicensedEstimate licensed,
      List<Run> runs,
      Run window,
      Map<Integer, Long> expected,
      Map<Integer, Long> inWindow,
      long objects,
      String note) {
    StringBuilder text =
        new StringBuilder(partitionTable(runs, window, expected, inWindow, objects));
    text.append(System.lineSeparator());
    MarkdownTable table =
        new MarkdownTable(
            "run",
            ">records",
            "order",
            ">wall time",
            ">records/s",
            ">LIST calls",
            ">GET calls",
            ">speed-up");
    table.row(
        String.format(
            Locale.ROOT,
            "licensed strategy: 1 task, 1 object at a time (estimated from %,d objects)",
            licensed.sample().objects()),
        count(objects),
        "",
        String.format(Locale.ROOT, "%.0f s", licensed.seconds()),
        count(Math.round(licensed.sample().records() / licensed.sample().seconds())),
        count(licensed.fullScanListCalls()),
        count(objects),
        "1x");
    List<Run> all = new ArrayList<>(runs);
    all.add(window);
    for (Run run : all) {
      RestoreRun.Result r = run.result();
      String list = count(run.listCalls());
      if (run == window) {
        list += " (full scan: " + count(licensed.fullScanListCalls()) + ")";
      }
      table.row(
          "Timeshard " + run.label(),
          count(r.total()),
          r.allInOrder() ? "kept" : "WRONG",
          String.format(Locale.ROOT, "%.1f s", r.seconds()),
          count(Math.round(r.total() / r.seconds())),
          list,
          count(run.getCalls()),
          String.format(Locale.ROOT, "%.0fx", licensed.seconds() / r.seconds()));
    }
    text.append(table);
    double best = runs.stream().mapToDouble(r -> r.result().seconds()).min().orElseThrow();
    RestoreRun.Result first = runs.get(0).result();
    RestoreRun.Result last = runs.get(runs.size() - 1).result();
    text.append(
        String.format(
            Locale.ROOT,
            "%nSpeed-up over the licensed strategy on the same backup and store: %.0fx%n",
            licensed.seconds() / best));
    text.append(
        String.format(
            Locale.ROOT,
            "One hour: %s LIST calls where the licensed strategy's full scan sends %s (%.1f%%)%n",
            count(window.listCalls()),
            count(licensed.fullScanListCalls()),
            100.0 * window.listCalls() / Math.max(1, licensed.fullScanListCalls())));
    text.append(
        String.format(
            Locale.ROOT,
            "tasks.max=%d over tasks.max=%d: %.1fx%n",
            last.tasks(),
            first.tasks(),
            first.seconds() / last.seconds()));
    text.append(note);
    return text.toString();
  }

  private static String partitionTable(
      List<Run> runs,
      Run window,
      Map<Integer, Long> expected,
      Map<Integer, Long> inWindow,
      long objects) {
    List<String> columns = new ArrayList<>(List.of("partition", ">in the backup"));
    for (Run run : runs) {
      columns.add(">tasks.max=" + run.result().tasks());
      columns.add("order");
    }
    columns.add(">one hour");
    columns.add("order");
    MarkdownTable table = new MarkdownTable(columns.toArray(String[]::new));
    List<Run> all = new ArrayList<>(runs);
    all.add(window);
    for (Map.Entry<Integer, Long> e : expected.entrySet()) {
      List<Object> row = new ArrayList<>(List.of(e.getKey(), count(e.getValue())));
      for (Run run : all) {
        RestoreRun.Result r = run.result();
        long want = run == window ? inWindow.get(e.getKey()) : e.getValue();
        long got = r.restored().getOrDefault(e.getKey(), 0L);
        row.add(count(got) + (got == want ? "" : " of " + count(want)));
        row.add(Boolean.TRUE.equals(r.inOrder().get(e.getKey())) ? "matches" : "WRONG");
      }
      table.row(row.toArray());
    }
    List<Object> total =
        new ArrayList<>(
            List.of(
                "all",
                count(expected.values().stream().mapToLong(Long::longValue).sum())
                    + " ("
                    + count(objects)
                    + " objects)"));
    for (Run run : all) {
      total.add(count(run.result().total()));
      total.add(run.result().allInOrder() ? "matches" : "WRONG");
    }
    table.row(total.toArray());
    return table.toString();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
