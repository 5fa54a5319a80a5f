package io.timeshard.connect;

import io.timeshard.connect.fetch.EndpointReads;
import io.timeshard.connect.fetch.FetchFailure;
import io.timeshard.connect.fetch.ObjectBuffer;
import io.timeshard.connect.fetch.Prefetcher;
import io.timeshard.connect.plan.DestinationCheck;
import io.timeshard.connect.plan.PlanHandoff;
import io.timeshard.connect.plan.RetriedPages;
import io.timeshard.connect.progress.ProgressReporter;
import io.timeshard.connect.progress.RestoreProgress;
import io.timeshard.connect.restore.BackupRecord;
import io.timeshard.connect.restore.LateObjects;
import io.timeshard.connect.restore.ObjectDecoder;
import io.timeshard.connect.restore.RecordConverter;
import io.timeshard.connect.restore.RestorePosition;
import io.timeshard.connect.restore.TaskRestarts;
import io.timeshard.connect.restore.TaskServices;
import io.timeshard.connect.restore.TimestampField;
import io.timeshard.connect.store.ObjectStores;
import io.timeshard.connect.store.RetryPolicy;
import io.timeshard.connect.store.StoreException;
import io.timeshard.connect.store.StoreUnavailableException;
import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.PartitionStream;
import io.timeshard.partitioner.PlanRequest;
import io.timeshard.partitioner.RestorePartitioner;
import io.timeshard.partitioner.RestorePartitioners;
import io.timeshard.partitioner.RestorePlan;
import io.timeshard.partitioner.WatchWindow;
import io.timeshard.partitioner.split.TaskShare;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores its share of the partition streams ({@link TaskShare}: a function of each stream's topic
 * and partition, its index and the task count): plans the backup from the store (or takes the plan
 * its connector made in the same worker, see {@link PlanHandoff}) and keeps its own streams,
 * fetches their objects ahead on a few threads, and hands Connect each partition's records in
 * backup order, all partitions taking turns. Once everything is restored it stays up and looks for
 * new objects at the poll interval, new streams of its share included; a task whose share holds no
 * stream yet only looks.
 */
public class RestoreSourceTask extends SourceTask {

  private static final Logger log = LoggerFactory.getLogger(RestoreSourceTask.class);

  /**
   * The longest a poll waits, for a fetch to deliver or for the next look at the backup, before
   * returning nothing. Connect stops, pauses and rebalances a task only between polls, and tells
   * the task nothing while a poll runs: deleting a connector, or any rebalance, waits for its
   * tasks' polls to return.
   */
  static final long POLL_WAIT_MS = 100;

  private final Function<RestoreSourceTaskConfig, TaskServices> servicesFactory;

  private RestoreSourceTaskConfig config;
  private TaskServices services;
  private RestorePartitioner partitioner;
  private PlanRequest request;
  private WatchWindow watchWindow;
  private RecordConverter converter;
  private Prefetcher prefetcher;
  private RestoreProgress progress;
  private ProgressReporter reporter;
  private Predicate<TopicPartition> share;
  private String name;
  private long started;

  /** The task's streams, in the order found; only the poll's thread changes it. */
  private final List<TopicPartition> assigned = new ArrayList<>();

  private final Map<TopicPartition, Map<String, Object>> sourcePartitions = new HashMap<>();
  private final Map<TopicPartition, BackupObject> lastQueued = new HashMap<>();
  private final Map<TopicPartition, Optional<RestorePosition>> resumeFrom = new HashMap<>();
  private final LateObjects lateObjects = new LateObjects();

  /** The records {@link #take} moves out of a buffer at once; only the poll uses it. */
  private final List<BackupRecord> chunk = new ArrayList<>();

  /** The first retry of a failed first plan; each further one waits twice as long. */
  static final long FIRST_RETRY_MS = 1_000;

  /** The connector's plan in this worker, while the task waits for it. */
  private PlanHandoff.Pending handover;

  private boolean planned;
  private int planFailures;

  /** When the first plan started failing with no plan since; -1 while it does not fail. */
  private long planFailingSince = -1;

