package io.timeshard.benchmarks;

import io.timeshard.quickstart.LocalKafkaConnect;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The restore benchmarks: many tiny objects (A), large objects and the machine's limits (B), a time
 * window (C; C2 in a layout without time folders), the worker's peak heap during B, a
 * production-sized backup (D), and a restore through a flaky store (E), on an in-process Kafka
 * broker and Connect worker, Azurite and the local file system. Prints a markdown table and writes
 * it to {@code target/results.md}.
 *
 * <pre>
 * npm ci &amp;&amp; ./mvnw -B -pl benchmarks -am verify -Pbenchmarks
 * </pre>
 *
 * Flags for smaller runs (pass them with {@code -Dbenchmarks.args="..."}): {@code
 * --only=A,B,C,C2,D,E}, {@code --a-objects=N}, {@code --baseline-objects=N} (0: every object),
 * {@code --b-records=N}, {@code --b-objects=N}, {@code --c-days=N}, {@code --latency-ms=N}, {@code
 * --results=PATH}, {@code --d-objects=N}, {@code --d-plan-only-objects=N} (0: none), {@code
 * --d-restore-objects=N} (0: no restore through the worker, the slow-listing one included), {@code
 * --a-stores=folder,folder+latency,azurite,azurite+latency}, {@code --e-objects=N}.
 */
public final class Benchmarks {

  /** The sizes of the runs; the defaults are the documented ones. */
  record Options(
      Set<String> only,
      int aObjects,
      long baselineObjects,
      long bRecords,
      int bObjects,
      int cDays,
      long latencyMs,
      Path results,
      long dObjects,
      long dPlanOnlyObjects,
      long dRestoreObjects,
      Set<String> aStores,
      int eObjects) {

    static Options parse(String[] args) {
      Set<String> only = Set.of("A", "B", "C", "C2", "D", "E");
      int aObjects = 20_000;
      long baselineObjects = 300;
      long bRecords = 2_000_000;
      int bObjects = 200;
      int cDays = 30;
      long latencyMs = 20;
      Path results = Path.of("target", "results.md");
      long dObjects = 1_000_000;
      long dPlanOnlyObjects = 10_000_000;
      long dRestoreObjects = 30_000;
      Set<String> aStores = A_STORES;
      int eObjects = 120_000;
      for (String arg : args) {
        if (arg.isBlank()) {
          continue;
        }
        String[] kv = arg.split("=", 2);
        String value = kv.length > 1 ? kv[1] : "";
        switch (kv[0]) {
          case "--only" -> only = Set.of(value.toUpperCase(Locale.ROOT).split(","));
          case "--a-objects" -> aObjects = Integer.parseInt(value);
          case "--baseline-objects" -> baselineObjects = Long.parseLong(value);
          case "--b-records" -> bRecords = Long.parseLong(value);
          case "--b-objects" -> bObjects = Integer.parseInt(value);
          case "--c-days" -> cDays = Integer.parseInt(value);
          case "--latency-ms" -> latencyMs = Long.parseLong(value);
          case "--results" -> results = Path.of(value);
          case "--d-objects" -> dObjects = Long.parseLong(value);
          case "--d-plan-only-objects" -> dPlanOnlyObjects = Long.parseLong(value);
          case "--d-restore-objects" -> dRestoreObjects = Long.parseLong(value);
          case "--a-stores" -> aStores = aStores(value);
          case "--e-objects" -> eObjects = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown flag " + arg);
        }
      }
      return new Options(
          only,
          aObjects,
          baselineObjects,
          bRecords,
          bObjects,
          cDays,
          latencyMs,
          results,
          dObjects,
          dPlanOnlyObjects,
          dRestoreObjects,
          aStores,
          eObjects);
    }

    /** Scenario A's stores: the folder and Azurite, each without and with the added latency. */
    static final Set<String> A_STORES =
        Set.of("folder", "folder+latency", "azurite", "azurite+latency");

    private static Set<String> aStores(String value) {
      Set<String> stores = Set.of(value.toLowerCase(Locale.ROOT).split(","));
      for (String store : stores) {
        if (!A_STORES.contains(store)) {
          throw new IllegalArgumentException(
              "unknown store '" + store + "' in --a-stores; known: " + A_STORES);
        }
      }
      return stores;
    }
  }

  /** What every scenario works with. */
  record Bench(
      Options options,
      LocalKafkaConnect cluster,
      Optional<Azurite> azurite,
      Results results,
      PrintStream out) {

    void log(String format, Object... args) {
      out.printf(
          Locale.ROOT,
          "%s  %s%n",
          LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm:ss")),
          String.format(Locale.ROOT, format, args));
      out.flush();
    }
  }

  private Benchmarks() {}

  public static void main(String[] args) {
    int status;
    try {
      run(Options.parse(args), System.out);
      status = 0;
    } catch (Exception | OutOfMemoryError e) {
      System.err.println("The benchmarks failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  static Results run(Options options, PrintStream out) throws Exception {
    long started = System.nanoTime();
    Results results = new Results();
    Optional<Path> azuriteBinary = Azurite.installed();
    Azurite azurite = null;
    try {
      if (azuriteBinary.isPresent()) {
        azurite = Azurite.start(azuriteBinary.get());
      } else {
        out.println("Azurite is not installed (run 'npm ci'): the Azurite runs are left out");
      }
      try (LocalKafkaConnect cluster = LocalKafkaConnect.start("timeshard-benchmarks")) {
        Bench bench = new Bench(options, cluster, Optional.ofNullable(azurite), results, out);
        bench.log(
            "Broker and worker up; %d cores, max heap %s",
            Runtime.getRuntime().availableProcessors(), Results.mib(HeapSampler.maxHeap()));
        if (options.only().contains("A")) {
          new ScenarioA(bench).run();
        }
        if (options.only().contains("B")) {
          new ScenarioB(bench).run();
        }
        if (options.only().contains("C")) {
          new ScenarioC(bench).run();
        }
        if (options.only().contains("C2")) {
          new ScenarioC2(bench).run();
        }
        if (options.only().contains("D")) {
          new ScenarioD(bench).run();
        }
        if (options.only().contains("E")) {
          new ScenarioE(bench).run();
        }
      }
    } finally {
      if (azurite != null) {
        azurite.close();
      }
    }
    double minutes = (System.nanoTime() - started) / 60e9;
    String report =
        String.format(
                Locale.ROOT,
                "# Timeshard restore benchmarks%n%n%s, %d cores, Java %s, max heap %s;"
                    + " %.1f minutes.%n%n",
                machine(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                Results.mib(HeapSampler.maxHeap()),
                minutes)
            + results.table();
    out.println();
    out.print(report);
    Path file = options.results().toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, report);
    out.println();
    out.println("Written to " + file);
    return results;
  }

  private static String machine() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the OS name will do.
    }
    return System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }
}
