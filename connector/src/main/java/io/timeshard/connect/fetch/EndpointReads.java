package io.timeshard.connect.fetch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reads in flight to one store endpoint from every task of this worker, and what they tell of
 * the store's health. One per endpoint per worker (JVM), shared by the tasks that read from it:
 *
 * <ul>
 *   <li><b>A bound.</b> At most {@code restore.fetch.worker.concurrency} reads are in flight at
 *       once, whatever {@code tasks.max} is, so the worker's connections to the store stay within
 *       its pool. A task whose read is held back by the bound waits its turn: the next read to end
 *       wakes it, and a task that was held back goes before one that was not.
 *   <li><b>Slowing down together.</b> A throttling answer (429, 503) halves the bound and every
 *       task's own read-ahead; a failed attempt (a server error, a reset connection, a timeout)
 *       lowers the bound by a quarter. Either at most once per bound's worth of reads ended, so
 *       that one burst of answers counts once. The bound grows back by one for every eighth of a
 *       bound's worth of reads that succeed: a few failures in a hundred cost little.
 *   <li><b>Whether the store is gone.</b> It keeps when reads started failing with no read
 *       succeeding since: a task fails a read only after {@code
 *       restore.store.unavailable.timeout.ms} of that, not after a count of retries.
 * </ul>
 *
 * Thread-safe. Listeners are called without the lock held, waiters on a thread of their own.
 */
public final class EndpointReads {

  private static final Logger log = LoggerFactory.getLogger(EndpointReads.class);

  private static final ConcurrentMap<String, EndpointReads> WORKER = new ConcurrentHashMap<>();

