package io.timeshard.partitioner;

import io.timeshard.partitioner.time.TimeInterval;
import java.time.Duration;

/**
 * Where a refresh looks for new objects after the first plan. In a time-based layout new objects
 * land in the newest time folders, and late ones a little before them: a refresh lists the restore
 * window from the start of the newest folder seen, less a look-back, so that the folders before it
 * are pruned without being listed. Layouts without time folders list the whole window again.
 */
public final class WatchWindow {

  private final TimeInterval window;
  private final long lookBackMs;
  private long newest = Long.MIN_VALUE;

  /**
   * @param window the restore window
   * @param lookBack how far before the newest folder seen a refresh still looks, for late files
   */
  public WatchWindow(TimeInterval window, Duration lookBack) {
    this.window = window;
    this.lookBackMs = lookBack.toMillis();
  }

  /** Notes the newest time folder of a plan. */
  public synchronized void saw(RestorePlan plan) {
    for (PartitionStream stream : plan.streams()) {
      stream.newestBucketStart().ifPresent(start -> newest = Math.max(newest, start));
    }
  }

  /** The window the next refresh lists. */
  public synchronized TimeInterval next() {
    if (newest == Long.MIN_VALUE) {
      return window;
    }
    long from = newest - lookBackMs;
    if (from <= window.startMillis()) {
      return window;
    }
    return new TimeInterval(Math.min(from, window.endMillis()), window.endMillis());
  }
}
