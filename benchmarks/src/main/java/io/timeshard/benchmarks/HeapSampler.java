package io.timeshard.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Samples the used heap of this JVM every few milliseconds while it runs, and reads the heap pools'
 * own peaks: the peak used heap over a stretch of work.
 */
final class HeapSampler implements AutoCloseable {

  private static final long EVERY_MS = 20;

  private final Thread thread;
  private final long gcCountBefore;
  private volatile boolean running = true;
  private volatile long peakUsed;
  private volatile long peakAfterGc;
  private long poolsAtClose;
  private long collectionsAtClose;

  HeapSampler() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    gcCountBefore = gcCount();
    thread = new Thread(this::sample, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void sample() {
    while (running) {
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (used > peakUsed) {
        peakUsed = used;
      }
      long afterGc = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
          afterGc += pool.getCollectionUsage().getUsed();
        }
      }
      if (afterGc > peakAfterGc) {
        peakAfterGc = afterGc;
      }
      try {
        Thread.sleep(EVERY_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The highest used heap seen by sampling. */
  long peakSampled() {
    return peakUsed;
  }

  /**
   * The most heap still used right after a collection: what the work kept alive, without the
   * garbage the collector had not yet been asked to clear.
   */
  long peakAfterGc() {
    return peakAfterGc;
  }

  /**
   * The sum of the heap pools' peaks (eden, survivor, old): an upper bound, since the pools need
   * not peak at the same moment.
   */
  long peakOfPools() {
    if (!running) {
      return poolsAtClose;
    }
    return currentPeakOfPools();
  }

  private static long currentPeakOfPools() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** The most heap the JVM may use ({@code -Xmx}). */
  static long maxHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
  }

  long collections() {
    return running ? gcCount() - gcCountBefore : collectionsAtClose;
  }

  private static long gcCount() {
    long count = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
    }
    return count;
  }

  /** Stops sampling; the peaks stay readable. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    poolsAtClose = currentPeakOfPools();
    collectionsAtClose = gcCount() - gcCountBefore;
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
