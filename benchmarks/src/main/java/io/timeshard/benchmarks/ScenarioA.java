package io.timeshard.benchmarks;

import io.timeshard.benchmarks.Benchmarks.Bench;
import io.timeshard.connect.store.ObjectStore;
import io.timeshard.connect.store.ObjectStores;
import io.timeshard.quickstart.AzureContainerBackup;
import io.timeshard.quickstart.LicensedStrategyBaseline;
import io.timeshard.quickstart.LocalFolderBackup;
import io.timeshard.quickstart.MeasuredStoreProvider;
import io.timeshard.quickstart.RestoreRun;
import io.timeshard.quickstart.ShoeCustomers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Scenario A, many tiny objects: the quickstart's time-based backup, one Avro object per record, 4
 * partitions, restored with tasks.max 1, 2 and 4 from a local folder and from Azurite, each also
 * with a fixed latency added to every store request; and, against the same stores, the licensed
 * connectors' strategy. Nothing is measured before a warm-up restore of a tenth of the objects.
 */
final class ScenarioA {

  private static final int PARTITIONS = 4;
  private static final List<Integer> TASKS = List.of(1, 2, 4);

  /** One way of reaching the backup. */
  private record Store(String name, Map<String, String> config, long latencyMs, boolean azurite) {

    /** Its name in {@code --a-stores}. */
    String key() {
      return (azurite ? "azurite" : "folder") + (latencyMs > 0 ? "+latency" : "");
    }
  }

  private final Bench bench;
  private int restores;

  ScenarioA(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    int perPartition = bench.options().aObjects() / PARTITIONS;
    long objects = (long) perPartition * PARTITIONS;
    long latency = bench.options().latencyMs();
    String scenario = "A: " + Results.count(objects) + " one-record objects";
    warmUp(perPartition);
    try (LocalFolderBackup local = LocalFolderBackup.create("timeshard-bench-a-")) {
      long started = System.nanoTime();
      ShoeCustomers.write(local.sink(), PARTITIONS, perPartition);
      bench.log(
          "A: wrote %,d objects to %s in %.1f s",
          objects, local.describe(), (System.nanoTime() - started) / 1e9);
      List<Store> stores = new ArrayList<>();
      stores.add(new Store("local folder", local.connectorConfig(), 0, false));
      stores.add(
          new Store(
              "local folder + " + latency + " ms",
              MeasuredStoreProvider.around(local.connectorConfig(), "file", latency, "a-local"),
              latency,
              false));
      AzureContainerBackup azure = null;
      LatencyProxy proxy = null;
      try {
        if (bench.azurite().isPresent()
            && (bench.options().aStores().contains("azurite")
                || bench.options().aStores().contains("azurite+latency"))) {
          String endpoint = bench.azurite().get().endpoint();
          azure = AzureContainerBackup.createInAzurite(endpoint, "bench-a");
          started = System.nanoTime();
          for (String key : local.sink().keys()) {
            azure.sink().put(key, local.sink().get(key));
          }
          azure.awaitWritten();
          bench.log("A: uploaded them to Azurite in %.1f s", (System.nanoTime() - started) / 1e9);
          proxy = LatencyProxy.start(bench.azurite().get().port(), latency);
          stores.add(new Store("Azurite", azure.connectorConfig(), 0, true));
          stores.add(
              new Store(
                  "Azurite + " + latency + " ms proxy",
                  azure.connectorConfig(Azurite.endpoint(proxy.port())),
                  latency,
                  true));
        }
        for (Store store : stores) {
          if (!bench.options().aStores().contains(store.key())) {
            continue;
          }
          runStore(scenario, store, perPartition, objects);
        }
      } finally {
        if (proxy != null) {
          proxy.close();
        }
        if (azure != null) {
          azure.close();
        }
      }
    }
  }

