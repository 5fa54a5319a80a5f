package io.timeshard.connect.plan;

import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioner;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.listing.ObjectLister;
import io.timeshard.partitioner.split.StreamWeight;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the backup in the background, off the herder's thread, at start and then at every poll
 * interval; reports when the set of partition streams changes, so that the connector can ask for
 * new task assignments.
 */
public final class BackupWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BackupWatcher.class);

  private final ObjectLister lister;
  private final RestorePartitioner partitioner;
  private final PlanRequest request;
  private final Duration interval;
  private final Consumer<RestorePlan> onFirstPlan;
  private final Runnable onChange;
  private final Consumer<Throwable> onFailure;
  private final ScheduledExecutorService scheduler;
  private final CountDownLatch planned = new CountDownLatch(1);

  private volatile List<StreamWeight> streams = List.of();
  private volatile boolean failed;

  /**
   * @param onFirstPlan checks the first plan (the destination check); throwing fails the connector
   * @param onChange called when the partition streams change after the first plan
   * @param onFailure called when the first plan fails; later failures are logged and retried
   */
  public BackupWatcher(
      String name,
      ObjectLister lister,
      RestorePartitioner partitioner,
      PlanRequest request,
      Duration interval,
      Consumer<RestorePlan> onFirstPlan,
      Runnable onChange,
      Consumer<Throwable> onFailure) {
    this.lister = lister;
    this.partitioner = partitioner;
    this.request = request;
    this.interval = interval;
    this.onFirstPlan = onFirstPlan;
    this.onChange = onChange;
    this.onFailure = onFailure;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, name + "-backup-watcher");
              thread.setDaemon(true);
              return thread;
            });
  }

  public void start() {
    scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    if (failed) {
      return;
    }
    boolean first = planned.getCount() > 0;
    long started = System.nanoTime();
    try {
      RestorePlan plan = partitioner.plan(lister, request);
      List<StreamWeight> weights = plan.streams().stream().map(StreamWeight::of).toList();
      if (first) {
        log.info(
            "Planned {} partition streams, {} objects, {} bytes in {} ms ({} LIST calls, {} time"
                + " folders pruned, {} keys skipped, {} of another format, {} misplaced, {}"
                + " tombstone objects, {} orphan companions skipped)",
            weights.size(),
            plan.objectCount(),
            plan.bytes(),
            (System.nanoTime() - started) / 1_000_000,
            plan.stats().listCalls(),
            plan.stats().foldersPruned(),
            plan.stats().unrecognised(),
            plan.stats().otherFormat(),
            plan.stats().misplaced(),
            plan.stats().tombstoneObjects(),
            plan.stats().orphanCompanions());
        if (plan.isEmpty()) {
          log.info(
              "Nothing to restore: the backup holds no {} objects for {} in the window {}",
              request.format(),
              request.topics(),
              request.window());
        }
        onFirstPlan.accept(plan);
        streams = weights;
        planned.countDown();
        return;
      }
      if (!partitionsOf(weights).equals(partitionsOf(streams))) {
        log.info(
            "The backup's partition streams changed from {} to {}; reassigning tasks",
            partitionsOf(streams),
            partitionsOf(weights));
        streams = weights;
        onChange.run();
      }
    } catch (RuntimeException e) {
      if (first) {
        failed = true;
        planned.countDown();
        onFailure.accept(e);
      } else {
        log.warn("Looking for new partition streams failed; trying again in {}", interval, e);
      }
    }
  }

  private static Set<TopicPartition> partitionsOf(List<StreamWeight> weights) {
    Set<TopicPartition> partitions =
        new TreeSet<>(
            Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
    weights.forEach(w -> partitions.add(w.topicPartition()));
    return partitions;
  }

  /** The streams of the latest plan, waiting up to {@code timeout} for the first. */
  public List<StreamWeight> streams(Duration timeout) throws InterruptedException {
    if (!planned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      log.info("The backup is still being planned; tasks will be assigned when it is done");
    }
    return streams;
  }

  public boolean isPlanned() {
    return planned.getCount() == 0 && !failed;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
