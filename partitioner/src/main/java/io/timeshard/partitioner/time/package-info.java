/**
 * Time in backups: {@link io.timeshard.partitioner.time.TimeInterval}, the half-open interval of a
 * restore window and of the instants a time folder covers, and {@link
 * io.timeshard.partitioner.time.TimeBuckets}, which reads the sinks' {@code path.format} folders
 * back into intervals, as their time-based partitioners bucket records.
 */
package io.timeshard.partitioner.time;
