package io.timeshard.connect.fetch;

/**
 * The memory a task may hold in records fetched and decoded ahead ({@code
 * restore.buffer.max.bytes}), counted as the heap the decoded records take (an estimate, see {@link
 * io.timeshard.connect.restore.RecordSizes}), and the heap readers hold while they decode (a
 * Parquet row group). A reservation larger than the whole cap is granted when nothing else is
 * reserved, so that an object whose row group alone exceeds the cap is still read, alone.
 */
final class MemoryBudget {

  private final long capacity;
  private long reserved;

  MemoryBudget(long capacity) {
    this.capacity = capacity;
  }

  synchronized boolean tryReserve(long bytes) {
    if (reserved > 0 && reserved + bytes > capacity) {
      return false;
    }
    reserved += bytes;
    return true;
  }

  /** Reserves what a reader already holds, whether it fits or not: the cap holds later reads. */
  synchronized void reserve(long bytes) {
    reserved += bytes;
  }

  synchronized void release(long bytes) {
    reserved -= bytes;
  }

  synchronized long reserved() {
    return reserved;
  }

  long capacity() {
    return capacity;
  }
}
