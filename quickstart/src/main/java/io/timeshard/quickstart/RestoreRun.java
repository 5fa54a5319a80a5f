package io.timeshard.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.LongUnaryOperator;

/**
 * Runs one restore on a {@link LocalKafkaConnect} and measures it: starts the connector, waits
 * until the destination topic holds every record (reporting progress meanwhile), and checks each
 * partition's order against the backup's.
 */
public final class RestoreRun {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CHECK_EVERY_MS = 100;

  /** Told about the records restored so far, about once every {@code progressEvery}. */
  @FunctionalInterface
  public interface Progress {
    void report(double elapsedSeconds, Map<Integer, Long> restored);
  }

  /**
   * What a restore did.
   *
   * @param seconds wall time from creating the connector to the last record in the topic
   * @param restored records in each destination partition
   * @param inOrder per partition: whether its ids are the backup's, in the backup's order ({@code
   *     null} when order was not checked)
   * @param cpuSeconds CPU time this process (broker, worker and all) used meanwhile; -1 where the
   *     JVM does not tell
   */
  public record Result(
      String connector,
      int tasks,
      double seconds,
      Map<Integer, Long> restored,
      Map<Integer, Boolean> inOrder,
      double cpuSeconds) {

    /** Cores kept busy on average while the restore ran. */
    public double coresBusy() {
      return cpuSeconds < 0 ? -1 : cpuSeconds / seconds;
    }

    public long total() {
      return restored.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean allInOrder() {
      return inOrder != null && inOrder.values().stream().allMatch(Boolean::booleanValue);
    }
  }

  private final LocalKafkaConnect cluster;
  private Duration timeout = Duration.ofMinutes(5);
  private Duration progressEvery = Duration.ofSeconds(1);
  private Progress progress = (elapsed, restored) -> {};
  private Runnable whenRestored = () -> {};

  /** What {@link #run} expects of a backup with {@code perPartition} records in each partition. */
  public static Map<Integer, Long> sameCount(int partitions, long perPartition) {
    Map<Integer, Long> expected = new java.util.TreeMap<>();
    for (int p = 0; p < partitions; p++) {
      expected.put(p, perPartition);
    }
    return expected;
  }

  public RestoreRun(LocalKafkaConnect cluster) {
    this.cluster = cluster;
  }

  public RestoreRun timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** Runs as soon as every record is in the topic, before the connector is deleted. */
  public RestoreRun whenRestored(Runnable whenRestored) {
    this.whenRestored = whenRestored;
    return this;
  }

  public RestoreRun progress(Duration every, Progress progress) {
    this.progressEvery = every;
    this.progress = progress;
    return this;
  }

  /**
   * Restores into {@code destination} (created here with {@code expected}'s partitions) and waits
   * for {@code expected} records per partition; the connector is deleted afterwards.
   *
   * @param expectedIds when not {@code null}, the id of record {@code i} of a partition, read from
   *     the {@code id} field of each JSON value to check the partition's order
   */
  public Result run(
      String connector,
      Map<String, String> config,
      String destination,
      Map<Integer, Long> expected,
      IntFunction<LongUnaryOperator> expectedIds)
      throws InterruptedException {
    cluster.createTopic(destination, expected.size());
    long total = expected.values().stream().mapToLong(Long::longValue).sum();
    long cpuBefore = processCpuNanos();
    long started = System.nanoTime();
    long nextReport = started + progressEvery.toNanos();
    long deadline = started + timeout.toNanos();
    cluster.startConnector(connector, config);
    Map<Integer, Long> restored;
    double seconds;
    long cpuAfter;
    try {
      long checks = 0;
      while (true) {
        restored = cluster.recordCounts(destination);
        long now = System.nanoTime();
        seconds = (now - started) / 1e9;
        if (sum(restored) >= total) {
          whenRestored.run();
          break;
        }
        if (now >= nextReport) {
          progress.report(seconds, restored);
          nextReport += progressEvery.toNanos();
        }
        if (++checks % 10 == 0) {
          String failure = cluster.failure(connector);
          if (failure != null) {
            throw new IllegalStateException("The restore '" + connector + "' failed: " + failure);
          }
        }
        if (now > deadline) {
          throw new IllegalStateException(
              String.format(
                  "The restore '%s' did not finish within %s: %d of %d records",
                  connector, timeout, sum(restored), total));
        }
        Thread.sleep(CHECK_EVERY_MS);
      }
      progress.report(seconds, restored);
    } finally {
      cpuAfter = processCpuNanos();
      cluster.deleteConnector(connector);
    }
    Map<Integer, Boolean> inOrder = null;
    if (expectedIds != null) {
      inOrder = checkOrder(destination, expected, expectedIds);
    }
    double cpuSeconds = cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) / 1e9;
    return new Result(
        connector,
        Integer.parseInt(config.get("tasks.max")),
        seconds,
        restored,
        inOrder,
        cpuSeconds);
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private Map<Integer, Boolean> checkOrder(
      String destination, Map<Integer, Long> expected, IntFunction<LongUnaryOperator> ids) {
    Map<Integer, long[]> seen = new TreeMap<>();
    Map<Integer, Boolean> inOrder = new TreeMap<>();
    Map<Integer, LongUnaryOperator> idOf = new TreeMap<>();
    for (int partition : expected.keySet()) {
      seen.put(partition, new long[1]);
      inOrder.put(partition, true);
      idOf.put(partition, ids.apply(partition));
    }
    cluster.readAll(
        destination,
        sum(expected),
        Duration.ofMinutes(5),
        (partition, value) -> {
          long[] index = seen.get(partition);
          if (index == null) {
            return;
          }
          if (idOf(value) != idOf.get(partition).applyAsLong(index[0])) {
            inOrder.put(partition, false);
          }
          index[0]++;
        });
    for (Map.Entry<Integer, Long> e : expected.entrySet()) {
      if (seen.get(e.getKey())[0] != e.getValue()) {
        inOrder.put(e.getKey(), false);
      }
    }
    return inOrder;
  }

  private static long idOf(byte[] json) {
    try {
      JsonNode id = JSON.readTree(json).get("id");
      return id == null ? Long.MIN_VALUE : id.asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long sum(Map<Integer, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