  /**
   * Restores a backup of its own, a tenth of the size, once before anything is measured. The JIT
   * compiles the restore's, Connect's and the producer's per-record paths in the first seconds a
   * JVM runs them: without it the first restore measured (tasks.max=1) paid for that, about a
   * second, and the runs after it found it done. A worker restoring a real backup for hours pays it
   * once.
   */
  private void warmUp(int perPartition) throws Exception {
    int warmUpPerPartition = Math.max(1, perPartition / 10);
    try (LocalFolderBackup warmUp = LocalFolderBackup.create("timeshard-bench-a-warm-up-")) {
      ShoeCustomers.write(warmUp.sink(), PARTITIONS, warmUpPerPartition);
      RestoreRun.Result result =
          restore(
              new Store("warm-up folder", warmUp.connectorConfig(), 0, false),
              1,
              warmUpPerPartition);
      if (result.total() != (long) warmUpPerPartition * PARTITIONS || !result.allInOrder()) {
        throw new IllegalStateException("The warm-up restore lost records or their order");
      }
      bench.log(
          "A: warmed up with %,d objects (tasks.max=1, not measured) in %.2f s",
          result.total(), result.seconds());
    }
  }

  /**
   * Records/s of one task on the local folder without latency on main before the adaptive
   * read-ahead and the schema cache by bytes (docs/performance.md, the run of that change).
   */
  static final double ONE_TASK_BEFORE = 5_458;

  /**
   * Restores measured per store and tasks.max on the local folder: a restore of 20,000 objects
   * lasts a second or two there, and one run of it varies by a third on a shared two-core machine.
   * The median is reported. Azurite's restores, some 20 s each, run once: three would take the
   * whole command past 15 minutes.
   */
  private static final int FOLDER_RUNS = 3;

  /** The run of median wall time. */
  private static RestoreRun.Result median(List<RestoreRun.Result> runs) {
    List<RestoreRun.Result> sorted = new ArrayList<>(runs);
    sorted.sort(java.util.Comparator.comparingDouble(RestoreRun.Result::seconds));
    return sorted.get(sorted.size() / 2);
  }

  /** Wall times of the store without latency, by tasks.max: what hiding the latency aims at. */
  private final Map<Integer, Double> noLatency = new TreeMap<>();

  private void runStore(String scenario, Store store, int perPartition, long objects)
      throws Exception {
    Baseline baseline = baseline(store, objects);
    bench.results().add(scenario, store.name(), "baseline: licensed strategy", baseline.describe());
    Map<Integer, Double> seconds = new TreeMap<>();
    for (int tasks : TASKS) {
      double azuriteCpu = store.azurite() ? bench.azurite().get().cpuSeconds() : -1;
      List<RestoreRun.Result> runs = new ArrayList<>();
      for (int run = 0; run < (store.azurite() ? 1 : FOLDER_RUNS); run++) {
        runs.add(restore(store, tasks, perPartition));
      }
      RestoreRun.Result result = median(runs);
      seconds.put(tasks, result.seconds());
      String measured =
          String.format(
              java.util.Locale.ROOT,
              "%s, %s records/s, order %s, JVM busy %.1f cores%s",
              Results.seconds(result.seconds()),
              Results.count(Math.round(result.total() / result.seconds())),
              result.allInOrder() ? "kept" : "WRONG",
              result.coresBusy(),
              runs.size() == 1
                  ? ""
                  : String.format(
                      java.util.Locale.ROOT,
                      " (median of %d: %s)",
                      runs.size(),
                      String.join(
                          ", ", runs.stream().map(r -> Results.seconds(r.seconds())).toList())));
      if (azuriteCpu >= 0) {
        // Azurite is one Node.js process: near 100% of a core it is the bottleneck.
        double busy =
            (bench.azurite().get().cpuSeconds() - azuriteCpu)
                / runs.stream().mapToDouble(RestoreRun.Result::seconds).sum();
        measured +=
            String.format(java.util.Locale.ROOT, ", Azurite busy %.0f%% of a core", busy * 100);
      }
      boolean complete = runs.stream().allMatch(r -> r.total() == objects && r.allInOrder());
      if (store.latencyMs() == 0 && !store.azurite()) {
        noLatency.put(tasks, result.seconds());
      }
      if (store.latencyMs() == 0 && !store.azurite() && tasks == 1) {
        double rate = result.total() / result.seconds();
        bench
            .results()
            .add(
                scenario,
                store.name(),
                "tasks.max=1",
                measured
                    + String.format(
                        java.util.Locale.ROOT,
                        "; %.1fx main's %s",
                        rate / ONE_TASK_BEFORE,
                        Results.count(Math.round(ONE_TASK_BEFORE))),
                ">= 2x main's records/s",
                complete && rate >= 2 * ONE_TASK_BEFORE);
      } else if (store.latencyMs() > 0 && tasks == 1) {
        double speedUp = baseline.estimatedSeconds() / result.seconds();
        bench
            .results()
            .add(
                scenario,
                store.name(),
                "tasks.max=1",
                measured + "; " + Results.ratio(speedUp) + "x the baseline",
                ">= 50x the baseline",
                complete && speedUp >= 50);
      } else if (store.latencyMs() > 0 && tasks == 4) {
        double share = result.seconds() / seconds.get(1);
        Double hidden = store.azurite() ? null : noLatency.get(4);
        String versus =
            hidden == null
                ? ""
                : String.format(
                    java.util.Locale.ROOT,
                    ", %.2f of the wall time without latency",
                    result.seconds() / hidden);
        bench
            .results()
            .add(
                scenario,
                store.name(),
                "tasks.max=4",
                measured + "; " + Results.ratio(share) + " of tasks.max=1" + versus,
                "<= 0.3 of tasks.max=1, or within 10% of the wall time without latency",
                complete && (share <= 0.3 || (hidden != null && result.seconds() <= 1.1 * hidden)));
      } else {
        bench
            .results()
            .add(
                scenario,
                store.name(),
                "tasks.max=" + tasks,
                measured,
                "all records, in order",
                complete);
      }
    }
  }

