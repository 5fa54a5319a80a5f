package io.timeshard.connect.fetch;

/**
 * The bytes of backup objects a task may hold fetched ahead ({@code restore.buffer.max.bytes}),
 * counted as read from the store.
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
