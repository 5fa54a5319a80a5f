package io.timeshard.connect.fetch;

import io.timeshard.connect.restore.BackupRecord;
import io.timeshard.partitioner.BackupObject;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The records of one object, decoded by a fetch thread ahead of the task's poll. Holds records of
 * at most {@code capacity} bytes of heap: a small object fits whole, a large one is streamed
 * through, its fetch thread waiting while the poll catches up. Until the poll first takes from it
 * (while objects before it are restored), it fills only {@link #WAITING_BYTES} of that: enough for
 * the poll's first take once it gets there, while records decoded further ahead would only wait in
 * the heap long enough for the collector to copy them to the old generation. One record always
 * fits, however large.
 */
public final class ObjectBuffer {

  /** The most heap an object's records take before the poll reaches the object. */
  static final long WAITING_BYTES = 256 * 1024;

  private final BackupObject object;
  private final long capacity;

  /** What the buffer fills up to: {@link #WAITING_BYTES} until the poll reaches it, then all. */
  private long limit;

  private final ArrayDeque<BackupRecord> records = new ArrayDeque<>();
  private final Runnable onChange;
  private long buffered;
  private boolean finished;
  private boolean cancelled;
  private Throwable failure;
  private long nextIndex;
  private long nextToTake;
  private boolean pollWaited;

  /**
   * The heap its reader holds besides the records (a Parquet row group), as reserved in the budget:
   * guarded by the {@link Prefetcher}.
   */
  long held;

  ObjectBuffer(BackupObject object, long capacity, long firstIndex, Runnable onChange) {
    this.object = object;
    this.capacity = capacity;
    this.limit = Math.min(capacity, WAITING_BYTES);
    this.nextIndex = firstIndex;
    this.nextToTake = firstIndex;
    this.onChange = onChange;
  }

  public BackupObject object() {
    return object;
  }

  long capacity() {
    return capacity;
  }

  /**
   * Adds a record; waits while the buffer is full. Returns false once cancelled. Only a record that
   * finds the buffer empty after the poll came for one tells the poll: a poll that found records
   * here took them before it could wait, one that found none waits for exactly this change, and one
   * that has not reached the object yet finds its records when it does. With a hundred reads in
   * flight, telling the poll of every object that arrives would wake it for objects it cannot take
   * yet, each wake an empty poll through Connect's loop.
   */
  boolean put(BackupRecord record) throws InterruptedException {
    boolean wake;
    synchronized (this) {
      while (!cancelled && buffered > 0 && buffered + record.bytes() > limit) {
        wait();
      }
      if (cancelled) {
        return false;
      }
      wake = pollWaited && records.isEmpty();
      records.add(record);
      buffered += record.bytes();
      nextIndex = record.index() + 1;
    }
    if (wake) {
      onChange.run();
    }
    return true;
  }

  /** The index of the next record the fetch must deliver: a retry skips what came before. */
  public synchronized long nextIndex() {
    return nextIndex;
  }

  /**
   * Moves up to {@code max} records, in order, to {@code into}, under one lock: the poll takes an
   * object's records in chunks, not one lock and one wake-up of the fetch thread a record. A fetch
   * thread waiting on a full buffer is woken once at most half of it is left: it then decodes half
   * a buffer in one go rather than a poll's worth of records at a time, each a wake-up and a sleep.
   *
   * @return how many records were moved
   */
  public synchronized int drainTo(List<BackupRecord> into, int max) {
    // Only the poll drains, and only the object it is restoring: from now on it may fill up.
    limit = capacity;
    int moved = 0;
    long bytes = 0;
    BackupRecord record;
    while (moved < max && (record = records.poll()) != null) {
      into.add(record);
      bytes += record.bytes();
      nextToTake = record.index() + 1;
      moved++;
    }
    if (moved > 0) {
      buffered -= bytes;
      if (buffered <= limit / 2) {
        notifyAll();
      }
    }
    if (moved < max && !finished) {
      pollWaited = true;
    }
    return moved;
  }

  /** The index of the next record the poll takes: those before it were handed over. */
  synchronized long nextToTake() {
    return nextToTake;
  }

  /** True once the poll came for a record the fetch had not delivered yet. */
  synchronized boolean pollWaited() {
    return pollWaited;
  }

  /** The object is read: tells the poll if it waits on it. */
  void finish() {
    boolean wake;
    synchronized (this) {
      finished = true;
      wake = pollWaited;
    }
    if (wake) {
      onChange.run();
    }
  }

  void fail(Throwable cause) {
    boolean wake;
    synchronized (this) {
      failure = cause;
      finished = true;
      wake = pollWaited;
    }
    if (wake) {
      onChange.run();
    }
  }

  synchronized void cancel() {
    cancelled = true;
    notifyAll();
  }

  synchronized boolean isCancelled() {
    return cancelled;
  }

  /** True when every record was fetched and taken, or the fetch failed and nothing is left. */
  public synchronized boolean isDrained() {
    return finished && records.isEmpty();
  }

  public synchronized Throwable failure() {
    return failure;
  }
}
