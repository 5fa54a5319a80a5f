package io.timeshard.benchmarks;

import io.timeshard.benchmarks.Benchmarks.Bench;
import io.timeshard.fixtures.FaultInjectingProxy;
import io.timeshard.fixtures.FaultInjectingProxy.FaultPlan;
import io.timeshard.quickstart.AzureContainerBackup;
import io.timeshard.quickstart.RestoreRun;
import io.timeshard.quickstart.ShoeCustomers;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario E, a flaky store: a time-based backup of one-record objects in 12 partitions in Azurite
 * ({@code --e-objects}, 120,000 by default: the production case of issue 22), restored with {@code
 * tasks.max=4} and every other key at its default, once through a proxy that injects no fault and
 * once through the same proxy resetting 5% of the connections, answering 503 for 10 s of every
 * minute and stalling 1% of its answers for 5 s. Each run must restore every record in order with
 * no task failing; the faulty run at no less than half the fault-free run's records/s. The
 * connections each run opened to the proxy show the worker's one connection pool at work.
 */
final class ScenarioE {

  private static final int PARTITIONS = 12;
  private static final int TASKS = 4;
  private static final long SEED = 22;

  private final Bench bench;

  ScenarioE(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    if (bench.azurite().isEmpty()) {
      bench.log("E: Azurite is not installed: left out");
      return;
    }
    int perPartition = bench.options().eObjects() / PARTITIONS;
    long objects = (long) perPartition * PARTITIONS;
    String scenario = "E: " + Results.count(objects) + " one-record objects, flaky store";
    Azurite azurite = bench.azurite().get();
    try (AzureContainerBackup backup =
        AzureContainerBackup.createInAzurite(azurite.endpoint(), "bench-e")) {
      long started = System.nanoTime();
      ShoeCustomers.write(backup.sink(), PARTITIONS, perPartition);
      backup.awaitWritten();
      bench.log(
          "E: wrote %,d objects to Azurite in %.1f s",
          objects, (System.nanoTime() - started) / 1e9);

      Run clean = restore(backup, perPartition, FaultPlan.none(SEED), "fault-free");
      Run flaky = restore(backup, perPartition, FaultPlan.flakyCloud(SEED), "flaky");
      double share = flaky.rate() / clean.rate();
      bench
          .results()
          .add(
              scenario,
              "Azurite through a proxy, no fault",
              "tasks.max=" + TASKS,
              clean.describe(),
              "all records, in order, no task failed",
              clean.complete());
      bench
          .results()
          .add(
              scenario,
              "Azurite through a proxy: 5% resets, 503 10 s a minute, 1% stalled 5 s",
              "tasks.max=" + TASKS,
              flaky.describe() + "; " + Results.ratio(share) + " of the fault-free records/s",
              ">= 0.5 of the fault-free records/s, all records, in order, no task failed",
              flaky.complete() && share >= 0.5);
    }
  }

  /** One restore through the proxy. */
  private record Run(RestoreRun.Result result, long objects, FaultInjectingProxy proxy) {
    double rate() {
      return result.total() / result.seconds();
    }

    boolean complete() {
      return result.total() == objects && result.allInOrder();
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "%s, %s records/s, order %s; %s connections opened (%s open at the proxy at once at"
              + " most); %s resets, %s answers 503, %s stalled, of %s requests",
          Results.seconds(result.seconds()),
          Results.count(Math.round(rate())),
          result.allInOrder() ? "kept" : "WRONG",
          Results.count(proxy.connectionsOpened()),
          Results.count(proxy.peakConnections()),
          Results.count(proxy.resets()),
          Results.count(proxy.busyAnswers()),
          Results.count(proxy.stalls()),
          Results.count(proxy.requests()));
    }
  }

  private int restores;

  private Run restore(AzureContainerBackup backup, int perPartition, FaultPlan plan, String label)
      throws Exception {
    String destination = "bench-e-" + (++restores);
    try (FaultInjectingProxy proxy =
        FaultInjectingProxy.start(bench.azurite().get().port(), plan)) {
      Map<String, String> config = ShoeCustomers.restoreConfig(TASKS, destination);
      config.putAll(backup.connectorConfig(Azurite.endpoint(proxy.port())));
      Map<Integer, Long> expected = RestoreRun.sameCount(PARTITIONS, perPartition);
      RestoreRun.Result result =
          new RestoreRun(bench.cluster())
              .timeout(Duration.ofMinutes(20))
              .progress(
                  Duration.ofSeconds(15),
                  (elapsed, restored) ->
                      bench.log(
                          "E: %s: %,d records after %.0f s",
                          label,
                          restored.values().stream().mapToLong(Long::longValue).sum(),
                          elapsed))
              .run(
                  destination,
                  config,
                  destination,
                  expected,
                  partition -> index -> ShoeCustomers.id(partition, index));
      Run run = new Run(result, (long) perPartition * PARTITIONS, proxy);
      bench.log("E: %s: %s", label, run.describe());
      return run;
    }
  }
}