  private long nextPlanNanos;
  private int turn;
  private String taskName;

  /** The task's restarts by itself; {@code null} until the first. */
  private TaskRestarts restarts;

  /** Restarts with no object restored between them. */
  private int restartsInARow;

  /** When a task stopped by a failure opens its reads again; 0 while it runs. */
  private long restartAtNanos;

  /** What the reads stopped for a restart had left to restore. */
  private Map<TopicPartition, Prefetcher.Unfinished> unfinished = Map.of();

  /**
   * Held by a poll while it runs and by {@link #stop} while it closes: {@code stop()} may run on
   * another thread than {@code poll()}, and a poll must never touch a closed client or submit to a
   * shut-down executor. A poll that finds it taken, or the task stopping, returns nothing.
   */
  private final Semaphore access = new Semaphore(1);

  private volatile boolean stopping;

  public RestoreSourceTask() {
    this(TaskServicesFactory::create);
  }

  /** For tests: reads through the given store and formats. */
  public RestoreSourceTask(Function<RestoreSourceTaskConfig, TaskServices> servicesFactory) {
    this.servicesFactory = servicesFactory;
  }

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    started = System.nanoTime();
    config = new RestoreSourceTaskConfig(props);
    share = config.share();
    services = servicesFactory.apply(config);
    partitioner = RestorePartitioners.create(config.originalsStrings());
    // Every stream of the backup: the task keeps its share of each plan, and remembers where each
    // stream ended, so that a look for new objects lists as little as the connector's did.
    request = config.planRequest(services.valueFormat(), services.store());
    watchWindow = new WatchWindow(config.window(), config.watchLookBack());
    converter =
        new RecordConverter(
            config.window(),
            config.timestampField().map(field -> new TimestampField(field, config.restoreZone())),
            config.timestampFromField(),
            config.originHeader().orElse(null));
    name = props.getOrDefault("name", "restore");
    taskName = name + "-" + config.taskId();
    prefetcher = newPrefetcher();
    progress = new RestoreProgress();
    reporter = new ProgressReporter(progress, name, config.taskId());
    handover =
        PlanHandoff.take(
                name, RestoreSourceTaskConfig.connectorConfig(Map.copyOf(props)), config.taskId())
            .orElse(null);
    if (handover == null) {
      // Plans at once, each page tried once, so that start() never waits for a store that is
      // down; should that fail, the polls try again, asking again for the pages that fail. A plan
      // the connector is still making in this worker is awaited by the polls, which return at
      // once while it is pending.
      planFirst(Duration.ZERO);
    }
  }

  /**
   * Makes the first plan: the connector's, from this worker, when it plans or planned here; the
   * task's own listing otherwise, tried again after a back-off while it fails.
   *
   * @param pageRetries how long a page the store fails to give is asked for again, at most
   * @return whether the task is planned
   */
  private boolean planFirst(Duration pageRetries) {
    RestorePlan plan = null;
    boolean handedOver = false;
    if (handover != null) {
      try {
        if (!handover.await(Duration.ofMillis(POLL_WAIT_MS))) {
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      Optional<RestorePlan> offered = handover.plan();
      handover = null;
      if (offered.isPresent()) {
        plan = offered.get();
        handedOver = true;
      }
    }
    if (plan == null) {
      long wait = nextPlanNanos - System.nanoTime();
      if (planFailures > 0 && wait > 0) {
        sleep(Math.min(wait / 1_000_000 + 1, POLL_WAIT_MS));
        return false;
      }
      RetriedPages pages = new RetriedPages(services.store(), pageRetries, () -> stopping);
      try {
        plan = partitioner.plan(pages, request);
      } catch (RuntimeException e) {
        planFailures++;
        long now = System.nanoTime();
        // Since the last page listed: an attempt that gave up already waited the limit for one.
        planFailingSince =
            planFailingSince < 0 || pages.listedAPage() ? pages.lastPageNanos() : planFailingSince;
        Duration failing = Duration.ofNanos(now - planFailingSince);
        if (failing.compareTo(config.storeUnavailableTimeout()) >= 0) {
          // The store is gone, not loaded: a restart by itself may mend it, then the task fails.
          planFailingSince = -1;
          planFailures = 0;
          throw new ConnectException(
              "Task "
                  + taskName
                  + " could not plan its partition streams: no listing of "
                  + services.store().describe()
                  + " has succeeded for "
                  + failing.toSeconds()
                  + " s, at least restore.store.unavailable.timeout.ms; the last failure: "
                  + e,
              new StoreUnavailableException(e.getMessage(), e));
        }
        long retry =
            Math.min(
                FIRST_RETRY_MS << Math.min(planFailures - 1, 20), config.pollInterval().toMillis());
        nextPlanNanos = System.nanoTime() + retry * 1_000_000;
        log.warn(
            "Task {}-{} could not plan its partition streams (attempt {}); trying again in {} ms."
                + " Cause: {}",
            name,
            config.taskId(),
            planFailures,
            retry,
            e.toString(),
            e);
        return false;
      }
      // Not checked by the connector in this worker: the task checks every destination, as the
      // connector does, so that no task produces while another's destination is wrong.
      RestorePlan all = plan;
      DestinationCheck.of(config, config.originalsStrings()).ifPresent(check -> check.check(all));
    }
    queueNewObjects(plan);
    progress.markPlanned();
    planned = true;
    log.info(
        "Restore task {}-{} (task {} of {}) planned in {} ms: {} partition streams, {} objects, {}"
            + " bytes from {} ({})",
        name,
        config.taskId(),
        config.taskId() + 1,
        config.taskCount(),
        (System.nanoTime() - started) / 1_000_000,
        assigned.size(),
        progress.getPlannedObjects(),
        progress.getPlannedBytes(),
        services.store().describe(),
        handedOver
            ? "planned by the connector in this worker: no LIST call"
            : plan.stats().listCalls() + " LIST calls");
    nextPlanNanos = System.nanoTime() + config.pollInterval().toNanos();
    return true;
  }

  /** The read-ahead over the task's store, as it starts and as it restarts by itself. */
  private Prefetcher newPrefetcher() {
    return new Prefetcher(
        new ObjectDecoder(
            services.store(), services.formats(), services.keyDecoder(), services.headerDecoder()),
        config.fetchConcurrency(),
        config.bufferMaxBytes(),
        taskName,
        storeRetryPolicy(),
        EndpointReads.join(services.store().endpoint(), config.fetchWorkerConcurrency()),
        config.storeUnavailableTimeout());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Takes on streams of this task's share seen for the first time: their source partitions and
   * where their committed offsets say to resume.
   */
  private void adopt(List<TopicPartition> streams) {
    List<Map<String, Object>> partitions = new ArrayList<>(streams.size());
    for (TopicPartition tp : streams) {
      Map<String, Object> partition = RestorePosition.sourcePartition(tp);
      sourcePartitions.put(tp, partition);
      partitions.add(partition);
    }
    Map<Map<String, Object>, Map<String, Object>> offsets =
        context.offsetStorageReader().offsets(partitions);
    for (TopicPartition tp : streams) {
      Map<String, Object> offset = offsets == null ? null : offsets.get(sourcePartitions.get(tp));
      Optional<RestorePosition> position = RestorePosition.fromSourceOffset(offset);
      resumeFrom.put(tp, position);
      position.ifPresent(
          p -> log.info("Resuming {} after record {} of '{}'", tp, p.record(), p.objectKey()));
      assigned.add(tp);
    }
  }

  /**
   * Queues the objects of a plan of the assigned streams (the first plan, or a refresh's, which may
   * hold only the newest objects) not yet queued or restored.
   */
  private void queueNewObjects(RestorePlan plan) {
    watchWindow.saw(plan);
    RestorePlan own = plan.only(share);
    List<TopicPartition> found = new ArrayList<>();
    for (PartitionStream stream : own.streams()) {
      if (!sourcePartitions.containsKey(stream.topicPartition())) {
        found.add(stream.topicPartition());
      }
    }
    if (!found.isEmpty()) {
      if (planned) {
        log.info("Task {}-{} found new partition streams: {}", name, config.taskId(), found);
      }
      adopt(found);
    }
    for (PartitionStream stream : own.streams()) {
      TopicPartition tp = stream.topicPartition();
      BackupObject last = lastQueued.get(tp);
      Optional<RestorePosition> position = resumeFrom.getOrDefault(tp, Optional.empty());
      for (BackupObject late :
          lateObjects.find(stream, last, o -> position.isPresent() && position.get().isPast(o))) {
        log.warn(
            "Not restoring '{}' of {}: it appeared after '{}', which follows it in the partition's"
                + " order, was queued (the sink wrote it late). Reset the partition's offsets and"
                + " restart the connector to restore it",
            late.objectKey(),
            tp,
            last.objectKey());
      }
      // Objects already queued or restored come first in restore order: skip them by bisection,
      // building only the objects it looks at.
      List<BackupObject> objects = stream.objects();
      int low = 0;
      int high = objects.size();
      while (low < high) {
        int middle = (low + high) >>> 1;
        BackupObject object = objects.get(middle);
        boolean queued = last != null && PartitionStream.RESTORE_ORDER.compare(object, last) <= 0;
        boolean restored = position.isPresent() && position.get().isPast(object);
        if (queued || restored) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      if (low == objects.size()) {
        lateObjects.remember(stream, last);
        continue;
      }
      List<BackupObject> fresh = objects.subList(low, objects.size());
      BackupObject first = fresh.get(0);
      long skip = position.map(p -> p.recordsDone(first)).orElse(0L);
      prefetcher.add(tp, fresh, skip);
      progress.planned(tp, fresh.size(), stream.bytes(low, objects.size()));
      lastQueued.put(tp, fresh.get(fresh.size() - 1));
      lateObjects.remember(stream, fresh.get(fresh.size() - 1));
      reporter.reopen();
    }
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    if (stopping || !access.tryAcquire()) {
      return null;
    }
    try {
      if (stopping) {
        return null;
      }
      if (restartAtNanos != 0) {
        restartWhenDue();
        return null;
      }
      try {
        return pollRecords();
      } catch (ConnectException e) {
        if (!isRestartable(e)) {
          throw e;
        }
        stopToRestart(e);
        return null;
      }
    } finally {
      access.release();
    }
  }

  /**
   * The poll waits on reads that have made no progress for {@code
   * restore.store.unavailable.timeout.ms}: a store that takes requests and never answers them fails
   * nothing, so the task treats it as gone, and restarts by itself (closing the stuck reads and the
   * store's client) or fails.
   */
  private void failIfStalled() {
    Duration stalled = prefetcher.stalledFor();
    if (stalled.compareTo(config.storeUnavailableTimeout()) < 0) {
      return;
    }
    String message =
        "no read from "
            + services.store().describe()
            + " has made progress for "
            + stalled.toSeconds()
            + " s, at least restore.store.unavailable.timeout.ms: the store takes requests and"
            + " does not answer them";
    throw new ConnectException(
        "Restore task " + taskName + " is stuck: " + message,
        new StoreUnavailableException(message, null));
  }

  /**
   * A failure a restart can mend: the store was unavailable for {@code
   * restore.store.unavailable.timeout.ms}. A refusal (403), a vanished object and bytes that do not
   * decode would fail again, or restore without the object: they fail the task at once.
   */
  private static boolean isRestartable(Throwable failure) {
    return FetchFailure.isStoreUnavailable(failure);
  }

  /**
   * Stops the reads and closes the store's client after a failure a restart can mend, to open them
   * anew after a back-off: the task restarts by itself rather than wait, {@code FAILED}, for an
   * operator. Fails the task once it restarted {@code restore.task.restarts.max} times in a row.
   */
  private void stopToRestart(ConnectException failure) {
    int allowed = config.taskRestartsMax();
    if (restartsInARow >= allowed) {
      throw new ConnectException(
          failure.getMessage()
              + (allowed == 0
                  ? ""
                  : " The task restarted by itself "
                      + restartsInARow
                      + " times in a row (restore.task.restarts.max) and failed each time:"
                      + " restart it once the store is back."),
          failure);
    }
    restartsInARow++;
    Duration wait =
        config.taskRestartBackoff().multipliedBy(1L << Math.min(restartsInARow - 1, 20));
    unfinished = prefetcher.unfinished();
    prefetcher.close();
    services.store().close();
    restarts =
        new TaskRestarts(
            restarts == null ? 1 : restarts.count() + 1, failure.getMessage(), Instant.now());
    progress.restarted();
    restartAtNanos = System.nanoTime() + Math.max(1, wait.toNanos());
    log.warn(
        "Restore task {} restarts by itself in {} ms (restart {} in a row of at most {},"
            + " restore.task.restarts.max), from the last record it handed to Connect, after: {}",
        taskName,
        wait.toMillis(),
        restartsInARow,
        allowed,
        failure.getMessage());
  }

  /** Opens the store and the reads anew once the back-off has passed, where the task stopped. */
  private void restartWhenDue() throws InterruptedException {
    long left = restartAtNanos - System.nanoTime();
    if (left > 0) {
      Thread.sleep(Math.min(left / 1_000_000 + 1, POLL_WAIT_MS));
      return;
    }
    services = servicesFactory.apply(config);
    prefetcher = newPrefetcher();
    unfinished.forEach((tp, rest) -> prefetcher.add(tp, rest.objects(), rest.skipInFirst()));
    converter.restarted(restarts);
    restartAtNanos = 0;
    log.info(
        "Restore task {} restarted ({} restarts so far): {} partition streams go on from {}",
        taskName,
        restarts.count(),
        unfinished.size(),
        services.store().describe());
    unfinished = Map.of();
  }

  private List<SourceRecord> pollRecords() throws InterruptedException {
    if (!planned && !planFirst(config.storeUnavailableTimeout())) {
      return null;
    }
    long seen = prefetcher.changes();
    List<SourceRecord> batch = new ArrayList<>();
    List<TopicPartition> partitions = assigned;
    int active = 0;
    for (TopicPartition tp : partitions) {
      if (!prefetcher.isIdle(tp)) {
        active++;
      }
    }
    if (active == 0) {
      idle();
      return null;
    }
    int share = Math.max(1, config.batchMaxSize() / active);
    for (int i = 0; i < partitions.size() && batch.size() < config.batchMaxSize(); i++) {
      TopicPartition tp = partitions.get((turn + i) % partitions.size());
      take(tp, Math.min(share, config.batchMaxSize() - batch.size()), batch);
    }
    turn++;
    reporter.maybeLogProgress();
    if (batch.isEmpty()) {
      failIfStalled();
      prefetcher.awaitChange(seen, POLL_WAIT_MS);
      return null;
    }
    return batch;
  }

  /**
   * Takes up to {@code max} records of one stream, moving through its objects in order. Records
   * come out of an object's buffer in chunks, one lock each; their offsets share the object's key
   * and boxed start offset.
   */
  private void take(TopicPartition tp, int max, List<SourceRecord> batch) {
    Map<String, Object> sourcePartition = sourcePartitions.get(tp);
    int took = 0;
    long filtered = 0;
    try {
      ObjectBuffer head = prefetcher.head(tp);
      Long startOffset = null;
      while (took < max && head != null) {
        chunk.clear();
        if (head.drainTo(chunk, max - took) > 0) {
          if (startOffset == null) {
            startOffset = head.object().startOffset();
          }
          for (BackupRecord record : chunk) {
            SourceRecord converted =
                converter.convert(tp, sourcePartition, head.object(), startOffset, record);
            if (converted != null) {
              batch.add(converted);
              took++;
            } else {
              filtered++;
            }
          }
          continue;
        }
        if (!head.isDrained()) {
          return;
        }
        if (head.failure() != null) {
          if (!batch.isEmpty() && failsTheTask(head.failure())) {
            // Hand over what was read before it first: a later poll fails the task.
            return;
          }
          unreadable(tp, head);
        } else {
          progress.objectDone(tp, head.object().size());
          restartsInARow = 0;
        }
        head = prefetcher.advance(tp);
        startOffset = null;
      }
    } finally {
      chunk.clear();
      progress.produced(tp, took);
      progress.filtered(filtered);
    }
  }

  /**
   * An object that failed. One that cannot be decoded is skipped with {@code
   * behavior.on.error=ignore}; one that could not be fetched never is: skipping it would lose
   * records that are there.
   */
  private void unreadable(TopicPartition tp, ObjectBuffer head) {
    Throwable cause = head.failure();
    if (FetchFailure.classify(cause) != FetchFailure.Kind.UNDECODABLE) {
      throw new ConnectException(
          String.format(
              "Cannot fetch '%s' (Kafka partition %s) from %s: %s. Check that %s."
                  + " behavior.on.error=ignore skips only objects that cannot be decoded.",
              head.object().objectKey(),
              tp,
              services.store().describe(),
              cause.getMessage(),
              FetchFailure.whatToCheck(cause)),
          cause);
    }
    String message =
        String.format(
            "Cannot decode record %d of '%s' (Kafka partition %s) from %s: %s",
            head.nextIndex(),
            head.object().objectKey(),
            tp,
            services.store().describe(),
            cause.getMessage());
    if (config.failOnError()) {
      throw new ConnectException(
          message + ". Set behavior.on.error=ignore to skip the rest of such an object.", cause);
    }
    log.warn("{}; skipping the rest of the object (behavior.on.error=ignore)", message, cause);
    progress.objectSkipped(tp, head.object().size());
  }

  private boolean failsTheTask(Throwable failure) {
    return config.failOnError() || FetchFailure.classify(failure) != FetchFailure.Kind.UNDECODABLE;
  }

  /** The store's retry policy, which the fetches use for reads that break off. */
  private RetryPolicy storeRetryPolicy() {
    try {
      return ObjectStores.retryPolicy(config.originalsStrings());
    } catch (ConfigException e) {
      // A store handed in by a test has no keys of its own.
      return RetryPolicy.defaults();
    }
  }

  /** Everything queued is restored: summarise once, then look for new objects now and then. */
  private void idle() throws InterruptedException {
    reporter.maybeSummarise();
    long wait = nextPlanNanos - System.nanoTime();
    if (!config.watch()) {
      // One-shot: every stream is complete and nothing more is listed.
      Thread.sleep(POLL_WAIT_MS);
      return;
    }
    if (wait > 0) {
      Thread.sleep(Math.min(wait / 1_000_000 + 1, POLL_WAIT_MS));
      return;
    }
    nextPlanNanos = System.nanoTime() + config.pollInterval().toNanos();
    long before = progress.getPlannedObjects();
    // Only where new objects can appear: the newest time folders less the look-back, or the
    // partition folders after their last objects seen.
    try {
      queueNewObjects(partitioner.refresh(services.store(), request, watchWindow));
    } catch (StoreException e) {
      if (FetchFailure.classify(e) != FetchFailure.Kind.TRANSIENT) {
        throw e;
      }
      // Nothing is lost by looking again at the next interval: the store is loaded or away.
      log.warn(
          "Looking for new objects in {} failed; looking again in {} s: {}",
          services.store().describe(),
          config.pollInterval().toSeconds(),
          e.getMessage());
      return;
    }
    long found = progress.getPlannedObjects() - before;
    if (found > 0) {
      log.info("Found {} new objects to restore", found);
    }
  }

  /** For tests: the task's read-ahead. */
  Prefetcher prefetcher() {
    return prefetcher;
  }

  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    progress.acknowledged(RestorePosition.topicPartition(record.sourcePartition()));
  }

  /**
   * Stops the fetches and closes the store once no poll is running; polls after it return nothing.
   * The fetch threads end before the store's client closes.
   */
  @Override
  public void stop() {
    stopping = true;
    access.acquireUninterruptibly();
    try {
      if (prefetcher != null) {
        prefetcher.close();
      }
      if (reporter != null) {
        reporter.close();
      }
      if (services != null) {
        services.store().close();
      }
    } finally {
      access.release();
    }
  }
}
