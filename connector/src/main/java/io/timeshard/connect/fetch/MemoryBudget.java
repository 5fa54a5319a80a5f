package io.timeshard.connect.fetch;

/**
 * The memory a task may hold in records fetched and decoded ahead ({@code
 * restore.buffer.max.bytes}), counted as the heap the decoded records take (an estimate, see {@link
 * io.timeshard.connect.restore.RecordSizes}).
 */
final class MemoryBudget {

  private final long capacity;
  private long reserved;

  MemoryBudget(long capacity) {
    this.capacity = capacity;
  }

  synchronized boolean tryReserve(long bytes) {
    if (reserved + bytes > capacity) {
      return false;
    }
    reserved += bytes;
    return true;
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
