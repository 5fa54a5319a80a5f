package io.timeshard.partitioner;

import java.util.Map;

/** Partitioner configurations the tests plan with. */
public final class TimeBasedConfigs {

  /** The sink's hourly time-based layout, {@code YYYY/MM/dd/HH} folders in UTC. */
  public static final Map<String, String> HOURLY_UTC =
      Map.of(
          "partitioner.class", "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
          "path.format", "YYYY/MM/dd/HH",
          "partition.duration.ms", "3600000",
          "locale", "en-US",
          "timezone", "UTC");

  private TimeBasedConfigs() {}
}
