package io.timeshard.connect.plan;

import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioner;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.WatchWindow;
import io.timeshard.partitioner.listing.ObjectLister;
import io.timeshard.partitioner.split.StreamWeight;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the backup in the background, off the herder's thread, at start and then at every poll
 * interval; reports when the first plan lands and when the set of partition streams changes, so
 * that the connector asks Connect for new task assignments.
 *
 * <p>Nothing waits for a plan: until the first plan lands the connector has no streams to assign,
 * and the moment it lands it asks for task assignments again. A first plan that fails (the store
 * unreachable, throttling, a permission being granted) is tried again after a back-off that grows
 * to the poll interval, as MirrorMaker's connectors do; only a failed destination check, which no
 * retry can mend, fails the connector. Any {@link Throwable}, an {@link Error} included, is logged
 * and the watcher goes on: it is never silently cancelled.
 */
public final class BackupWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BackupWatcher.class);

  /** The first retry of a failed first plan; each further one waits twice as long. */
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private final ObjectLister lister;
  private final RestorePartitioner partitioner;
  private final PlanRequest request;
  private final Duration interval;
  private final boolean watch;
  private final WatchWindow watchWindow;
  private final Consumer<RestorePlan> onFirstPlan;
  private final Runnable onChange;
  private final Consumer<Throwable> onFailure;
  private final ScheduledExecutorService scheduler;

  private volatile List<StreamWeight> streams = List.of();
  private volatile boolean planned;
  private volatile boolean failed;
  private volatile long refreshes;
  private int firstPlanFailures;

  /**
   * @param watch whether to keep looking for new partition streams after the first plan; with
   *     {@code false} (a one-shot restore) the watcher lists nothing after its first plan
   * @param lookBack how far before the newest time folder seen a refresh still lists
   * @param onFirstPlan checks the first plan (the destination check); throwing fails the connector
   * @param onChange called when the first plan lands, and when the partition streams change after
   * @param onFailure called when the first plan cannot be used and retrying cannot mend it
   */
  public BackupWatcher(
      String name,
      ObjectLister lister,
      RestorePartitioner partitioner,
      PlanRequest request,
      Duration interval,
      boolean watch,
      Duration lookBack,
      Consumer<RestorePlan> onFirstPlan,
      Runnable onChange,
      Consumer<Throwable> onFailure) {
    this.lister = lister;
    this.partitioner = partitioner;
    this.request = request;
    this.interval = interval;
    this.watch = watch;
    this.watchWindow = new WatchWindow(request.window(), lookBack);
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
    schedule(Duration.ZERO);
  }

  private void schedule(Duration delay) {
    try {
      scheduler.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed: the connector is stopping.
    }
  }

  /** One refresh, then the next one scheduled whatever happened. */
  private void run() {
    Duration next = interval;
    try {
      next = refresh();
    } catch (Throwable t) {
      // ScheduledExecutorService would cancel a periodic task on any throwable, silently; this
      // one is scheduled anew each time and logs what went wrong.
      log.error("Looking at the backup failed unexpectedly; trying again in {}", interval, t);
    } finally {
      refreshes++;
      if (!failed && next != null && !scheduler.isShutdown()) {
        schedule(next);
      }
    }
  }

  /** Plans once; returns when to plan next, or {@code null} for never. */
  private Duration refresh() {
    boolean first = !planned;
    long started = System.nanoTime();
    RestorePlan plan;
    try {
      // After the first plan, only where new objects can appear.
      plan =
          first
              ? partitioner.plan(lister, request)
              : partitioner.refresh(lister, request, watchWindow);
    } catch (RuntimeException e) {
      if (!first) {
        log.warn("Looking for new partition streams failed; trying again in {}", interval, e);
        return interval;
      }
      firstPlanFailures++;
      Duration retry = backOff(firstPlanFailures);
      log.warn(
          "Planning the restore failed (attempt {}); trying again in {}. Tasks are assigned"
              + " once a plan succeeds. Cause: {}",
          firstPlanFailures,
          retry,
          e.toString(),
          e);
      return retry;
    }
    watchWindow.saw(plan);
    List<StreamWeight> weights = plan.streams().stream().map(StreamWeight::of).toList();
    if (first) {
      log.info(
          "Planned {} partition streams, {} objects, {} bytes in {} ms ({} LIST calls, {} time"
              + " folders pruned, {} objects pruned by time of last change ({}), {} keys"
              + " skipped, {} of another format, {} misplaced, {} tombstone objects, {} orphan"
              + " companions skipped)",
          weights.size(),
          plan.objectCount(),
          plan.bytes(),
          (System.nanoTime() - started) / 1_000_000,
          plan.stats().listCalls(),
          plan.stats().foldersPruned(),
          plan.stats().prunedByLastModified(),
          request.lastModifiedPruning(),
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
      try {
        onFirstPlan.accept(plan);
      } catch (RuntimeException e) {
        failed = true;
        onFailure.accept(e);
        return null;
      }
      streams = weights;
      planned = true;
      onChange.run();
      return watch ? interval : null;
    }
    // A refresh sees only the newest folders: it adds streams, it never removes one.
    Set<TopicPartition> known = partitionsOf(streams);
    List<StreamWeight> added =
        weights.stream().filter(w -> !known.contains(w.topicPartition())).toList();
    if (!added.isEmpty()) {
      List<StreamWeight> all = new ArrayList<>(streams);
      all.addAll(added);
      log.info("New partition streams in the backup: {}; reassigning tasks", partitionsOf(added));
      streams = List.copyOf(all);
      onChange.run();
    }
    return interval;
  }

  private Duration backOff(int failures) {
    long millis = FIRST_RETRY.toMillis() << Math.min(failures - 1, 20);
    return Duration.ofMillis(Math.min(millis, interval.toMillis()));
  }

  private static Set<TopicPartition> partitionsOf(List<StreamWeight> weights) {
    Set<TopicPartition> partitions =
        new TreeSet<>(
            Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
    weights.forEach(w -> partitions.add(w.topicPartition()));
    return partitions;
  }

  /** The streams of the latest plan; none before the first plan lands. Never waits. */
  public List<StreamWeight> streams() {
    return streams;
  }

  public boolean isPlanned() {
    return planned;
  }

  /** How many refreshes have run, for tests. */
  public long refreshes() {
    return refreshes;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
