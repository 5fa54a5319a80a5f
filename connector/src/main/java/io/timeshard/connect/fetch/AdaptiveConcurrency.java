package io.timeshard.connect.fetch;

import java.util.function.BooleanSupplier;

/**
 * How many reads a task keeps in flight: as many as it takes to hide the store's latency, at most
 * {@code restore.fetch.concurrency}, fewer while the store throttles.
 *
 * <p>Additive increase, multiplicative decrease, as a TCP sender paces itself:
 *
 * <ul>
 *   <li>A read that ends <em>late</em> (the poll reached its object before its records were there)
 *       while the limit, not memory or a lack of work, held back the next read says that more reads
 *       in flight would have hidden the wait. At first a late read adds one for every read that
 *       ended since the last raise, at most doubling the limit: the poll waits on only a few of a
 *       round trip's reads (those behind it arrive while it drains the first), and the limit still
 *       doubles every round trip in which it waited. After the first throttling answer, a limit's
 *       worth of late reads adds one.
 *   <li>A sign of load from the store (a throttling or server-error answer, a reset, a timeout,
 *       seen by any task of the worker: {@link EndpointReads}) halves the limit, at most once per
 *       limit's worth of reads ended, so that one burst of answers to the reads already sent counts
 *       once. Late reads then win the limit before the halving back as in slow start, busy cores or
 *       not: it was reached on idle cores, and the store took it away, not the CPU.
 * </ul>
 *
 * Reads that end in time change nothing: the limit only grows while it is what keeps the poll
 * waiting, and while the process leaves part of its cores idle ({@link IdleCores}): on busy cores
 * the poll waits on the CPU, and more reads in flight would only take turns on it. Thread-safe.
 */
public final class AdaptiveConcurrency {

  private final int max;
  private final BooleanSupplier idleCores;
  private int limit;
  private boolean slowStart = true;

  /** The limit before the last halving, which late reads win back as in slow start. */
  private int regainTo;

  /** The limit right after the last halving. */
  private int halvedTo;

  private int lateCredit;
  private long endedSinceDecrease = Long.MAX_VALUE / 2;
  private long endedSinceRaise;
  private long increases;
  private long decreases;

  /**
   * @param initial the limit to start from
   * @param max the most reads in flight ({@code restore.fetch.concurrency})
   */
  public AdaptiveConcurrency(int initial, int max) {
    this(initial, max, IdleCores.PROCESS);
  }

  /**
   * @param idleCores whether the process leaves part of its cores idle: the limit grows only then
   */
  AdaptiveConcurrency(int initial, int max, BooleanSupplier idleCores) {
    this.idleCores = idleCores;
    if (max < 1) {
      throw new IllegalArgumentException("the most reads in flight must be positive: " + max);
    }
    this.max = max;
    this.limit = Math.max(1, Math.min(initial, max));
  }

  /** How many reads may be in flight now. */
  public synchronized int limit() {
    return limit;
  }

  public int max() {
    return max;
  }

  /**
   * A read ended.
   *
   * @param late the poll waited on this read's object
   * @param limited the reads in flight were at the limit when it ended, and more work was waiting
   *     that memory allowed to start
   */
  public synchronized void ended(boolean late, boolean limited) {
    endedSinceDecrease++;
    endedSinceRaise++;
    if (!late || !limited || limit >= max) {
      return;
    }
    if (limit < regainTo) {
      // Back towards the limit a sign of load halved: it was reached on idle cores before, and
      // the store, not the CPU, made the task give it up.
      raise((int) Math.min(regainTo - limit, Math.min(limit, endedSinceRaise)));
      return;
    }
    if (!idleCores.getAsBoolean()) {
      return;
    }
    if (slowStart) {
      raise((int) Math.min(limit, endedSinceRaise));
      return;
    }
    if (++lateCredit >= limit) {
      lateCredit = 0;
      raise(1);
    }
  }

  private void raise(int by) {
    limit = Math.min(max, limit + by);
    endedSinceRaise = 0;
    increases++;
  }

  /** The store answered a read with a throttling status. */
  public synchronized void throttled() {
    slowStart = false;
    if (endedSinceDecrease < limit) {
      return;
    }
    regainTo = limit;
    limit = Math.max(1, limit / 2);
    halvedTo = limit;
    lateCredit = 0;
    endedSinceDecrease = 0;
    decreases++;
  }

  /** How many times the limit was raised. */
  public synchronized long increases() {
    return increases;
  }

  /** How many times the limit was lowered. */
  public synchronized long decreases() {
    return decreases;
  }

  /**
   * The limit just before the last halving, 0 before any: late reads may have raised the limit
   * again since, so {@link #limit()} alone cannot tell what a throttling answer took away.
   */
  public synchronized int limitBeforeLastDecrease() {
    return decreases == 0 ? 0 : regainTo;
  }

  /** The limit just after the last halving, 0 before any. */
  public synchronized int limitAfterLastDecrease() {
    return halvedTo;
  }

  @Override
  public synchronized String toString() {
    return "reads in flight: limit " + limit + " of at most " + max;
  }
}