  /** The baseline's measurement, over a sample of the objects when it would take too long. */
  private record Baseline(LicensedStrategyBaseline.Result result, long allObjects) {
    double estimatedSeconds() {
      return result.seconds() * allObjects / Math.max(1, result.objects());
    }

    String describe() {
      double perObject = result.seconds() * 1000 / Math.max(1, result.objects());
      String calls =
          String.format(
              java.util.Locale.ROOT,
              "%.1f ms an object (%s LIST, %s GET)",
              perObject,
              Results.count(result.listCalls()),
              Results.count(result.getCalls()));
      if (result.objects() >= allObjects) {
        return Results.seconds(result.seconds()) + ", " + calls;
      }
      return String.format(
          java.util.Locale.ROOT,
          "%s estimated: %s over the first %s objects in its order",
          Results.seconds(estimatedSeconds()),
          calls,
          Results.count(result.objects()));
    }
  }

  private Baseline baseline(Store store, long objects) throws Exception {
    String destination = "bench-a-baseline-" + (++restores);
    bench.cluster().createTopic(destination, PARTITIONS);
    long sample =
        bench.options().baselineObjects() <= 0
            ? objects
            : Math.min(objects, bench.options().baselineObjects());
    Map<String, Object> producerConfig = new HashMap<>();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.cluster().bootstrapServers());
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    bench.log("A: baseline on %s, %,d objects", store.name(), sample);
    try (ObjectStore objectStore = ObjectStores.open(store.config());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
      LicensedStrategyBaseline.Result result =
          new LicensedStrategyBaseline(objectStore, producer, destination)
              .run("topics/" + ShoeCustomers.TOPIC + "/", sample);
      Baseline baseline = new Baseline(result, objects);
      bench.log("A: baseline on %s: %s", store.name(), baseline.describe());
      return baseline;
    }
  }

  private RestoreRun.Result restore(Store store, int tasks, int perPartition) throws Exception {
    return restore(store, tasks, perPartition, Map.of());
  }

  private RestoreRun.Result restore(
      Store store, int tasks, int perPartition, Map<String, String> overrides) throws Exception {
    String destination = "bench-a-" + (++restores);
    Map<String, String> config = ShoeCustomers.restoreConfig(tasks, destination);
    config.putAll(store.config());
    config.putAll(overrides);
    Map<Integer, Long> expected = RestoreRun.sameCount(PARTITIONS, perPartition);
    RestoreRun.Result result =
        new RestoreRun(bench.cluster())
            .timeout(Duration.ofMinutes(10))
            .progress(
                Duration.ofSeconds(10),
                (elapsed, restored) ->
                    bench.log(
                        "A: %s, tasks.max=%d: %,d records after %.0f s",
                        store.name(),
                        tasks,
                        restored.values().stream().mapToLong(Long::longValue).sum(),
                        elapsed))
            .run(
                destination,
                config,
                destination,
                expected,
                partition -> index -> ShoeCustomers.id(partition, index));
    bench.log(
        "A: %s, tasks.max=%d: %,d records in %.1f s, order %s",
        store.name(),
        tasks,
        result.total(),
        result.seconds(),
        result.allInOrder() ? "kept" : "WRONG");
    return result;
  }
}
