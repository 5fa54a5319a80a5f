package io.timeshard.connect.fetch;

import io.timeshard.connect.restore.BackupRecord;
import io.timeshard.connect.restore.ObjectDecoder;
import io.timeshard.connect.store.RetryPolicy;
import io.timeshard.connect.store.StoreUnavailableException;
import io.timeshard.partitioner.BackupObject;
import io.timeshard.partitioner.key.BackupFormat;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches and decodes objects ahead of the poll, as many at once as {@link AdaptiveConcurrency}
 * allows (at most {@code restore.fetch.concurrency}), within {@code restore.buffer.max.bytes}.
 *
 * <p>Each partition stream keeps its order: its objects are started in order and taken in order.
 * Streams are served breadth-first, every stream's next object before any stream's one after, so
 * that every partition makes progress and a partition's head object is always under way before its
 * later ones hold memory: the poll can always drain something, and nothing waits forever.
 */
public final class Prefetcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Prefetcher.class);

  /**
   * About how many bytes of heap a byte of a stored object takes once decoded into Connect records
   * (boxed numbers, strings and structs): what an object's buffer reserves at first. The buffers
   * themselves count each record's own estimate, so a wrong guess changes how far ahead an object
   * is decoded, never how much memory is held.
   */
  static final long DECODED_PER_STORED_BYTE = 4;

  /**
   * Room every object's buffer gets on top: short records decode to far more than four times their
   * bytes (a record of a few bytes is an object of a hundred), and a small object should still be
   * decoded whole.
   */
  static final long SMALL_OBJECT_ROOM = 64 * 1024;

  /**
   * The most heap a streamed object's records take while they wait for the poll (less when a
   * quarter of the memory cap is less). A large object is decoded only this far ahead of the poll:
   * it is enough to keep the poll fed while the fetch thread decodes on, and records decoded
   * further ahead only sit in the heap, to be copied by the collector and read back cold by the
   * converter. Records of the next objects still start early, so the store's latency stays hidden.
   */
  static final long STREAMING_BUFFER_BYTES = 1024 * 1024;

  private static final class Stream {
    final PendingObjects pending = new PendingObjects();
    final Deque<ObjectBuffer> started = new ArrayDeque<>();
    long skipInFirst;
  }

  private final ObjectDecoder decoder;
  private final MemoryBudget budget;
  private final int lookahead;
  private final long streamingCapacity;
  private final AdaptiveConcurrency concurrency;
  private final ThreadPoolExecutor executor;
  private int inFlight;
  private boolean heldByLimit;
  private boolean closed;
  private final RetryPolicy retry;
  private final EndpointReads endpoint;
  private final Duration unavailableTimeout;
  private final String storeName;

  /** Called by the endpoint when a place for a read frees up after this task was held back. */
  private final Runnable wake = this::schedule;

  /** Called by the endpoint when the store shows load: this task's read-ahead halves too. */
  private final Runnable slowDown;

  private final Map<TopicPartition, Stream> streams = new LinkedHashMap<>();

  /**
   * When a read last made progress (an answer, a failure, records, an end), or reads started after
   * none was under way: what tells a store that accepts requests but never answers.
   */
  private volatile long progressNanos = System.nanoTime();

  private final Object signal = new Object();
  private long changes;

  /** A read that failed this many times in a row is logged at WARN, once. */
  static final int WARN_AFTER_ATTEMPTS = 5;

  /** Reads in flight at first, before the poll's waits raise the limit. */
  static final int INITIAL_CONCURRENCY = 8;

  /** {@code restore.store.unavailable.timeout.ms}'s default, for readers made without it. */
  static final Duration UNAVAILABLE_TIMEOUT_DEFAULT = Duration.ofMinutes(10);

  /**
   * @param concurrency the most reads in flight; the limit adapts below it
   * @param bufferBytes the memory cap, in heap taken by decoded records; objects whose records take
   *     more than a quarter of it, or more than {@link #STREAMING_BUFFER_BYTES}, are streamed
   *     through a buffer of that size rather than held whole
   */
  public Prefetcher(ObjectDecoder decoder, int concurrency, long bufferBytes, String threadPrefix) {
    this(
        decoder,
        new AdaptiveConcurrency(Math.min(INITIAL_CONCURRENCY, concurrency), concurrency),
        bufferBytes,
        threadPrefix,
        RetryPolicy.defaults(),
        EndpointReads.own(),
        UNAVAILABLE_TIMEOUT_DEFAULT);
  }

  /**
   * @param retry the store's retry policy: the back-off between attempts of a read that failed
   * @param endpoint the reads in flight to the store from every task of this worker, which bound
   *     this task's and tell whether the store is gone
   * @param unavailableTimeout how long reads may fail with none succeeding before a read fails
   */
  public Prefetcher(
      ObjectDecoder decoder,
      int concurrency,
      long bufferBytes,
      String threadPrefix,
      RetryPolicy retry,
      EndpointReads endpoint,
      Duration unavailableTimeout) {
    this(
        decoder,
        new AdaptiveConcurrency(Math.min(INITIAL_CONCURRENCY, concurrency), concurrency),
        bufferBytes,
        threadPrefix,
        retry,
        endpoint,
        unavailableTimeout);
  }

  Prefetcher(
      ObjectDecoder decoder,
      AdaptiveConcurrency concurrency,
      long bufferBytes,
      String threadPrefix) {
    this(
        decoder,
        concurrency,
        bufferBytes,
        threadPrefix,
        RetryPolicy.defaults(),
        EndpointReads.own(),
        UNAVAILABLE_TIMEOUT_DEFAULT);
  }

  Prefetcher(
      ObjectDecoder decoder,
      AdaptiveConcurrency concurrency,
      long bufferBytes,
      String threadPrefix,
      RetryPolicy retry,
      EndpointReads endpoint,
      Duration unavailableTimeout) {
    this.decoder = decoder;
    this.concurrency = concurrency;
    this.retry = retry;
    this.endpoint = endpoint;
    this.unavailableTimeout = unavailableTimeout;
    this.storeName = decoder.store().describe();
    this.slowDown = concurrency::throttled;
    this.budget = new MemoryBudget(bufferBytes);
    this.lookahead = Math.max(4, 4 * concurrency.max());
    this.streamingCapacity = Math.max(1, Math.min(bufferBytes / 4, STREAMING_BUFFER_BYTES));
    // As many threads as reads may be in flight, made as the limit grows, gone when idle. A pool
    // below its core size makes a new thread for every read, idle ones or not: the core size
    // follows the limit, so that reads reuse threads (and what each keeps warm) rather than start
    // a new one per read until the most allowed exist.
    this.executor =
        new ThreadPoolExecutor(
            concurrency.limit(),
            concurrency.max(),
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            threads(threadPrefix));
    this.executor.allowCoreThreadTimeOut(true);
    // A sign of load seen by any task of the worker slows every task reading from the store.
    endpoint.onSlowDown(slowDown);
    decoder.store().onThrottled(endpoint::throttled);
    decoder.store().onFailedAttempt(endpoint::failedAttempt);
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-fetch-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Queues objects of a stream, in restore order, after those already queued.
   *
   * @param skipInFirst records of the first object already produced (a resumed restore)
   */
  public synchronized void add(TopicPartition tp, List<BackupObject> objects, long skipInFirst) {
    Stream stream = streams.computeIfAbsent(tp, p -> new Stream());
    if (stream.pending.isEmpty() && stream.started.isEmpty()) {
      stream.skipInFirst = skipInFirst;
    }
    stream.pending.addAll(objects);
    schedule();
  }

  /** A read to start: an object of a stream, and the buffer its records go to. */
  private record Read(TopicPartition tp, ObjectBuffer buffer) {}

  /**
   * Starts fetches while lookahead, memory and the concurrency limit allow, breadth-first across
   * streams.
   */
  public synchronized void schedule() {
    startReads(false);
  }

  /**
   * Starts reads as {@link #schedule} does.
   *
   * @param keepOne give the first read back rather than to the pool: a fetch thread that just ended
   *     a read runs the next itself, instead of waking another thread for it and going to sleep
   * @return the read kept, or {@code null}
   */
  private Read startReads(boolean keepOne) {
    heldByLimit = false;
    if (closed) {
      endpoint.notWaiting(wake);
      return null;
    }
    Read kept = null;
    // Start at the shallowest stream that has something to start: below it nothing is left.
    int from = lookahead;
    for (Stream stream : streams.values()) {
      if (!stream.pending.isEmpty()) {
        from = Math.min(from, stream.started.size());
      }
    }
    for (int depth = from; depth < lookahead; depth++) {
      boolean any = false;
      for (Map.Entry<TopicPartition, Stream> e : streams.entrySet()) {
        Stream stream = e.getValue();
        if (stream.started.size() != depth || stream.pending.isEmpty()) {
          continue;
        }
        if (inFlight >= concurrency.limit()) {
          heldByLimit = true;
          endpoint.notWaiting(wake);
          return kept;
        }
        BackupObject next = stream.pending.peek();
        long decoded = saturatedMultiply(next.size(), DECODED_PER_STORED_BYTE);
        long capacity = Math.max(1, Math.min(decoded + SMALL_OBJECT_ROOM, streamingCapacity));
        long held = heldBeforeOpen(next);
        if (!budget.tryReserve(capacity + held)) {
          endpoint.notWaiting(wake);
          return kept;
        }
        if (!endpoint.tryAcquire(wake)) {
          // The worker's reads to the store are at their bound: the endpoint wakes this task
          // when a place frees up.
          budget.release(capacity + held);
          return kept;
        }
        stream.pending.poll();
        long skip = stream.started.isEmpty() ? stream.skipInFirst : 0;
        stream.skipInFirst = 0;
        ObjectBuffer buffer = new ObjectBuffer(next, capacity, skip, this::changed);
        buffer.held = held;
        stream.started.add(buffer);
        if (inFlight++ == 0) {
          progressNanos = System.nanoTime();
        }
        Read read = new Read(e.getKey(), buffer);
        if (keepOne && kept == null) {
          kept = read;
        } else {
          executor.execute(() -> fetchAndEnd(read));
        }
        any = true;
      }
      if (!any && depth > from) {
        endpoint.notWaiting(wake);
        return kept;
      }
    }
    endpoint.notWaiting(wake);
    return kept;
  }

  /** Runs a read, then the reads its end lets start on this thread, one after the other. */
  private void fetchAndEnd(Read first) {
    Read read = first;
    while (read != null) {
      try {
        fetch(read.tp(), read.buffer());
      } catch (Throwable t) {
        // This thread ends: the read started in its place goes to another one.
        Read next = ended(read.buffer());
        if (next != null) {
          try {
            executor.execute(() -> fetchAndEnd(next));
          } catch (RejectedExecutionException closing) {
            // Closed meanwhile: nothing more is read.
          }
        }
        throw t;
      }
      read = ended(read.buffer());
    }
  }

  /**
   * A read ended: tell the limit whether the poll waited on it, and start what can start.
   *
   * @return a read for the calling thread to run next, or {@code null}
   */
  private synchronized Read ended(ObjectBuffer buffer) {
    endpoint.release(buffer.failure() == null);
    int before = concurrency.limit();
    concurrency.ended(buffer.pollWaited(), heldByLimit);
    int limit = concurrency.limit();
    if (log.isDebugEnabled() && limit != before) {
      log.debug("Reads in flight: {}", concurrency);
    }
    // The threads follow the highest limit yet, never a lowered one: reads started before the
    // limit fell may all be under way at once, and each needs a thread of its own (one waiting for
    // the poll to drain its buffer must not hold up the read the poll waits for). Idle threads end
    // after a while anyway.
    if (limit > executor.getCorePoolSize() && !closed) {
      executor.setCorePoolSize(limit);
    }
    inFlight--;
    return startReads(true);
  }

  /** The fetch threads there are now: for tests. */
  int threads() {
    return executor.getPoolSize();
  }

  /**
   * How long reads have been under way with none making progress: no answer, no failure, no record,
   * no end. Zero while no read is under way. A read that waits for the poll to take its records
   * makes no progress either, so the poll asks only while it waits on a read.
   */
  public synchronized Duration stalledFor() {
    if (inFlight == 0 || !endpoint.failingFor().isZero()) {
      // Reads that fail and wait to try again are the failure path's to time out.
      return Duration.ZERO;
    }
    return Duration.ofNanos(System.nanoTime() - progressNanos);
  }

  /** The reads under way now: for tests. */
  synchronized int inFlight() {
    return inFlight;
  }

  /** The limit on reads in flight, as it stands. */
  public AdaptiveConcurrency concurrency() {
    return concurrency;
  }

  /**
   * The heap a reader may hold while it decodes {@code object}, reserved before it starts: for
   * Parquet, a row group's column chunks, at most the object's size until its footer tells (see
   * {@link #holding}); streamed formats hold nothing worth counting.
   */
  static long heldBeforeOpen(BackupObject object) {
    return object.key().format() == BackupFormat.PARQUET ? object.size() : 0;
  }

  /**
   * What the reader of an object holds, now that it is open (or 0 once it is closed): the budget
   * takes the difference with what was reserved. A cancelled object's reservation is gone already.
   */
  private synchronized void holding(ObjectBuffer buffer, long bytes) {
    if (buffer.isCancelled()) {
      return;
    }
    long before = buffer.held;
    buffer.held = bytes;
    if (bytes > before) {
      budget.reserve(bytes - before);
    } else if (bytes < before) {
      budget.release(before - bytes);
      schedule();
    }
  }

  private void fetch(TopicPartition tp, ObjectBuffer buffer) {
    try {
      fetchObject(tp, buffer);
    } finally {
      holding(buffer, 0);
    }
  }

  /**
   * Reads an object into its buffer. A read that fails for a reason that may pass (the store broke
   * off, or kept failing through its client's retries) slows every task of the worker down and is
   * tried again from the record it reached, after a back-off, until no read from the store has
   * succeeded for {@code restore.store.unavailable.timeout.ms}: the store is then gone, and the
   * read fails. Any other failure fails the read at once.
   */
  private void fetchObject(TopicPartition tp, ObjectBuffer buffer) {
    BackupObject object = buffer.object();
    long failingSince = -1;
    for (int attempt = 1; ; attempt++) {
      long skip = buffer.nextIndex();
      try (var records = decoder.open(object, skip)) {
        endpoint.succeeded();
        progressNanos = System.nanoTime();
        holding(buffer, records.heldBytes());
        BackupRecord record;
        long read = 0;
        while ((record = records.next()) != null) {
          if ((++read & 1023) == 0) {
            progressNanos = System.nanoTime();
          }
          if (record.index() < skip) {
            continue;
          }
          if (!buffer.put(record)) {
            return;
          }
        }
        progressNanos = System.nanoTime();
        buffer.finish();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        buffer.fail(e);
        return;
      } catch (Exception | LinkageError e) {
        if (buffer.isCancelled()) {
          return;
        }
        if (FetchFailure.classify(e) != FetchFailure.Kind.TRANSIENT) {
          buffer.fail(e);
          return;
        }
        // A failure is an answer too: reads that fail are the failure path's, not stuck.
        progressNanos = System.nanoTime();
        endpoint.failed();
        endpoint.failedAttempt();
        Duration failing = endpoint.failingFor();
        if (failing.compareTo(unavailableTimeout) >= 0) {
          buffer.fail(unavailable(failing, e));
          return;
        }
        long now = System.nanoTime();
        failingSince = failingSince < 0 ? now : failingSince;
        if (now - failingSince >= unavailableTimeout.toNanos()) {
          // Other reads succeed, this one never does: a store that fails one object for good.
          buffer.fail(unreadable(object, Duration.ofNanos(now - failingSince), e));
          return;
        }
        long wait = retry.backoffBefore(attempt).toMillis();
        log.debug(
            "Reading '{}' of {} failed (attempt {}, reads to the store failing for {} ms); trying"
                + " again in {} ms",
            object.objectKey(),
            tp,
            attempt,
            failing.toMillis(),
            wait,
            e);
        if (attempt == WARN_AFTER_ATTEMPTS) {
          log.warn(
              "Reading '{}' of {} from {} has failed {} times, last with: {}. Retrying until no"
                  + " read has succeeded for {} s (restore.store.unavailable.timeout.ms)",
              object.objectKey(),
              tp,
              storeName,
              attempt,
              e.toString(),
              unavailableTimeout.toSeconds());
        }
        try {
          // The first back-off always, then until the store is seen answering again: a read
          // that failed through a burst of errors goes on the moment the burst ends, not after
          // its own back-off grew long.
          long first = Math.min(wait, retry.backoffBefore(1).toMillis());
          Thread.sleep(first);
          endpoint.awaitSuccess(wait - first);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          buffer.fail(e);
          return;
        }
      }
    }
  }

  private StoreUnavailableException unreadable(
      BackupObject object, Duration failing, Throwable last) {
    return new StoreUnavailableException(
        "no read of '"
            + object.objectKey()
            + "' from "
            + storeName
            + " has succeeded for "
            + failing.toSeconds()
            + " s, at least restore.store.unavailable.timeout.ms ("
            + unavailableTimeout.toMillis()
            + "), while other reads did: the store keeps failing this object; the last failure: "
            + last,
        last);
  }

  private StoreUnavailableException unavailable(Duration failing, Throwable last) {
    return new StoreUnavailableException(
        "no read from "
            + storeName
            + " has succeeded for "
            + failing.toSeconds()
            + " s, at least restore.store.unavailable.timeout.ms ("
            + unavailableTimeout.toMillis()
            + "): the store is unreachable or keeps failing; the last failure: "
            + last,
        last);
  }

  /** A stream's objects not yet restored, and the records of the first already handed over. */
  public record Unfinished(List<BackupObject> objects, long skipInFirst) {}

  /**
   * What is left of every stream: the objects under way and those not started, in order, and how
   * many records of the first the poll already took. A reader made anew from it goes on exactly
   * where the poll stopped.
   */
  public synchronized Map<TopicPartition, Unfinished> unfinished() {
    Map<TopicPartition, Unfinished> left = new LinkedHashMap<>();
    streams.forEach(
        (tp, stream) -> {
          List<BackupObject> objects = new ArrayList<>();
          stream.started.forEach(buffer -> objects.add(buffer.object()));
          PendingObjects pending = stream.pending.copy();
          for (BackupObject next = pending.poll(); next != null; next = pending.poll()) {
            objects.add(next);
          }
          ObjectBuffer head = stream.started.peek();
          long skip = head != null ? head.nextToTake() : stream.skipInFirst;
          if (!objects.isEmpty()) {
            left.put(tp, new Unfinished(objects, skip));
          }
        });
    return left;
  }

  /** The buffer of a stream's current object, or {@code null} when nothing is under way. */
  public synchronized ObjectBuffer head(TopicPartition tp) {
    Stream stream = streams.get(tp);
    return stream == null ? null : stream.started.peek();
  }

  /**
   * Done with a stream's current object: frees its memory and starts what can start.
   *
   * @return the stream's next object's buffer, as {@link #head} would give it
   */
  public synchronized ObjectBuffer advance(TopicPartition tp) {
    Stream stream = streams.get(tp);
    ObjectBuffer done = stream.started.poll();
    if (done != null) {
      done.cancel();
      budget.release(done.capacity() + done.held);
      done.held = 0;
    }
    schedule();
    return stream.started.peek();
  }

  private static long saturatedMultiply(long a, long b) {
    long product = a * b;
    return a != 0 && product / a != b ? Long.MAX_VALUE / 2 : product;
  }

  /** True when a stream has nothing queued or under way. */
  public synchronized boolean isIdle(TopicPartition tp) {
    Stream stream = streams.get(tp);
    return stream == null || (stream.pending.isEmpty() && stream.started.isEmpty());
  }

  public synchronized int remainingObjects(TopicPartition tp) {
    Stream stream = streams.get(tp);
    return stream == null ? 0 : stream.pending.size() + stream.started.size();
  }

  public synchronized List<TopicPartition> partitions() {
    return new ArrayList<>(streams.keySet());
  }

  public long bufferedBytes() {
    return budget.reserved();
  }

  private void changed() {
    synchronized (signal) {
      changes++;
      signal.notifyAll();
    }
  }

  /** A counter of fetch events, to wait on with {@link #awaitChange}. */
  public long changes() {
    synchronized (signal) {
      return changes;
    }
  }

  /** Waits until a fetch delivers something after {@code seen}, or the timeout passes. */
  public void awaitChange(long seen, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    synchronized (signal) {
      while (changes == seen) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return;
        }
        signal.wait(left);
      }
    }
  }

  /** Cancels every fetch and ends the fetch threads; nothing is scheduled after it. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      for (Stream stream : streams.values()) {
        stream.started.forEach(ObjectBuffer::cancel);
      }
    }
    // Reads that never ran give their places in the worker's bound back; those that ran give
    // them back as they end.
    endpoint.cancelled(executor.shutdownNow().size());
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("Fetch threads did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    endpoint.leave(slowDown, wake);
  }
}
