package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.PartitionerConfig;
import io.timeshard.partitioner.time.TimeBuckets;

/** Reads the sinks' {@code DailyPartitioner} layout: one-day buckets in day folders. */
public class DailyRestorePartitioner extends TimeBasedRestorePartitioner {

  public static final String PATH_FORMAT = "'year'=YYYY/'month'=MM/'day'=dd";
  public static final long DURATION_MS = 24L * 60 * 60 * 1000;

  @Override
  protected TimeBuckets timeBuckets(PartitionerConfig config) {
    return config.timeBuckets(PATH_FORMAT, DURATION_MS);
  }
}
