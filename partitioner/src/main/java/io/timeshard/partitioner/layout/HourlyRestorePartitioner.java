package io.timeshard.partitioner.layout;

import io.timeshard.partitioner.PartitionerConfig;
import io.timeshard.partitioner.time.TimeBuckets;

/** Reads the sinks' {@code HourlyPartitioner} layout: one-hour buckets in hour folders. */
public class HourlyRestorePartitioner extends TimeBasedRestorePartitioner {

  public static final String PATH_FORMAT = "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH";
  public static final long DURATION_MS = 60L * 60 * 1000;

  @Override
  protected TimeBuckets timeBuckets(PartitionerConfig config) {
    return config.timeBuckets(PATH_FORMAT, DURATION_MS);
  }
}
