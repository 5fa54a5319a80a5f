package io.timeshard.connect.plan;

import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioner;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.listing.ObjectLister;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's plan of the whole backup, made once in the background, off the herder's thread:
 * it logs what the backup holds, checks the destination, and offers the plan to the tasks in the
 * same worker (see {@link PlanHandoff}).
 *
 * <p>Nothing waits for it: the connector's task configurations do not depend on the backup, and
 * each task finds its own streams, new ones included. A first plan that fails (the store
 * unreachable, throttling, a permission being granted) is tried again after a back-off that grows
 * to the poll interval; the tasks meanwhile plan for themselves. Within an attempt, a page the
 * store fails to give is asked for again ({@link RetriedPages}), so that a flaky store does not
 * make a plan of hundreds of pages start over at each failure. Only a failed destination check,
 * which no retry can mend, fails the connector. Any {@link Throwable}, an {@link Error} included,
 * is logged and planning goes on: it is never silently cancelled.
 */
public final class FirstPlan implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FirstPlan.class);

  /** The first retry of a failed plan; each further one waits twice as long. */
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private final ObjectLister lister;
  private final RestorePartitioner partitioner;
  private final PlanRequest request;
  private final Duration interval;
  private final Duration pageRetries;
  private final Consumer<RestorePlan> onPlan;
  private final Runnable onAttemptFailed;
  private final Consumer<Throwable> onFailure;
  private final ScheduledExecutorService scheduler;

  private volatile boolean planned;
  private int failures;

  /**
   * @param interval the longest wait between two attempts
   * @param pageRetries how long an attempt asks again for a listing page the store fails to give
   *     ({@link RetriedPages}), rather than starting over
   * @param onPlan checks the plan and hands it on; throwing fails the connector
   * @param onAttemptFailed called when an attempt fails and another is scheduled
   * @param onFailure called when the plan cannot be used and retrying cannot mend it
   */
  public FirstPlan(
      String name,
      ObjectLister lister,
      RestorePartitioner partitioner,
      PlanRequest request,
      Duration interval,
      Duration pageRetries,
      Consumer<RestorePlan> onPlan,
      Runnable onAttemptFailed,
      Consumer<Throwable> onFailure) {
    this.lister = lister;
    this.partitioner = partitioner;
    this.request = request;
    this.interval = interval;
    this.pageRetries = pageRetries;
    this.onPlan = onPlan;
    this.onAttemptFailed = onAttemptFailed;
    this.onFailure = onFailure;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, name + "-first-plan");
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

  private void run() {
    Duration next;
    try {
      next = attempt();
    } catch (Throwable t) {
      // Anything else, an Error included, is logged and tried again.
      failures++;
      next = backOff(failures);
      log.error("Planning the restore failed unexpectedly; trying again in {}", next, t);
      onAttemptFailed.run();
    }
    if (next != null && !scheduler.isShutdown()) {
      schedule(next);
    }
  }

  /** Plans once; returns when to try again, or {@code null} when done. */
  private Duration attempt() {
    long started = System.nanoTime();
    RestorePlan plan;
    try {
      plan =
          partitioner.plan(new RetriedPages(lister, pageRetries, scheduler::isShutdown), request);
    } catch (RuntimeException e) {
      failures++;
      Duration retry = backOff(failures);
      log.warn(
          "Planning the restore failed (attempt {}); trying again in {}. The tasks plan their"
              + " own partition streams meanwhile. Cause: {}",
          failures,
          retry,
          e.toString(),
          e);
      onAttemptFailed.run();
      return retry;
    }
    log.info(
        "Planned {} partition streams, {} objects, {} bytes in {} ms ({} LIST calls, {} time"
            + " folders pruned, {} objects pruned by time of last change ({}), {} keys"
            + " skipped, {} of another format, {} misplaced, {} tombstone objects, {} orphan"
            + " companions skipped)",
        plan.streams().size(),
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
          "Nothing to restore yet: the backup holds no {} objects for {} in the window {}",
          request.format(),
          request.topics(),
          request.window());
    }
    try {
      onPlan.accept(plan);
    } catch (RuntimeException e) {
      onFailure.accept(e);
      return null;
    }
    planned = true;
    return null;
  }

  private Duration backOff(int failures) {
    long millis = FIRST_RETRY.toMillis() << Math.min(failures - 1, 20);
    return Duration.ofMillis(Math.min(millis, interval.toMillis()));
  }

  /** Whether the plan landed and passed its checks. */
  public boolean isPlanned() {
    return planned;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
