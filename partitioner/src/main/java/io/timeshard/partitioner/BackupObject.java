package io.timeshard.partitioner;

import io.timeshard.partitioner.key.ObjectKey;
import io.timeshard.partitioner.time.TimeInterval;
import java.util.Objects;
import java.util.Optional;

/**
 * One value object of a partition stream, with its companions.
 *
 * @param key the parsed key of the value object
 * @param size its size in bytes
 * @param keys the {@code .keys} companion, when the sink stored keys (its format may differ)
 * @param headers the {@code .headers} companion, when the sink stored headers
 * @param bucket the instants its time folder covers, for time-based layouts
 */
public record BackupObject(
    ObjectKey key,
    long size,
    Optional<ObjectKey> keys,
    Optional<ObjectKey> headers,
    Optional<TimeInterval> bucket) {

  public BackupObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(bucket, "bucket");
  }

  public String objectKey() {
    return key.key();
  }

  public long startOffset() {
    return key.startOffset();
  }
}