  /** Calls the tasks waiting for a place, for every endpoint: one daemon thread. */
  private static final Executor WAKER =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "timeshard-endpoint-reads");
            thread.setDaemon(true);
            return thread;
          });

  private final String endpoint;
  private final LongSupplier nanoTime;
  private final List<Runnable> slowDownListeners = new CopyOnWriteArrayList<>();
  private final Set<Runnable> waiters = new LinkedHashSet<>();
  private int max;
  private int limit;
  private int inFlight;
  private int users;
  private long endedSinceDecrease = Long.MAX_VALUE / 2;
  private long succeededSinceChange;
  private long decreases;
  private long failingSinceNanos = -1;
  private long maxInFlight;
  private boolean wakePending;
  private long successes;
  private int sleepers;

  EndpointReads(String endpoint, int max, LongSupplier nanoTime) {
    if (max < 1) {
      throw new IllegalArgumentException("the most reads in flight must be positive: " + max);
    }
    this.endpoint = endpoint;
    this.max = max;
    this.limit = max;
    this.nanoTime = nanoTime;
  }

  /**
   * The reads to {@code endpoint} of this worker, made by the first task to read from it; a later
   * task asking for a higher bound raises it. Each call is matched by one {@link #leave}.
   */
  public static EndpointReads join(String endpoint, int max) {
    return WORKER.compute(
        endpoint,
        (key, existing) -> {
          EndpointReads reads =
              existing != null ? existing : new EndpointReads(key, max, System::nanoTime);
          synchronized (reads) {
            reads.users++;
            if (max > reads.max) {
              reads.limit += max - reads.max;
              reads.max = max;
            }
          }
          return reads;
        });
  }

  /**
   * Reads of one reader alone, shared with no other task and unbounded by the worker: for readers
   * made outside a task (tests, tools).
   */
  public static EndpointReads own() {
    return new EndpointReads("(unshared)", Integer.MAX_VALUE / 2, System::nanoTime);
  }

  /** A task no longer reads from the endpoint: its listener and waiter go. */
  public void leave(Runnable slowDownListener, Runnable waiter) {
    slowDownListeners.remove(slowDownListener);
    synchronized (this) {
      waiters.remove(waiter);
    }
    WORKER.computeIfPresent(
        endpoint,
        (key, reads) -> {
          if (reads != this) {
            return reads;
          }
          synchronized (reads) {
            return --reads.users <= 0 ? null : reads;
          }
        });
  }

  /** Gives back the places of reads that were granted and will never run (their task closed). */
  public synchronized void cancelled(int reads) {
    inFlight -= reads;
    maybeWake();
  }

  /** {@code listener} hears of every slow-down, after the bound halved. */
  public void onSlowDown(Runnable listener) {
    slowDownListeners.add(listener);
  }

  /**
   * Takes a place for one read, or registers {@code waiter} to be called when places free up. While
   * tasks wait, a task that is not waiting gets no place: it joins the waiters instead, so that the
   * tasks take turns.
   */
  public synchronized boolean tryAcquire(Runnable waiter) {
    if (inFlight < limit && (waiters.isEmpty() || waiters.contains(waiter))) {
      waiters.remove(waiter);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return true;
    }
    waiters.add(waiter);
    maybeWake();
    return false;
  }

  /** {@code waiter} needs no place now (its task is held back by something else, or done). */
  public synchronized void notWaiting(Runnable waiter) {
    if (waiters.remove(waiter)) {
      maybeWake();
    }
  }

  /**
   * A read ended and gives its place back.
   *
   * @param succeeded it delivered its object: the bound may grow back, and the store is up
   */
  public synchronized void release(boolean succeeded) {
    inFlight--;
    endedSinceDecrease++;
    if (succeeded) {
      failingSinceNanos = -1;
      successes++;
      if (sleepers > 0) {
        notifyAll();
      }
      if (limit < max && ++succeededSinceChange >= Math.max(1, limit / 8)) {
        limit++;
        succeededSinceChange = 0;
      }
    }
    maybeWake();
  }

  /**
   * Calls the waiters, on a thread of their own, while a place is free: never on the caller's
   * thread, which may hold a task's lock that a waiter takes.
   */
  private void maybeWake() {
    if (!wakePending && inFlight < limit && !waiters.isEmpty()) {
      wakePending = true;
      WAKER.execute(this::wake);
    }
  }

  private void wake() {
    List<Runnable> wake;
    synchronized (this) {
      wakePending = false;
      wake = new ArrayList<>(waiters);
    }
    for (Runnable waiter : wake) {
      try {
        waiter.run();
      } catch (RuntimeException e) {
        log.warn("A task waiting to read from {} failed to start its reads", endpoint, e);
      }
    }
  }

  /** A read got its answer: the store is up, and reads waiting to try again may. */
  public synchronized void succeeded() {
    failingSinceNanos = -1;
    successes++;
    if (sleepers > 0) {
      notifyAll();
    }
  }

  /**
   * Waits until a read from the store succeeds, or {@code maxMillis} pass: a read that failed backs
   * off while the store fails, and tries again as soon as it is seen answering.
   */
  public synchronized void awaitSuccess(long maxMillis) throws InterruptedException {
    long seen = successes;
    long deadline = System.currentTimeMillis() + maxMillis;
    sleepers++;
    try {
      for (long left = maxMillis; successes == seen && left > 0; ) {
        wait(left);
        left = deadline - System.currentTimeMillis();
      }
    } finally {
      sleepers--;
    }
  }

  /**
   * The store throttled (429, 503): halve the bound and every task's read-ahead, once per bound's
   * worth of reads ended.
   */
  public void throttled() {
    if (lower(2, 1)) {
      for (Runnable listener : slowDownListeners) {
        listener.run();
      }
    }
  }

  /**
   * An attempt failed without a throttling answer (a server error, a reset connection, a timeout):
   * lower the bound by a quarter, once per bound's worth of reads ended. Failures that come now and
   * then, as on any busy network, cost a little and are won back; only a store that keeps failing
   * brings the bound down.
   */
  public void failedAttempt() {
    lower(4, 3);
  }

  /**
   * Multiplies the bound by {@code times / by}, unless it was lowered within its worth of reads.
   */
  private boolean lower(int by, int times) {
    synchronized (this) {
      if (endedSinceDecrease < limit) {
        return false;
      }
      endedSinceDecrease = 0;
      succeededSinceChange = 0;
      limit = Math.max(1, limit * times / by);
      decreases++;
    }
    log.debug("Reads in flight to {} in this worker: limit lowered to {}", endpoint, limit());
    return true;
  }

  /** A read failed: if none has succeeded since an earlier failure, the store is failing still. */
  public synchronized void failed() {
    if (failingSinceNanos < 0) {
      failingSinceNanos = nanoTime.getAsLong();
    }
  }

  /** How long reads have been failing with none succeeding; zero while the store answers. */
  public synchronized Duration failingFor() {
    return failingSinceNanos < 0
        ? Duration.ZERO
        : Duration.ofNanos(nanoTime.getAsLong() - failingSinceNanos);
  }

  public synchronized int limit() {
    return limit;
  }

  public synchronized int max() {
    return max;
  }

  public synchronized int inFlight() {
    return inFlight;
  }

  /** The most reads that were ever in flight at once. */
  public synchronized long maxInFlight() {
    return maxInFlight;
  }

  /** How many times the bound was halved. */
  public synchronized long decreases() {
    return decreases;
  }

  public String endpoint() {
    return endpoint;
  }

  /** The endpoints this worker reads from now: for tests. */
  static Set<String> endpoints() {
    return Set.copyOf(WORKER.keySet());
  }

  @Override
  public synchronized String toString() {
    return "reads in flight to "
        + endpoint
        + " in this worker: "
        + inFlight
        + " (limit "
        + limit
        + " of at most "
        + max
        + ")";
  }
}
