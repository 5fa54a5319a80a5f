package io.timeshard.quickstart;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Restores a sample time-based backup with one task and with four, on a Kafka broker and a Connect
 * worker started in this process, and shows that the partitions restore in parallel while each
 * keeps its order.
 *
 * <pre>
 * ./mvnw -q -pl quickstart -am verify -Pquickstart
 * </pre>
 *
 * The backup goes to a temporary folder, or to Azurite when {@code AZURITE_BLOB_ENDPOINT} names one
 * ({@code http://127.0.0.1:10000/devstoreaccount1}); either is deleted at the end. Exits with 0
 * when every record was restored in order, 1 otherwise.
 */
public final class Quickstart {

  /** What to restore and from where. */
  public record Options(int partitions, int recordsPerPartition, String azuriteEndpoint) {

    public static final Options DEFAULT = new Options(4, 1_500, null);

    static Options parse(String[] args, Map<String, String> env) {
      int partitions = DEFAULT.partitions();
      int records = DEFAULT.recordsPerPartition();
      String azurite = env.get("AZURITE_BLOB_ENDPOINT");
      for (String arg : args) {
        String[] kv = arg.split("=", 2);
        String value = kv.length > 1 ? kv[1] : "";
        switch (kv[0]) {
          case "--partitions" -> partitions = Integer.parseInt(value);
          case "--records-per-partition" -> records = Integer.parseInt(value);
          case "--azurite" -> azurite = value;
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + arg
                      + "; use --partitions=N, --records-per-partition=N, --azurite=ENDPOINT");
        }
      }
      return new Options(
          partitions, records, azurite == null || azurite.isBlank() ? null : azurite);
    }
  }

  /** The two restores and whether every check passed. */
  public record Report(List<RestoreRun.Result> runs, Map<Integer, Long> backup, String table) {
    public boolean passed() {
      return runs.stream()
          .allMatch(r -> r.allInOrder() && r.restored().equals(backup) && r.total() > 0);
    }
  }

  private static final List<Integer> TASKS = List.of(1, 4);

  private final Options options;
  private final PrintStream out;

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
      out.println(
          "Starting a Kafka broker and a Connect worker in this process (KRaft, 127.0.0.1)");
      long started = System.nanoTime();
      try (LocalKafkaConnect cluster = LocalKafkaConnect.start("timeshard-quickstart")) {
        out.printf(Locale.ROOT, "Broker and worker up in %.1f s%n", seconds(started));
        List<RestoreRun.Result> runs = new ArrayList<>();
        for (int tasks : TASKS) {
          runs.add(restore(cluster, backup, tasks, expected));
        }
        int last = TASKS.get(TASKS.size() - 1);
        Map<String, String> lastConfig =
            ShoeCustomers.restoreConfig(last, ShoeCustomers.TOPIC + "-restored-" + last);
        lastConfig.putAll(backup.connectorConfig());
        new TimeshardVerify(out)
            .run("restore-" + last + "-tasks", lastConfig, cluster.bootstrapServers());
        out.println();
        out.println("Stopping the worker and the broker, deleting the backup");
        String table = table(runs, expected, objects, note());
        Report report = new Report(runs, expected, table);
        out.println();
        out.print(table);
        out.println();
        out.println(
            report.passed()
                ? "Every partition was restored whole and in backup order."
                : "FAILED: a partition is incomplete or out of order (see the table).");
        return report;
      }
    }
  }

  private BackupStore openStore() throws Exception {
    if (options.azuriteEndpoint() != null) {
      String container = "timeshard-quickstart-" + Long.toHexString(System.nanoTime());
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
    backup.awaitWritten();
    out.printf(Locale.ROOT, "Wrote %,d objects in %.1f s%n", objects, seconds(started));
    return objects;
  }

  private RestoreRun.Result restore(
      LocalKafkaConnect cluster, BackupStore backup, int tasks, Map<Integer, Long> expected)
      throws InterruptedException {
    String destination = ShoeCustomers.TOPIC + "-restored-" + tasks;
    Map<String, String> config = ShoeCustomers.restoreConfig(tasks, destination);
    config.putAll(backup.connectorConfig());
    long total = expected.values().stream().mapToLong(Long::longValue).sum();
    out.println();
    out.printf("Restoring with tasks.max=%d into '%s'%n", tasks, destination);
    RestoreRun.Result result =
        new RestoreRun(cluster)
            .timeout(Duration.ofMinutes(3))
            .progress(
                Duration.ofSeconds(1),
                (elapsed, restored) ->
                    out.println(progressLine(elapsed, restored, expected, total)))
            .run(
                "restore-" + tasks + "-tasks",
                config,
                destination,
                expected,
                partition -> index -> ShoeCustomers.id(partition, index));
    out.printf(
        Locale.ROOT,
        "  restored %,d records in %.1f s; order %s%n",
        result.total(),
        result.seconds(),
        result.allInOrder() ? "matches the backup in every partition" : "DOES NOT match");
    return result;
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

  /** Why the speed-up is what it is, for the store the backup is in. */
  private String note() {
    if (options.azuriteEndpoint() != null) {
      return String.format(
          "(Azurite serves every request from one Node.js process, which here limits the restore"
              + "%n whatever the number of tasks. Against a cloud store each read waits on the"
              + " network,%n and more tasks overlap more of those waits: see"
              + " docs/performance.md.)%n");
    }
    return String.format(
        Locale.ROOT,
        "(A local folder answers at once, so here the restore is bound by the CPU, which the"
            + " broker,%n the worker and every task share: %d cores on this machine. Against a"
            + " cloud store each read%n waits on the network, and more tasks overlap more of"
            + " those waits: see docs/performance.md.)%n",
        Runtime.getRuntime().availableProcessors());
  }

  static String table(
      List<RestoreRun.Result> runs, Map<Integer, Long> expected, long objects, String note) {
    List<String> columns = new ArrayList<>(List.of("partition", ">in the backup"));
    for (RestoreRun.Result run : runs) {
      columns.add(">tasks.max=" + run.tasks());
      columns.add("order");
    }
    MarkdownTable table = new MarkdownTable(columns.toArray(String[]::new));
    for (Map.Entry<Integer, Long> e : expected.entrySet()) {
      List<Object> row = new ArrayList<>(List.of(e.getKey(), count(e.getValue())));
      for (RestoreRun.Result run : runs) {
        row.add(count(run.restored().getOrDefault(e.getKey(), 0L)));
        row.add(run.inOrder().get(e.getKey()) ? "matches" : "WRONG");
      }
      table.row(row.toArray());
    }
    List<Object> all =
        new ArrayList<>(
            List.of(
                "all",
                count(expected.values().stream().mapToLong(Long::longValue).sum())
                    + " ("
                    + count(objects)
                    + " objects)"));
    List<Object> wall = new ArrayList<>(List.of("wall time", ""));
    List<Object> rate = new ArrayList<>(List.of("records/s", ""));
    for (RestoreRun.Result run : runs) {
      all.add(count(run.total()));
      all.add(run.allInOrder() ? "matches" : "WRONG");
      wall.add(String.format(Locale.ROOT, "%.1f s", run.seconds()));
      wall.add("");
      rate.add(count(Math.round(run.total() / run.seconds())));
      rate.add("");
    }
    table.row(all.toArray()).row(wall.toArray()).row(rate.toArray());
    StringBuilder text = new StringBuilder(table.toString());
    RestoreRun.Result first = runs.get(0);
    RestoreRun.Result last = runs.get(runs.size() - 1);
    text.append(
        String.format(
            Locale.ROOT,
            "%nSpeed-up with tasks.max=%d over tasks.max=%d: %.1fx%n",
            last.tasks(),
            first.tasks(),
            first.seconds() / last.seconds()));
    text.append(note);
    return text.toString();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
